import { computed, Injectable, signal } from '@angular/core';
import {
  USER_ROLES,
  type MeResponseDto,
  type TokenPairResponseDto,
  type UserRole,
} from '@gt-vision/shared-types';

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token stops being accepted. */
  accessExpiresAt: number;
}

/** What an access token says of its user (the registry signs `username` and `role` into it). */
export interface TokenClaims {
  username: string;
  role: UserRole;
}

/** Survives a reload of the tab (the page is kept), not the tab itself. */
const STORAGE_KEY = 'gtv.session';

/** The tokens of the signed-in user and who they are; nothing else reads or writes the storage. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly state = signal<Session | null>(readStored());
  readonly me = signal<MeResponseDto | null>(null);
  readonly session = this.state.asReadonly();
  readonly signedIn = computed(() => this.state() !== null);
  /**
   * Who the access token names, read from its claims until `me` arrives, so the page is drawn whole
   * at once (the admin links and the user's name appearing later pushed the page down). The console's
   * links and guards only spare a user pages they cannot use: the services check the token.
   */
  readonly claims = computed(() => tokenClaims(this.state()?.accessToken));
  readonly isAdmin = computed(() => (this.me()?.role ?? this.claims()?.role) === 'admin');

  /** The current access token, for players and sockets that cannot go through HttpClient. */
  accessToken(): string | null {
    return this.state()?.accessToken ?? null;
  }

  store(pair: TokenPairResponseDto, now = Date.now()): void {
    const session: Session = {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      accessExpiresAt: now + pair.expiresIn * 1000,
    };
    this.state.set(session);
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } catch {
      // Without storage the session lasts until the page is closed or reloaded.
    }
  }

  clear(): void {
    this.state.set(null);
    this.me.set(null);
    try {
      sessionStorage.removeItem(STORAGE_KEY);
    } catch {
      // Nothing was stored.
    }
  }
}

/** The access token's claims the console shows, or null if it is not a JWT it can read. */
export function tokenClaims(token: string | undefined): TokenClaims | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
      c.charCodeAt(0),
    );
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Partial<TokenClaims>;
    return typeof claims.username === 'string' && USER_ROLES.includes(claims.role as UserRole)
      ? { username: claims.username, role: claims.role as UserRole }
      : null;
  } catch {
    return null;
  }
}

function readStored(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    return typeof parsed.accessToken === 'string' &&
      typeof parsed.refreshToken === 'string' &&
      typeof parsed.accessExpiresAt === 'number'
      ? (parsed as Session)
      : null;
  } catch {
    return null;
  }
}
