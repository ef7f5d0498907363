import { Global, INestApplication, Module, type ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  AuthConfig,
  AuthModule,
  CameraAccess,
  jwtSigningKey,
  signJwt,
} from '@gt-vision/backend-auth';
import { createValidationPipe, ErrorResponseFilter } from '@gt-vision/backend-http';
import type { UserRole } from '@gt-vision/shared-types';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INSTALLED_ACCESS } from './camera-access.fake';
import { FakeRedis } from './fake-redis';

const TEST_REDIS = Symbol('TEST_REDIS');
export const TEST_INTERNAL_TOKEN = 'internal-service-token-for-unit-tests-only';

export interface HttpTestApp {
  app: INestApplication;
  /** `Authorization` header value of an access token for a user with this role. */
  bearer(role: UserRole, userId?: string): Promise<string>;
}

/**
 * A Nest application wired like a service's (auth guard, validation pipe, error filter), with the
 * given controllers and faked providers, and a fresh ES256 key pair to sign test tokens with.
 */
export async function createHttpTestApp(
  metadata: ModuleMetadata,
  /** Wiring done before `init()`, as a service's `configure` hook does (e.g. the OpenAPI routes). */
  configure?: (app: INestApplication) => void,
): Promise<HttpTestApp> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyFile = join(mkdtempSync(join(tmpdir(), 'gtv-registry-')), 'public.pem');
  writeFileSync(keyFile, publicKey.export({ type: 'spki', format: 'pem' }));

  @Global()
  @Module({
    providers: [{ provide: TEST_REDIS, useValue: new FakeRedis() }],
    exports: [TEST_REDIS],
  })
  class FakeRedisModule {}

  const moduleRef = await Test.createTestingModule({
    ...metadata,
    imports: [
      FakeRedisModule,
      AuthModule.forRoot({ redis: TEST_REDIS }),
      ...(metadata.imports ?? []),
    ],
  })
    .overrideProvider(AuthConfig)
    .useValue(
      Object.assign(new AuthConfig(), {
        JWT_PUBLIC_KEY_FILE: keyFile,
        INTERNAL_SERVICE_TOKEN: TEST_INTERNAL_TOKEN,
      }),
    )
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorResponseFilter());
  configure?.(app);
  await app.init();
  // As CameraAccessSync would at start-up; tests of restricted callers apply their own snapshot.
  app.get(CameraAccess).apply(INSTALLED_ACCESS);

  const signingKey = await jwtSigningKey(privateKey);
  const bearer = async (role: UserRole, userId = randomUUID()) => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sub: userId,
      username: `${role}-user`,
      role,
      jti: randomUUID(),
      fam: randomUUID(),
      iat: now,
      exp: now + 900,
      iss: 'gt-vision',
      aud: 'gt-vision',
    };
    return `Bearer ${await signJwt(claims, signingKey)}`;
  };
  return { app, bearer };
}
