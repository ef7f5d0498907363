import request from 'supertest';
import { createHttpTestApp, type HttpTestApp } from '../testing/http-test-app';
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
  const logins = { login: jest.fn(async () => PAIR) };
  const sessions = { refresh: jest.fn(async () => PAIR), logout: jest.fn(async () => undefined) };
  const server = () => http.app.getHttpServer();

  beforeAll(async () => {
    http = await createHttpTestApp({
      controllers: [AuthController],
      providers: [
        RetryAfterInterceptor,
        { provide: LoginService, useValue: logins },
        { provide: SessionService, useValue: sessions },
      ],
    });
  });
  afterAll(() => http.app.close());

  it('logs in without credentials, with 200 and the token pair', async () => {
    await request(server())
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'x' })
      .expect(200, PAIR);
    expect(logins.login).toHaveBeenCalledWith(
      { username: 'admin', password: 'x' },
      expect.any(String),
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
      .set('Authorization', http.bearer('viewer'))
      .expect(204);
    expect(sessions.logout).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'user', role: 'viewer' }),
    );
  });
});
