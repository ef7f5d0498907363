import type {
  ApiKeyResponseDto,
  CreatedApiKeyResponseDto,
  ErrorResponse,
  TokenPairResponseDto,
  UserResponseDto,
  UserRole,
} from '@gt-vision/shared-types';
import { randomUUID } from 'node:crypto';
import { adminToken, edgeApi, eventually, login, secret, sessionOf } from './support/stack';

/** Unique per run, so that reruns never collide with users or keys left by an earlier one. */
const RUN = randomUUID().slice(0, 8);
const PASSWORD = `e2e-password-${randomUUID()}`;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

let admin: string;
const createdUsers = new Set<string>();
const createdKeys = new Set<string>();

const fieldsOf = (error: ErrorResponse) => [...new Set(error.details.map((d) => d.field))].sort();

async function createUser(role: UserRole, name: string = role): Promise<UserResponseDto> {
  const res = await edgeApi<UserResponseDto>('POST', '/api/users', {
    token: admin,
    body: { username: `e2e-${RUN}-${name}`, role, password: PASSWORD },
  });
  expect(res.status).toBe(201);
  createdUsers.add(res.body.id);
  return res.body;
}

/** A user's session, with this file's password unless told otherwise. */
const sessionFor = (user: UserResponseDto, password = PASSWORD) =>
  sessionOf(user.username, password);

const refresh = (refreshToken: string) =>
  edgeApi<TokenPairResponseDto & ErrorResponse>('POST', '/api/auth/refresh', {
    body: { refreshToken },
  });

/** Any authenticated caller reaches ingest's router: 404 with a valid token, 401 without. */
const probe = (token: string) => edgeApi('GET', '/api/ingest/e2e-probe', { token });

beforeAll(async () => {
  admin = await adminToken();
});

afterAll(async () => {
  for (const id of createdKeys)
    await edgeApi('DELETE', `/api/auth/api-keys/${id}`, { token: admin });
  for (const id of createdUsers) await edgeApi('DELETE', `/api/users/${id}`, { token: admin });
});

