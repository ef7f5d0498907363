import { Controller, Get, Global, INestApplication, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TooManyRequestsException } from '@gt-vision/backend-rate-limit';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AccessTokenVerifier } from './access-token';
import { ApiKeyFailureLimit } from './api-key.failure-limit';
import { ApiKeyVerifier } from './api-key.verifier';
import { AuthConfig } from './auth.config';
import { AllowRoles, CurrentPrincipal, InternalOnly, Public } from './auth.decorators';
import { AuthModule } from './auth.module';
import { Authenticator } from './authenticator';
import { signJwt } from './jwt';
import { jwtSigningKey, type JwtSigningKey } from './keys';
import type { ApiKeyPrincipal, Principal } from './principal';
import { RevocationStore } from './revocation.store';
import { writeJwtKeyFiles } from '../testing';

// The same library counting in memory instead of Redis (the stack's e2e specs count in Redis).
jest.mock('@gt-vision/backend-rate-limit', () => {
  const actual = jest.requireActual('@gt-vision/backend-rate-limit');
  return {
    ...actual,
    RedisRateLimit: jest.fn((_redis, options) => new actual.MemoryRateLimit(options)),
  };
});

/** Just what the revocation store uses: SET with EX, MGET and a pipeline of SETs. */
class FakeRedis {
  readonly values = new Map<string, string>();
  down = false;
  async set(key: string, value: string) {
    this.check();
    this.values.set(key, value);
    return 'OK';
  }
  async mget(...keys: string[]) {
    this.check();
    return keys.map((key) => this.values.get(key) ?? null);
  }
  pipeline() {
    const queued: [string, string][] = [];
    const pipeline = {
      set: (key: string, value: string) => {
        queued.push([key, value]);
        return pipeline;
      },
      exec: async () => {
        this.check();
        queued.forEach(([key, value]) => this.values.set(key, value));
        return queued.map(() => [null, 'OK']);
      },
    };
    return pipeline;
  }
  private check() {
    if (this.down) throw new Error('Connection is closed.');
  }
}

const TEST_REDIS = Symbol('TEST_REDIS');
const redis = new FakeRedis();

@Global()
@Module({ providers: [{ provide: TEST_REDIS, useValue: redis }], exports: [TEST_REDIS] })
class FakeRedisModule {}

const INTEGRATOR_KEY = 'gtv_0123abcd_valid';
const INTEGRATOR: ApiKeyPrincipal = {
  kind: 'api-key',
  id: 'key-1',
  name: 'camera vendor',
  role: 'integrator',
};

@Injectable()
class FakeApiKeys extends ApiKeyVerifier {
  async verify(key: string): Promise<ApiKeyPrincipal | null> {
    if (key === 'gtv_broken') throw new Error('database unavailable');
    return key === INTEGRATOR_KEY ? INTEGRATOR : null;
  }
}

@Module({ providers: [FakeApiKeys], exports: [FakeApiKeys] })
class FakeApiKeysModule {}

