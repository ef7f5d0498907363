import {
  RefreshErrors,
  type CreatedApiKeyResponseDto,
  type MeResponseDto,
  type TokenPairResponseDto,
  type UserResponseDto,
} from '@gt-vision/shared-types';
import { randomUUID } from 'node:crypto';
import { adminToken, edgeApi, eventually, login, PROMETHEUS, sessionOf } from './support/stack';

/*
 * Sessions beyond login/refresh/logout (auth.spec.ts): who-am-I, the self-service password change,
 * and the refresh grace window, on the real stack with its default configuration (grace 5 s). The
 * maximum session age (30 days by default) is covered by the registry's unit tests instead: the stack
 * has no test-only configuration, and the bounds keep it above an hour.
 */

const RUN = randomUUID().slice(0, 8);
const PASSWORD = `e2e-password-${randomUUID()}`;
const GRACE_MS = 5_000;

let admin: string;
const createdUsers = new Set<string>();
const createdKeys = new Set<string>();

async function createUser(name: string): Promise<UserResponseDto> {
  const res = await edgeApi<UserResponseDto>('POST', '/api/users', {
    token: admin,
    body: { username: `e2e-${RUN}-${name}`, role: 'operator', password: PASSWORD },
  });
  expect(res.status).toBe(201);
  createdUsers.add(res.body.id);
  return res.body;
}

/** A user's session, with this file's password unless told otherwise. */
const sessionFor = (user: UserResponseDto, password = PASSWORD) =>
  sessionOf(user.username, password);

const refresh = (refreshToken: string) =>
  edgeApi<TokenPairResponseDto>('POST', '/api/auth/refresh', { body: { refreshToken } });
const me = (token: string) => edgeApi<MeResponseDto>('GET', '/api/auth/me', { token });

async function sessionInfo(token: string) {
  const res = await me(token);
  expect(res.status).toBe(200);
  if (!res.body.session) throw new Error(`no session in ${res.text}`);
  return res.body.session;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  admin = await adminToken();
});

afterAll(async () => {
  for (const id of createdKeys)
    await edgeApi('DELETE', `/api/auth/api-keys/${id}`, { token: admin });
  for (const id of createdUsers) await edgeApi('DELETE', `/api/users/${id}`, { token: admin });
});

describe('GET /api/auth/me', () => {
  it('tells a user who they are and about the session, never a secret', async () => {
    const user = await createUser('me');
    const session = await sessionFor(user);
    const res = await me(session.accessToken);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      kind: 'user',
      id: user.id,
      username: user.username,
      displayName: null,
      role: 'operator',
      passwordChangedAt: user.passwordChangedAt,
      session: {
        id: expect.any(String),
        startedAt: expect.any(String),
        lastRefreshedAt: expect.any(String),
        expiresAt: expect.any(String),
      },
    });
    const { startedAt, expiresAt } = await sessionInfo(session.accessToken);
    // 30 days by default, counted from the login.
    expect(Date.parse(expiresAt) - Date.parse(startedAt)).toBe(30 * 86_400_000);
    expect(res.text).not.toContain(session.refreshToken);
    expect(res.text).not.toMatch(/scrypt|password_?hash/i);
  });

  it('keeps the session id and start across refreshes', async () => {
    const first = await sessionFor(await createUser('me-refresh'));
    const before = await sessionInfo(first.accessToken);
    const second = await refresh(first.refreshToken);
    const after = await sessionInfo(second.body.accessToken);
    expect(after).toMatchObject({ id: before.id, startedAt: before.startedAt });
  });

  it('answers an API key with its own identity', async () => {
    const created = await edgeApi<CreatedApiKeyResponseDto>('POST', '/api/auth/api-keys', {
      token: admin,
      body: { name: `e2e ${RUN} me`, role: 'viewer' },
    });
    expect(created.status).toBe(201);
    createdKeys.add(created.body.id);
    const res = await edgeApi<MeResponseDto>('GET', '/api/auth/me', {
      headers: { 'x-api-key': created.body.key },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      kind: 'api-key',
      id: created.body.id,
      name: `e2e ${RUN} me`,
      role: 'viewer',
    });
    expect(res.text).not.toContain(created.body.key);
  });

  it('is 401 without credentials', async () => {
    expect((await edgeApi('GET', '/api/auth/me')).status).toBe(401);
  });
});

