import { Route } from '@angular/router';
import { adminGuard } from '@gt-vision/console/data';
import { SystemStatusComponent } from './system-status.component';

export const systemStatusRoutes: Route[] = [
  { path: '', component: SystemStatusComponent },
  {
    path: 'traces',
    canMatch: [adminGuard],
    loadComponent: () => import('./traces/traces.component').then((m) => m.TracesComponent),
  },
];
