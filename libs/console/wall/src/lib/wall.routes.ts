import { Route } from '@angular/router';
import { CameraViewComponent } from './camera-view.component';
import { WallComponent } from './wall.component';

export const wallRoutes: Route[] = [
  { path: '', component: WallComponent },
  { path: ':id', component: CameraViewComponent },
];