describe('POST /api/auth/password', () => {
  it('needs the current password, ends the other sessions and reissues the caller’s', async () => {
    const user = await createUser('password');
    const laptop = await sessionFor(user);
    const phone = await sessionFor(user);
    const newPassword = `${PASSWORD}-changed`;

    const wrong = await edgeApi('POST', '/api/auth/password', {
      token: laptop.accessToken,
      body: { currentPassword: `${PASSWORD}-not`, newPassword },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details).toEqual([
      { field: 'currentPassword', problem: 'is not the current password' },
    ]);

    const changed = await edgeApi<TokenPairResponseDto>('POST', '/api/auth/password', {
      token: laptop.accessToken,
      body: { currentPassword: PASSWORD, newPassword },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ tokenType: 'Bearer', refreshToken: expect.any(String) });

    // Every earlier token of the user, the caller's own included, stops working.
    for (const old of [laptop, phone]) {
      expect((await me(old.accessToken)).status).toBe(401);
      expect((await refresh(old.refreshToken)).status).toBe(401);
    }
    // The caller carries on with the new pair, in a new session.
    const now = await me(changed.body.accessToken);
    expect(now.status).toBe(200);
    expect(Date.parse(String(now.body.passwordChangedAt))).toBeGreaterThan(
      Date.parse(user.passwordChangedAt),
    );
    expect((await refresh(changed.body.refreshToken)).status).toBe(200);

    expect((await login(user.username, PASSWORD)).status).toBe(401);
    expect((await login(user.username, newPassword)).status).toBe(200);
  });

  it('applies the password policy of admin-set passwords, naming the fields', async () => {
    const session = await sessionFor(await createUser('password-policy'));
    const res = await edgeApi('POST', '/api/auth/password', {
      token: session.accessToken,
      body: { newPassword: 'short' },
    });
    expect(res.status).toBe(400);
    expect([...new Set(res.body.details.map((d) => d.field))].sort()).toEqual([
      'currentPassword',
      'newPassword',
    ]);
    expect((await me(session.accessToken)).status).toBe(200);
  });

  it('is 401 without credentials', async () => {
    const res = await edgeApi('POST', '/api/auth/password', {
      body: { currentPassword: 'x', newPassword: 'y'.repeat(12) },
    });
    expect(res.status).toBe(401);
  });
});

describe('refresh grace window', () => {
  it('lets two tabs refreshing at once keep the session, with one refresh token', async () => {
    const first = await sessionFor(await createUser('two-tabs'));
    const [tabA, tabB] = await Promise.all([
      refresh(first.refreshToken),
      refresh(first.refreshToken),
    ]);
    expect([tabA.status, tabB.status]).toEqual([200, 200]);
    expect(tabA.body.refreshToken).toBe(tabB.body.refreshToken);
    expect((await me(tabA.body.accessToken)).status).toBe(200);
    expect((await me(tabB.body.accessToken)).status).toBe(200);
    // The session goes on as one chain.
    const next = await refresh(tabB.body.refreshToken);
    expect(next.status).toBe(200);
    expect((await me(next.body.accessToken)).status).toBe(200);
  });

  it('answers the rotated token again within the window with the current one', async () => {
    const first = await sessionFor(await createUser('late-tab'));
    const tabA = await refresh(first.refreshToken);
    const tabB = await refresh(first.refreshToken);
    expect(tabB.status).toBe(200);
    expect(tabB.body.refreshToken).toBe(tabA.body.refreshToken);
  });

  it('still revokes the family for reuse after the window', async () => {
    const first = await sessionFor(await createUser('reuse-late'));
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    await sleep(GRACE_MS + 1_500);
    const reuse = await refresh(first.refreshToken);
    expect({ status: reuse.status, message: reuse.body.message }).toEqual({
      status: 401,
      message: RefreshErrors.reused,
    });
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
    expect((await me(second.body.accessToken)).status).toBe(401);
  });

  it('still revokes the family for an older ancestor, even within the window', async () => {
    const first = await sessionFor(await createUser('ancestor'));
    const second = await refresh(first.refreshToken);
    const third = await refresh(second.body.refreshToken);
    expect(third.status).toBe(200);
    const reuse = await refresh(first.refreshToken);
    expect(reuse.status).toBe(401);
    expect(reuse.body.message).toBe(RefreshErrors.reused);
    expect((await me(third.body.accessToken)).status).toBe(401);
  });
});

describe('refresh-token pruning', () => {
  it('has run against the real database since the registry started (counter in Prometheus)', async () => {
    // A series appears only once a pass has completed: a failing statement would leave none.
    await eventually(async () => {
      const query = encodeURIComponent('gtv_refresh_tokens_pruned_total{job="camera-registry"}');
      const res = await fetch(`${PROMETHEUS}/api/v1/query?query=${query}`);
      const series = (await res.json()).data.result as { metric: { reason: string } }[];
      expect(series.map((s) => s.metric.reason).sort()).toEqual(['expired', 'revoked']);
    }, 60_000);
  });
});
