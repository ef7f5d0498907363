import { Global, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuthConfig, AuthModule, jwtSigningKey, signJwt } from '@gt-vision/backend-auth';
import request from 'supertest';
import { MetricsModule } from './metrics.module';
import { writeJwtKeyFiles } from '@gt-vision/backend-auth/testing';

const TEST_REDIS = Symbol('TEST_REDIS');

/** No token is revoked: MGET finds nothing. */
@Global()
@Module({
  providers: [
    { provide: TEST_REDIS, useValue: { mget: async (...keys: string[]) => keys.map(() => null) } },
  ],
  exports: [TEST_REDIS],
})
class FakeRedisModule {}

const INTERNAL_TOKEN = 'internal-service-token-of-at-least-32-chars';

describe('/metrics behind the auth guard', () => {
  let app: INestApplication;
  const { privateKey, publicKeyFile } = writeJwtKeyFiles();

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        FakeRedisModule,
        AuthModule.forRoot({ redis: TEST_REDIS }),
        MetricsModule.forRoot('test-service'),
      ],
    })
      .overrideProvider(AuthConfig)
      .useValue(
        Object.assign(new AuthConfig(), {
          JWT_PUBLIC_KEY_FILE: publicKeyFile,
          INTERNAL_SERVICE_TOKEN: INTERNAL_TOKEN,
        }),
      )
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(() => app.close());

  it('refuses anonymous scrapes', async () => {
    await request(app.getHttpServer()).get('/metrics').expect(401);
  });

  it('refuses users, admins included', async () => {
    const now = Math.floor(Date.now() / 1000);
    const admin = await signJwt(
      {
        sub: 'u1',
        username: 'admin',
        role: 'admin',
        jti: 'j1',
        fam: 'f1',
        iat: now,
        exp: now + 60,
        iss: 'gt-vision',
        aud: 'gt-vision',
      },
      await jwtSigningKey(privateKey),
    );
    await request(app.getHttpServer())
      .get('/metrics')
      .set('Authorization', `Bearer ${admin}`)
      .expect(403);
  });

  it('serves Prometheus with the internal service token', async () => {
    const res = await request(app.getHttpServer())
      .get('/metrics')
      .set('Authorization', `Bearer ${INTERNAL_TOKEN}`)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toContain('process_cpu_user_seconds_total');
  });
});
