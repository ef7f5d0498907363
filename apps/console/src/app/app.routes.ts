import { Route } from '@angular/router';
import { adminGuard, signedInGuard } from '@gt-vision/console/data';

/** Every page is a lazily loaded library, so the initial bundle holds only the shell. */
export const appRoutes: Route[] = [
  {
    path: 'login',
    title: 'GT-Vision',
    loadChildren: () => import('@gt-vision/console/auth').then((m) => m.loginRoutes),
  },
  {
    path: '',
    canMatch: [signedInGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'wall' },
      {
        path: 'wall',
        title: 'GT-Vision',
        loadChildren: () => import('@gt-vision/console/wall').then((m) => m.wallRoutes),
      },
      {
        path: 'cameras',
        title: 'GT-Vision',
        loadChildren: () => import('@gt-vision/console/cameras').then((m) => m.cameraRoutes),
      },
      {
        path: 'detections',
        title: 'GT-Vision',
        loadChildren: () => import('@gt-vision/console/detections').then((m) => m.detectionRoutes),
      },
      {
        path: 'alerts',
        title: 'GT-Vision',
        loadChildren: () => import('@gt-vision/console/alerts').then((m) => m.alertRoutes),
      },
      {
        path: 'watchlists',
        title: 'GT-Vision',
        loadChildren: () => import('@gt-vision/console/alerts').then((m) => m.watchlistRoutes),
      },
      {
        path: 'playback',
        title: 'GT-Vision',
        loadChildren: () => import('@gt-vision/console/playback').then((m) => m.playbackRoutes),
      },
      {
        path: 'dashboard',
        title: 'GT-Vision',
        loadChildren: () => import('@gt-vision/console/dashboard').then((m) => m.dashboardRoutes),
      },
      {
        path: 'users',
        title: 'GT-Vision',
        canMatch: [adminGuard],
        loadChildren: () => import('@gt-vision/console/users').then((m) => m.userRoutes),
      },
      {
        path: 'api-keys',
        title: 'GT-Vision',
        canMatch: [adminGuard],
        loadChildren: () => import('@gt-vision/console/users').then((m) => m.apiKeyRoutes),
      },
      {
        path: 'camera-access',
        title: 'GT-Vision',
        canMatch: [adminGuard],
        loadChildren: () => import('@gt-vision/console/users').then((m) => m.cameraAccessRoutes),
      },
      {
        path: 'password',
        title: 'GT-Vision',
        loadChildren: () => import('@gt-vision/console/auth').then((m) => m.passwordRoutes),
      },
      {
        path: 'status',
        title: 'GT-Vision',
        loadChildren: () =>
          import('@gt-vision/console/system-status').then((m) => m.systemStatusRoutes),
      },
      { path: '**', redirectTo: 'wall' },
    ],
  },
  { path: '**', redirectTo: 'login' },
];
