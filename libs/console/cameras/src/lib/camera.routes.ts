import { Route } from '@angular/router';
import { adminGuard } from '@gt-vision/console/data';
import { CameraFormComponent } from './camera-form.component';
import { CameraListComponent } from './camera-list.component';

export const cameraRoutes: Route[] = [
  { path: '', component: CameraListComponent },
  { path: ':id', component: CameraFormComponent, canMatch: [adminGuard] },
];