describe('login', () => {
  it('gives the first admin an ES256 access token and a refresh token', async () => {
    const res = await login('admin', secret('GTV_ADMIN_PASSWORD'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      refreshToken: expect.stringMatching(/^[\w-]{43}$/),
      tokenType: 'Bearer',
      expiresIn: expect.any(Number),
      refreshExpiresIn: expect.any(Number),
    });
    const header = JSON.parse(
      Buffer.from(String(res.body['accessToken']).split('.')[0], 'base64url').toString(),
    );
    expect(header).toEqual({ alg: 'ES256', typ: 'JWT', kid: expect.any(String) });
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const user = await createUser('viewer', 'wrong-password');
    const wrong = await login(user.username, `${PASSWORD}-not`);
    const unknown = await login(`e2e-${RUN}-nobody`, PASSWORD);
    expect(wrong).toEqual({
      status: 401,
      body: {
        statusCode: 401,
        error: 'Unauthorized',
        message: 'invalid username or password',
        details: [],
      },
    });
    expect(unknown).toEqual(wrong);
  });

  it('names the missing fields', async () => {
    const res = await edgeApi('POST', '/api/auth/login', { body: { username: 'admin' } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['password']);
  });
});

describe('every service refuses anonymous callers', () => {
  it.each([
    ['/api/users', 'camera-registry'],
    ['/api/cameras', 'camera-registry'],
    ['/api/auth/api-keys', 'camera-registry'],
    ['/api/ingest/e2e-probe', 'ingest'],
    ['/api/detections/e2e-probe', 'analytics'],
    ['/api/frames/e2e-probe', 'frame-extraction'],
  ])('%s (%s) is 401 without a token and passes authentication with one', async (path) => {
    const anonymous = await edgeApi('GET', path);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'missing bearer token or API key',
      details: [],
    });
    const forged = await edgeApi('GET', path, { token: `${admin.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    const authenticated = await edgeApi('GET', path, { token: admin });
    expect([401, 403]).not.toContain(authenticated.status);
  });

  it('keeps health public', async () => {
    expect((await edgeApi('GET', '/health/camera-registry/live')).status).toBe(200);
  });
});

describe('roles', () => {
  it('gives a viewer 403, not 401, on admin routes', async () => {
    const viewer = await sessionFor(await createUser('viewer'));
    for (const [method, path] of [
      ['GET', '/api/users'],
      ['POST', '/api/users'],
      ['GET', '/api/auth/api-keys'],
    ]) {
      const body = method === 'GET' ? undefined : {};
      const res = await edgeApi(method, path, { token: viewer.accessToken, body });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
    }
  });
});

describe('refresh tokens', () => {
  it('rotate: each refresh token works once and yields a new pair', async () => {
    const first = await sessionFor(await createUser('operator', 'rotation'));
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await probe(second.body.accessToken)).status).toBe(404);
    const third = await refresh(second.body.refreshToken);
    expect(third.status).toBe(200);
  });

  it('revoke the whole family when a rotated token is presented again', async () => {
    const first = await sessionFor(await createUser('operator', 'reuse'));
    const second = (await refresh(first.refreshToken)).body;
    const third = (await refresh(second.refreshToken)).body;
    expect((await probe(third.accessToken)).status).toBe(404);

    // An older ancestor: the grace window for tabs refreshing at once (sessions.spec.ts) excuses
    // only the current token's immediate predecessor.
    const reuse = await refresh(first.refreshToken);
    expect(reuse.status).toBe(401);
    expect(reuse.body.message).toMatch(/already used/);
    // The current token and the family's access token stop working too, on every service.
    expect((await refresh(third.refreshToken)).status).toBe(401);
    const revoked = await probe(third.accessToken);
    expect({ status: revoked.status, message: revoked.body.message }).toEqual({
      status: 401,
      message: 'token revoked',
    });
    expect(
      (await edgeApi('GET', '/api/detections/e2e-probe', { token: third.accessToken })).status,
    ).toBe(401);
  });

  it('refuse unknown tokens and name a missing field', async () => {
    expect((await refresh('x'.repeat(43))).status).toBe(401);
    const missing = await edgeApi('POST', '/api/auth/refresh', { body: {} });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toEqual(['refreshToken']);
  });
});

describe('logout', () => {
  it('revokes the current access token and the refresh family', async () => {
    const session = await sessionFor(await createUser('viewer', 'logout'));
    expect((await edgeApi('POST', '/api/auth/logout', { token: session.accessToken })).status).toBe(
      204,
    );
    expect((await probe(session.accessToken)).status).toBe(401);
    expect((await refresh(session.refreshToken)).status).toBe(401);
  });

  it('needs an authenticated caller', async () => {
    expect((await edgeApi('POST', '/api/auth/logout')).status).toBe(401);
  });
});

describe('user administration', () => {
  it('creates, reads and updates a user without ever showing the password hash', async () => {
    const user = await createUser('viewer', 'crud');
    expect(user).toEqual({
      id: expect.any(String),
      username: `e2e-${RUN}-crud`,
      displayName: null,
      role: 'viewer',
      disabled: false,
      lockedUntil: null,
      passwordChangedAt: expect.any(String),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const read = await edgeApi<UserResponseDto>('GET', `/api/users/${user.id}`, { token: admin });
    expect(read.body).toEqual(user);
    const patched = await edgeApi<UserResponseDto>('PATCH', `/api/users/${user.id}`, {
      token: admin,
      body: { displayName: 'E2E Viewer', role: 'operator' },
    });
    expect(patched.body).toMatchObject({ displayName: 'E2E Viewer', role: 'operator' });
    const listed = await edgeApi<UserResponseDto[]>('GET', '/api/users', { token: admin });
    expect(listed.body.map((u) => u.id)).toContain(user.id);
    expect(listed.text).not.toMatch(/password_?hash|\$scrypt\$/i);
  });

  it('answers 409 for a username taken in another case', async () => {
    const user = await createUser('viewer', 'taken');
    const res = await edgeApi('POST', '/api/users', {
      token: admin,
      body: { username: user.username.toUpperCase(), role: 'viewer', password: PASSWORD },
    });
    expect(res.status).toBe(409);
  });

  it('answers 400 naming every bad field, unknown ones included', async () => {
    const res = await edgeApi('POST', '/api/users', {
      token: admin,
      body: { username: 'x', role: 'superuser', password: 'short', isRoot: true },
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['isRoot', 'password', 'role', 'username']);
    const patch = await edgeApi('PATCH', `/api/users/${UNKNOWN_ID}`, {
      token: admin,
      body: { disabled: 'yes' },
    });
    expect(patch.status).toBe(400);
    expect(fieldsOf(patch.body)).toEqual(['disabled']);
    const badId = await edgeApi('GET', '/api/users/42', { token: admin });
    expect(badId.status).toBe(400);
    expect(fieldsOf(badId.body)).toEqual(['id']);
  });

  it('answers 404 for an unknown id', async () => {
    expect((await edgeApi('GET', `/api/users/${UNKNOWN_ID}`, { token: admin })).status).toBe(404);
    const patch = await edgeApi('PATCH', `/api/users/${UNKNOWN_ID}`, {
      token: admin,
      body: { displayName: 'x' },
    });
    expect(patch.status).toBe(404);
    expect((await edgeApi('DELETE', `/api/users/${UNKNOWN_ID}`, { token: admin })).status).toBe(
      404,
    );
  });

  it('ends the sessions of a disabled user and refuses their login', async () => {
    const user = await createUser('operator', 'disabled');
    const session = await sessionFor(user);
    const res = await edgeApi('PATCH', `/api/users/${user.id}`, {
      token: admin,
      body: { disabled: true },
    });
    expect(res.status).toBe(200);
    expect((await probe(session.accessToken)).status).toBe(401);
    expect((await refresh(session.refreshToken)).status).toBe(401);
    const again = await login(user.username, PASSWORD);
    expect(again).toMatchObject({ status: 401, body: { message: 'account disabled' } });
  });

  it('ends the sessions of a user whose password an admin changed', async () => {
    const user = await createUser('viewer', 'new-password');
    const session = await sessionFor(user);
    const newPassword = `${PASSWORD}-new`;
    await edgeApi('PATCH', `/api/users/${user.id}`, {
      token: admin,
      body: { password: newPassword },
    });
    expect((await probe(session.accessToken)).status).toBe(401);
    expect((await login(user.username, PASSWORD)).status).toBe(401);
    const fresh = await sessionFor(user, newPassword);
    expect((await probe(fresh.accessToken)).status).toBe(404);
  });

  it('deletes a user, whose tokens stop working', async () => {
    const user = await createUser('viewer', 'deleted');
    const session = await sessionFor(user);
    expect((await edgeApi('DELETE', `/api/users/${user.id}`, { token: admin })).status).toBe(204);
    createdUsers.delete(user.id);
    expect((await edgeApi('GET', `/api/users/${user.id}`, { token: admin })).status).toBe(404);
    expect((await probe(session.accessToken)).status).toBe(401);
    expect((await refresh(session.refreshToken)).status).toBe(401);
  });
});

describe('API keys', () => {
  it('are shown once, listed by prefix only, and stop working when revoked', async () => {
    const created = await edgeApi<CreatedApiKeyResponseDto>('POST', '/api/auth/api-keys', {
      token: admin,
      body: { name: `e2e ${RUN}` },
    });
    expect(created.status).toBe(201);
    createdKeys.add(created.body.id);
    const { key, prefix } = created.body;
    expect(key).toMatch(/^gtv_[0-9a-f]{8}_[\w-]{43}$/);
    expect(key.slice(4, 12)).toBe(prefix);
    expect(created.body).toMatchObject({ role: 'integrator', revokedAt: null });

    const listed = await edgeApi<ApiKeyResponseDto[]>('GET', '/api/auth/api-keys', {
      token: admin,
    });
    expect(listed.body.find((k) => k.id === created.body.id)).toMatchObject({ prefix });
    expect(listed.text).not.toContain(key);
    expect(listed.body.every((k) => !('key' in k))).toBe(true);

    // Authenticated as the key (integrator), which is not allowed to administer users: 403.
    const withKey = { headers: { 'x-api-key': key } };
    expect((await edgeApi('GET', '/api/users', withKey)).status).toBe(403);

    const revoked = await edgeApi('DELETE', `/api/auth/api-keys/${created.body.id}`, {
      token: admin,
    });
    expect(revoked.status).toBe(204);
    await eventually(async () => {
      const res = await edgeApi('GET', '/api/users', withKey);
      expect({ status: res.status, message: res.body.message }).toEqual({
        status: 401,
        message: 'invalid or revoked API key',
      });
    }, 10_000);
  });

  it('answer 400 naming the field, 404 for an unknown key, 403 for non-admins', async () => {
    const invalid = await edgeApi('POST', '/api/auth/api-keys', {
      token: admin,
      body: { role: 'admin' },
    });
    expect(invalid.status).toBe(400);
    expect(fieldsOf(invalid.body)).toEqual(['name', 'role']);
    const unknown = await edgeApi('DELETE', `/api/auth/api-keys/${UNKNOWN_ID}`, { token: admin });
    expect(unknown.status).toBe(404);
    const operator = await sessionFor(await createUser('operator', 'keys'));
    const forbidden = await edgeApi('POST', '/api/auth/api-keys', {
      token: operator.accessToken,
      body: { name: 'not mine to make' },
    });
    expect(forbidden.status).toBe(403);
  });
});
