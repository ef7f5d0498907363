import { TestBed } from '@angular/core/testing';
import type { MeResponseDto } from '@gt-vision/shared-types';
import { SessionStore, tokenClaims } from './session.store';

/** A JWT-shaped token with these claims (the console never checks the signature). */
const token = (claims: object) =>
  `eyJhbGciOiJFUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

const pair = (accessToken: string) => ({
  accessToken,
  refreshToken: 'r',
  tokenType: 'Bearer' as const,
  expiresIn: 900,
  refreshExpiresIn: 3600,
});

describe('tokenClaims', () => {
  it('reads the user name and role, in UTF-8', () => {
    expect(tokenClaims(token({ sub: 'u1', username: 'joão', role: 'operator' }))).toEqual({
      username: 'joão',
      role: 'operator',
    });
  });

  it('gives null for anything that is not a token it can read', () => {
    expect(tokenClaims(undefined)).toBeNull();
    expect(tokenClaims('opaque')).toBeNull();
    expect(tokenClaims('a.%%%.c')).toBeNull();
    expect(tokenClaims(token({ sub: 'k1' }))).toBeNull();
    expect(tokenClaims(token({ username: 'x', role: 'superuser' }))).toBeNull();
  });
});

describe('SessionStore', () => {
  beforeEach(() => sessionStorage.clear());

  it('knows an admin from the token before /api/auth/me answers, then from it', () => {
    const store = TestBed.inject(SessionStore);
    store.store(pair(token({ username: 'root', role: 'admin' })));
    expect(store.isAdmin()).toBe(true);
    expect(store.claims()?.username).toBe('root');
    store.me.set({ kind: 'user', id: 'u1', role: 'viewer', username: 'root' } as MeResponseDto);
    expect(store.isAdmin()).toBe(false);
    store.clear();
    expect(store.isAdmin()).toBe(false);
    expect(store.claims()).toBeNull();
  });
});
