import { Route } from '@angular/router';
import { ApiKeysComponent } from './api-keys.component';
import { CameraGroupsComponent } from './camera-groups.component';
import { UsersComponent } from './users.component';

export const userRoutes: Route[] = [{ path: '', component: UsersComponent }];
export const apiKeyRoutes: Route[] = [{ path: '', component: ApiKeysComponent }];
export const cameraAccessRoutes: Route[] = [{ path: '', component: CameraGroupsComponent }];
