import { inject } from '@angular/core';
import { CanMatchFn, Router } from '@angular/router';
import { AuthService } from './auth.service';
import { SessionStore } from './session.store';

/** Pages behind login: without a session, to the login page, coming back here afterwards. */
export const signedInGuard: CanMatchFn = async (_route, segments) => {
  const store = inject(SessionStore);
  const router = inject(Router);
  const auth = inject(AuthService);
  const returnTo = '/' + segments.map((s) => s.path).join('/');
  const toLogin = router.createUrlTree(['/login'], { queryParams: { returnTo } });
  if (!store.signedIn()) return toLogin;
  if (store.me()) return true;
  try {
    await auth.loadMe();
    return true;
  } catch {
    // A refused refresh already navigated to the login page with its message.
    return store.signedIn() ? toLogin : false;
  }
};

/** Admin pages; other roles are sent to the wall (the API would answer 403 anyway). */
export const adminGuard: CanMatchFn = () =>
  inject(SessionStore).isAdmin() || inject(Router).createUrlTree(['/wall']);
