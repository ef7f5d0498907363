import { HttpErrorResponse, HttpEvent, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, isObservable, Observable, switchMap, throwError } from 'rxjs';
import { AuthService } from './auth.service';

/** Requests to the edge's own origin that carry the user's token; login and refresh never do. */
function needsToken(request: HttpRequest<unknown>): boolean {
  const url = request.url;
  if (!url.startsWith('/')) return false;
  return !url.startsWith('/api/auth/login') && !url.startsWith('/api/auth/refresh');
}

function withToken(request: HttpRequest<unknown>, token: string): HttpRequest<unknown> {
  return request.clone({ setHeaders: { Authorization: `Bearer ${token}` } });
}

/**
 * Adds the access token, refreshing it first when it is about to expire; on a 401 it refreshes once
 * and replays the request, so an expired token never reaches the user. When the refresh itself is
 * refused, AuthService sends the user to the login page with a message.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!needsToken(request)) return next(request);
  const auth = inject(AuthService);
  const token = auth.freshToken();
  if (token === null) return next(request);
  const send = (value: string) => next(withToken(request, value));
  const first: Observable<HttpEvent<unknown>> = isObservable(token)
    ? token.pipe(switchMap(send))
    : send(token);
  return first.pipe(
    catchError((error: unknown) =>
      error instanceof HttpErrorResponse && error.status === 401 && !isLogout(request)
        ? auth.refresh().pipe(switchMap(send))
        : throwError(() => error),
    ),
  );
};

function isLogout(request: HttpRequest<unknown>): boolean {
  return request.url.startsWith('/api/auth/logout');
}
