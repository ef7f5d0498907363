import { HttpBackend, HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Router } from '@angular/router';
import type {
  ChangePasswordDto,
  LoginRequestDto,
  MeResponseDto,
  TokenPairResponseDto,
} from '@gt-vision/shared-types';
import { finalize, firstValueFrom, map, Observable, shareReplay, tap, throwError } from 'rxjs';
import { SessionStore } from './session.store';

/** Refresh this long before the access token expires, so no request is sent with a dying token. */
export const REFRESH_MARGIN_MS = 30_000;

export type LoginNotice = 'expired' | 'logged-out';

/** The error a caller sees when the session cannot be renewed (refresh token refused). */
export class SessionExpiredError extends Error {
  constructor() {
    super('session expired');
  }
}

@Injectable({ providedIn: 'root' })
export class AuthService {
  /** Bypasses the interceptors: login and refresh must not wait for, or trigger, a refresh. */
  private readonly bareHttp = new HttpClient(inject(HttpBackend));
  private readonly http = inject(HttpClient);
  private readonly store = inject(SessionStore);
  private readonly router = inject(Router);
  private refreshing: Observable<string> | null = null;

  async login(credentials: LoginRequestDto): Promise<void> {
    const pair = await firstValueFrom(
      this.bareHttp.post<TokenPairResponseDto>('/api/auth/login', credentials),
    );
    this.store.store(pair);
    await this.loadMe();
  }

  async loadMe(): Promise<MeResponseDto> {
    const me = await firstValueFrom(this.http.get<MeResponseDto>('/api/auth/me'));
    this.store.me.set(me);
    return me;
  }

  async changePassword(body: ChangePasswordDto): Promise<void> {
    const pair = await firstValueFrom(
      this.http.post<TokenPairResponseDto>('/api/auth/password', body),
    );
    this.store.store(pair);
  }

  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.http.post<void>('/api/auth/logout', null));
    } catch {
      // The session ends on this side whatever the server says (it may already be gone).
    }
    this.store.clear();
    await this.router.navigate(['/login'], { queryParams: { notice: 'logged-out' } });
  }

  /** A valid access token, refreshed first when it is about to expire; null when signed out. */
  freshToken(now = Date.now()): Observable<string> | string | null {
    const session = this.store.session();
    if (!session) return null;
    return session.accessExpiresAt - now > REFRESH_MARGIN_MS ? session.accessToken : this.refresh();
  }

  /** Promise form of `freshToken` for players and sockets. */
  async accessToken(): Promise<string | null> {
    const token = this.freshToken();
    return token === null || typeof token === 'string' ? token : firstValueFrom(token);
  }

  /**
   * One refresh in flight whatever the number of callers: a refresh token is single-use, so two
   * concurrent refreshes would look like a replay and revoke the whole session.
   */
  refresh(): Observable<string> {
    if (this.refreshing) return this.refreshing;
    const session = this.store.session();
    if (!session) return throwError(() => new SessionExpiredError());
    this.refreshing = this.bareHttp
      .post<TokenPairResponseDto>('/api/auth/refresh', { refreshToken: session.refreshToken })
      .pipe(
        tap({
          next: (pair) => this.store.store(pair),
          error: (error: unknown) => {
            if (
              error instanceof HttpErrorResponse &&
              (error.status === 401 || error.status === 400)
            )
              void this.expire();
          },
        }),
        map((pair) => pair.accessToken),
        finalize(() => (this.refreshing = null)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    return this.refreshing;
  }

  /** The session cannot be renewed: back to the login page, saying why, the page to come back to kept. */
  async expire(): Promise<void> {
    if (!this.store.signedIn()) return;
    this.store.clear();
    const returnTo = this.router.url.startsWith('/login') ? undefined : this.router.url;
    await this.router.navigate(['/login'], { queryParams: { notice: 'expired', returnTo } });
  }
}