@Controller('things')
@AllowRoles('admin', 'operator')
class ThingsController {
  @Get('open')
  @Public()
  open() {
    return { open: true };
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Get('admin')
  @AllowRoles('admin')
  admin() {
    return { admin: true };
  }

  @Get('internal')
  @InternalOnly()
  internal() {
    return { internal: true };
  }
}

@Controller('anyone')
class AnyoneController {
  @Get()
  get(@CurrentPrincipal() principal: Principal) {
    return principal;
  }
}

const INTERNAL_TOKEN = 'internal-service-token-of-at-least-32-chars';

describe('AuthGuard', () => {
  let app: INestApplication;
  let signingKey: JwtSigningKey;
  let config: AuthConfig;
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  const token = (claims: Record<string, unknown> = {}) =>
    signJwt(
      {
        sub: 'user-1',
        username: 'alice',
        role: 'operator',
        jti: randomUUID(),
        fam: 'family-1',
        iat: nowSeconds(),
        exp: nowSeconds() + 900,
        iss: 'gt-vision',
        aud: 'gt-vision',
        ...claims,
      },
      signingKey,
    );
  const get = (path: string, headers: Record<string, string> = {}) =>
    request(app.getHttpServer()).get(path).set(headers);
  const bearer = (value: string) => ({ Authorization: `Bearer ${value}` });

  beforeAll(async () => {
    const keys = writeJwtKeyFiles();
    signingKey = await jwtSigningKey(keys.privateKey);
    config = Object.assign(new AuthConfig(), {
      JWT_PUBLIC_KEY_FILE: keys.publicKeyFile,
      INTERNAL_SERVICE_TOKEN: INTERNAL_TOKEN,
      API_KEY_MAX_FAILURES_PER_IP: 3,
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        FakeRedisModule,
        AuthModule.forRoot({
          redis: TEST_REDIS,
          apiKeys: { imports: [FakeApiKeysModule], verifier: FakeApiKeys },
        }),
      ],
      controllers: [ThingsController, AnyoneController],
    })
      .overrideProvider(AuthConfig)
      .useValue(config)
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(() => app.close());
  beforeEach(() => {
    redis.values.clear();
    redis.down = false;
  });

  it('lets anyone call a public route, ignoring bad credentials', async () => {
    await get('/things/open').expect(200, { open: true });
    await get('/things/open', bearer('garbage')).expect(200);
  });

  it.each([
    [{}, 'missing bearer token or API key'],
    [{ Authorization: 'Basic YWxpY2U6c2VjcmV0' }, 'authorization header must be "Bearer <token>"'],
    [bearer('not-a-jwt'), 'malformed token'],
    [bearer('x'.repeat(INTERNAL_TOKEN.length)), 'malformed token'],
  ])('refuses %p with 401 "%s"', async (headers, message) => {
    const res = await get('/anyone', headers).expect(401);
    expect(res.body.message).toBe(message);
  });

  it('accepts a valid access token and exposes the user principal', async () => {
    const res = await get('/things', bearer(await token())).expect(200);
    expect(res.body).toEqual({
      kind: 'user',
      id: 'user-1',
      username: 'alice',
      role: 'operator',
      tokenId: expect.any(String),
      family: 'family-1',
    });
  });

  it('says why a token is refused', async () => {
    const expired = await token({ iat: nowSeconds() - 4000, exp: nowSeconds() - 3600 });
    expect((await get('/anyone', bearer(expired)).expect(401)).body.message).toBe('token expired');
    const foreign = await token({ aud: 'someone-else' });
    expect((await get('/anyone', bearer(foreign)).expect(401)).body.message).toBe(
      'token audience not accepted',
    );
    const noRole = await token({ role: 'superuser' });
    expect((await get('/anyone', bearer(noRole)).expect(401)).body.message).toBe(
      'token claims incomplete',
    );
  });

  it('refuses revoked tokens: by id, by family and by user', async () => {
    const store = app.get(RevocationStore);
    const soon = new Date(Date.now() + 60_000);
    const byId = await token({ jti: 'jti-revoked' });
    await get('/anyone', bearer(byId)).expect(200);
    await store.revokeToken('jti-revoked', soon);
    expect((await get('/anyone', bearer(byId)).expect(401)).body.message).toBe('token revoked');

    await store.revokeFamilies(['family-2'], soon);
    await get('/anyone', bearer(await token({ fam: 'family-2' }))).expect(401);
    await get('/anyone', bearer(await token({ fam: 'family-3' }))).expect(200);

    await store.revokeUserTokensIssuedBefore('user-9', new Date(), soon);
    await get('/anyone', bearer(await token({ sub: 'user-9', iat: nowSeconds() - 5 }))).expect(401);
    await get('/anyone', bearer(await token({ sub: 'user-9', iat: nowSeconds() + 1 }))).expect(200);
  });

  it('fails closed with 503 when the revocation list cannot be read', async () => {
    redis.down = true;
    const res = await get('/anyone', bearer(await token())).expect(503);
    expect(res.body.message).toMatch(/revocation/);
  });

  it('answers 403, not 401, when the role is not allowed', async () => {
    const viewer = await token({ role: 'viewer' });
    const res = await get('/things', bearer(viewer)).expect(403);
    expect(res.body.message).toBe('role viewer may not call this route (allowed: admin, operator)');
    await get('/things/admin', bearer(await token({ role: 'operator' }))).expect(403);
    await get('/things/admin', bearer(await token({ role: 'admin' }))).expect(200);
  });

  it('lets the handler override the controller roles', async () => {
    await get('/things', bearer(await token({ role: 'admin' }))).expect(200);
    await get('/things/admin', bearer(await token({ role: 'operator' }))).expect(403);
  });

  it('gives the internal service token the service principal, which passes every role check', async () => {
    const res = await get('/anyone', bearer(INTERNAL_TOKEN)).expect(200);
    expect(res.body).toEqual({ kind: 'service', id: 'internal', role: 'service' });
    await get('/things/admin', bearer(INTERNAL_TOKEN)).expect(200);
    await get('/things/internal', bearer(INTERNAL_TOKEN)).expect(200, { internal: true });
  });

  it('keeps internal-only routes from every user, admins included', async () => {
    await get('/things/internal').expect(401);
    const res = await get('/things/internal', bearer(await token({ role: 'admin' }))).expect(403);
    expect(res.body.message).toBe('only GT-Vision services may call this route');
  });

  it('authenticates API keys through the pluggable verifier', async () => {
    const res = await get('/anyone', { 'X-Api-Key': INTEGRATOR_KEY }).expect(200);
    expect(res.body).toMatchObject({ kind: 'api-key', id: 'key-1', role: 'integrator' });
    await get('/things', { 'X-Api-Key': INTEGRATOR_KEY }).expect(403);
    const unknown = await get('/anyone', { 'X-Api-Key': 'gtv_00000000_nope' }).expect(401);
    expect(unknown.body.message).toBe('invalid or revoked API key');
    await get('/anyone', { 'X-Api-Key': 'gtv_broken' }).expect(503);
  });

  it('refuses an address with too many failed API key checks, without checking its keys', async () => {
    const authenticator = app.get(Authenticator);
    const verifier = app.get(FakeApiKeys);
    const lookups = jest.spyOn(verifier, 'verify');
    const attempt = (key: string, ip: string) =>
      authenticator.authenticate({ headers: { 'x-api-key': key }, ip }).then(
        () => 'ok',
        (error: Error) => (error instanceof TooManyRequestsException ? 429 : error.message),
      );
    // API_KEY_MAX_FAILURES_PER_IP is 3: the third failure blocks the address.
    for (let i = 0; i < 3; i++) {
      expect(await attempt('gtv_00000000_nope', '10.0.0.7')).toBe('invalid or revoked API key');
    }
    lookups.mockClear();
    expect(await attempt('gtv_00000000_nope', '10.0.0.7')).toBe(429);
    // Even a valid key from that address waits, and nothing is looked up.
    expect(await attempt(INTEGRATOR_KEY, '10.0.0.7')).toBe(429);
    expect(lookups).not.toHaveBeenCalled();
    // Other addresses are not affected, and valid keys never count.
    expect(await attempt(INTEGRATOR_KEY, '10.0.0.8')).toBe('ok');
    for (let i = 0; i < 5; i++) expect(await attempt(INTEGRATOR_KEY, '10.0.0.9')).toBe('ok');
    const ok = await get('/anyone', { 'X-Api-Key': INTEGRATOR_KEY }).expect(200);
    expect(ok.body.kind).toBe('api-key');
  });

  it('does not ask the failure limit about a key the verifier already knows valid', async () => {
    const authenticator = app.get(Authenticator);
    const verifier = app.get(FakeApiKeys);
    const attempt = () =>
      authenticator
        .authenticate({ headers: { 'x-api-key': INTEGRATOR_KEY }, ip: '10.0.0.20' })
        .then(
          () => 'ok',
          (error: Error) => (error instanceof TooManyRequestsException ? 429 : error.message),
        );
    for (let i = 0; i < 3; i++) {
      await authenticator
        .authenticate({ headers: { 'x-api-key': 'gtv_00000000_nope' }, ip: '10.0.0.20' })
        .catch(() => undefined);
    }
    expect(await attempt()).toBe(429);
    // A cached answer costs no look-up, which is all the limit bounds: no Redis round trip for it.
    const admit = jest.spyOn(app.get(ApiKeyFailureLimit), 'admit');
    const lookups = jest.spyOn(verifier, 'verify');
    lookups.mockClear();
    const known = jest.spyOn(verifier, 'known').mockReturnValue(INTEGRATOR);
    try {
      expect(await attempt()).toBe('ok');
      expect(admit).not.toHaveBeenCalled();
      expect(lookups).not.toHaveBeenCalled();
    } finally {
      known.mockRestore();
      admit.mockRestore();
    }
    // Once the answer is gone, the block holds again.
    expect(await attempt()).toBe(429);
  });

  it('answers 429 over HTTP once the caller address is blocked', async () => {
    for (let i = 0; i < 3; i++) await get('/anyone', { 'X-Api-Key': 'gtv_00000000_nope' });
    const res = await get('/anyone', { 'X-Api-Key': INTEGRATOR_KEY }).expect(429);
    expect(res.body.message).toMatch(/too many failed API key checks/);
  });

  it('refuses two kinds of credentials at once', async () => {
    await get('/anyone', { ...bearer(await token()), 'X-Api-Key': INTEGRATOR_KEY }).expect(401);
  });

  it('refuses API keys in a service that has no verifier', async () => {
    const authenticator = new Authenticator(
      config,
      app.get(AccessTokenVerifier),
      app.get(RevocationStore),
    );
    await expect(
      authenticator.authenticate({ headers: { 'x-api-key': INTEGRATOR_KEY } }),
    ).rejects.toThrow('API keys are not accepted by this service');
  });

  it('records the failure of an unmatched path for the error filter', async () => {
    // Without the project's error filter Nest answers 404 itself; the filter turns it into the 401.
    await get('/nowhere').expect(404);
  });
});
