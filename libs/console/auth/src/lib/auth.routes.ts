import { Route } from '@angular/router';
import { LoginComponent } from './login.component';
import { PasswordComponent } from './password.component';

export const loginRoutes: Route[] = [{ path: '', component: LoginComponent }];
export const passwordRoutes: Route[] = [{ path: '', component: PasswordComponent }];
