import { Route } from '@angular/router';
import { PlaybackComponent } from './playback.component';

export const playbackRoutes: Route[] = [{ path: '', component: PlaybackComponent }];
