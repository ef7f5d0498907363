import { Route } from '@angular/router';
import { SystemStatusComponent } from './system-status.component';

export const systemStatusRoutes: Route[] = [{ path: '', component: SystemStatusComponent }];
