import { computed, Injectable, signal } from '@angular/core';
import type { MeResponseDto, TokenPairResponseDto } from '@gt-vision/shared-types';

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token stops being accepted. */
  accessExpiresAt: number;
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
  readonly isAdmin = computed(() => this.me()?.role === 'admin');

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
