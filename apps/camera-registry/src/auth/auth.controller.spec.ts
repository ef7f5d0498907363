import request from 'supertest';
import { createHttpTestApp, type HttpTestApp } from '../testing/http-test-app';
import { AccountService } from './account.service';
import { AuthController } from './auth.controller';
import { TooManyLoginAttemptsException } from './login-throttle';
import { LoginService } from './login.service';
import { RetryAfterInterceptor } from './retry-after.interceptor';
import { SessionService } from './session.service';

const PAIR = {
  accessToken: 'a',
  refreshToken: 'r',
  tokenType: 'Bearer',
  expiresIn: 900,
  refreshExpiresIn: 604800,
};

describe('AuthController over HTTP', () => {
  let http: HttpTestApp;
  const logins = { login: jest.fn(async () => PAIR), changePassword: jest.fn(async () => PAIR) };
  const accounts = { me: jest.fn(async () => ({ kind: 'user', id: 'u' })) };
  const sessions = { refresh: jest.fn(async () => PAIR), logout: jest.fn(async () => undefined) };
  const server = () => http.app.getHttpServer();

  beforeAll(async () => {
    http = await createHttpTestApp({
      controllers: [AuthController],
      providers: [
        RetryAfterInterceptor,
        { provide: LoginService, useValue: logins },
        { provide: SessionService, useValue: sessions },
        { provide: AccountService, useValue: accounts },
      ],
    });
  });
  afterAll(() => http.app.close());

  it('logs in without credentials, with 200 and the token pair', async () => {
    await request(server())
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'x' })
      .expect(200, PAIR);
    // The address and the request id go with it, for the audit trail (no request id in this bare app).
    expect(logins.login).toHaveBeenCalledWith(
      { username: 'admin', password: 'x' },
      expect.any(String),
      null,
    );
  });

  it('names missing login fields', async () => {
    const res = await request(server()).post('/api/auth/login').send({}).expect(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(new Set(fields)).toEqual(new Set(['username', 'password']));
  });

  it('says how long to wait when login is throttled', async () => {
    logins.login.mockRejectedValueOnce(
      new TooManyLoginAttemptsException({
        allowed: false,
        reason: 'locked',
        retryAfterSeconds: 840,
      }),
    );
    const res = await request(server())
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'x' })
      .expect(429);
    expect(res.headers['retry-after']).toBe('840');
    expect(res.body.message).toMatch(/locked/);
  });

  it('refreshes without an access token', async () => {
    await request(server()).post('/api/auth/refresh').send({ refreshToken: 'r' }).expect(200, PAIR);
  });

  it('logs out only an authenticated caller', async () => {
    await request(server()).post('/api/auth/logout').expect(401);
    await request(server())
      .post('/api/auth/logout')
      .set('Authorization', await http.bearer('viewer'))
      .expect(204);
    expect(sessions.logout).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'user', role: 'viewer' }),
    );
  });

  it('tells an authenticated caller who they are', async () => {
    await request(server()).get('/api/auth/me').expect(401);
    await request(server())
      .get('/api/auth/me')
      .set('Authorization', await http.bearer('viewer', 'user-9'))
      .expect(200, { kind: 'user', id: 'u' });
    expect(accounts.me).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'user', id: 'user-9' }),
    );
  });

  it('changes the caller’s password, answering the new pair', async () => {
    await request(server())
      .post('/api/auth/password')
      .send({ currentPassword: 'x', newPassword: 'n'.repeat(12) })
      .expect(401);
    await request(server())
      .post('/api/auth/password')
      .set('Authorization', await http.bearer('operator', 'user-9'))
      .send({ currentPassword: 'x', newPassword: 'n'.repeat(12) })
      .expect(200, PAIR);
    expect(logins.changePassword).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'user-9' }),
      { currentPassword: 'x', newPassword: 'n'.repeat(12) },
      expect.any(String),
    );
  });

  it('names the bad fields of a password change, with the admin-set policy', async () => {
    const res = await request(server())
      .post('/api/auth/password')
      .set('Authorization', await http.bearer('viewer'))
      .send({ newPassword: 'short', extra: 1 })
      .expect(400);
    const fields = res.body.details.map((d: { field: string }) => d.field);
    expect(new Set(fields)).toEqual(new Set(['currentPassword', 'newPassword', 'extra']));
  });

  it('says how long to wait when password changes are throttled', async () => {
    logins.changePassword.mockRejectedValueOnce(
      new TooManyLoginAttemptsException({ allowed: false, reason: 'ip', retryAfterSeconds: 12 }),
    );
    const res = await request(server())
      .post('/api/auth/password')
      .set('Authorization', await http.bearer('viewer'))
      .send({ currentPassword: 'x', newPassword: 'n'.repeat(12) })
      .expect(429);
    expect(res.headers['retry-after']).toBe('12');
  });
});
