import { Route } from '@angular/router';

/** Every feature is a lazily loaded library, so the initial bundle holds only the shell. */
export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'status' },
  {
    path: 'status',
    title: 'System status · GT-Vision',
    loadChildren: () =>
      import('@gt-vision/console/system-status').then((m) => m.systemStatusRoutes),
  },
  { path: '**', redirectTo: 'status' },
];
