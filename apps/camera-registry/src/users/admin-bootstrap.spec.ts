import { Global, Logger, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadDeclaredConfig } from '@gt-vision/backend-config';
import { Database } from '@gt-vision/backend-database';
import { NATS_CLIENT } from '@gt-vision/backend-nats';
import { REDIS } from '@gt-vision/backend-redis';
import { DataSource } from 'typeorm';
import { registryAuthModules } from '../auth/registry-auth.modules';
import { FakeRedis } from '../testing/fake-redis';
import { writeJwtKeyFiles } from '@gt-vision/backend-auth/testing';

const ADMIN_PASSWORD = 'bootstrap-password-123';

/** Answers the two statements of the bootstrap, as PostgreSQL would on an empty database. */
function fakeDatabase(existingUsers: boolean) {
  const statements: { text: string; params: unknown[] }[] = [];
  const dataSource = Object.create(DataSource.prototype) as DataSource;
  Object.assign(dataSource, {
    createQueryRunner: () => ({
      release: async () => undefined,
      query: async (text: string, params: unknown[] = []) => {
        statements.push({ text, params });
        if (text.includes('EXISTS')) return { records: [{ any: existingUsers }] };
        return { records: [], affected: 1 };
      },
    }),
  });
  return { dataSource, statements };
}

function keyFiles(matching = true) {
  const files = writeJwtKeyFiles({ mismatched: !matching });
  return { JWT_PRIVATE_KEY_FILE: files.privateKeyFile, JWT_PUBLIC_KEY_FILE: files.publicKeyFile };
}

/** The registry's identity modules wired as in AppModule, over a fake database and Redis. */
async function startIdentityModules(env: Record<string, string>, existingUsers = false) {
  const database = fakeDatabase(existingUsers);

  @Global()
  @Module({
    providers: [
      { provide: Database, useValue: new Database(database.dataSource) },
      { provide: REDIS, useValue: new FakeRedis() },
      // API-key revocations are broadcast on NATS; nothing is revoked here.
      { provide: NATS_CLIENT, useValue: {} },
    ],
    exports: [Database, REDIS, NATS_CLIENT],
  })
  class FakeInfrastructureModule {}

  const imports = [FakeInfrastructureModule, ...registryAuthModules()];
  loadDeclaredConfig({ INTERNAL_SERVICE_TOKEN: 'i'.repeat(32), ...env });
  const moduleRef = await Test.createTestingModule({ imports }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return { app, statements: database.statements };
}

describe('first admin and module wiring', () => {
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);

  beforeEach(() => {
    warn.mockClear();
    log.mockClear();
  });

  it('creates "admin" with a hash of BOOTSTRAP_ADMIN_PASSWORD when there is no user', async () => {
    const { app, statements } = await startIdentityModules({
      ...keyFiles(),
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    });
    const insert = statements.find((s) => s.text.includes('INSERT INTO camera_registry.users'));
    expect(insert?.text).toMatch(/WHERE NOT EXISTS[\s\S]*ON CONFLICT DO NOTHING/);
    expect(insert?.params[0]).toBe('admin');
    expect(insert?.params[1]).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
    expect(JSON.stringify(statements)).not.toContain(ADMIN_PASSWORD);
    const logged = JSON.stringify([...log.mock.calls, ...warn.mock.calls]);
    expect(logged).toContain('created the first admin');
    expect(logged).not.toContain(ADMIN_PASSWORD);
    await app.close();
  });

  it('creates nothing when users exist', async () => {
    const { app, statements } = await startIdentityModules(
      { ...keyFiles(), BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD },
      true,
    );
    expect(statements.some((s) => s.text.includes('INSERT'))).toBe(false);
    await app.close();
  });

  it('warns, and creates nothing, without a bootstrap password', async () => {
    const { app, statements } = await startIdentityModules(keyFiles());
    expect(statements.some((s) => s.text.includes('INSERT'))).toBe(false);
    expect(JSON.stringify(warn.mock.calls)).toContain('BOOTSTRAP_ADMIN_PASSWORD is not set');
    await app.close();
  });

  it('refuses to start when the private key is not the public key’s pair', async () => {
    await expect(startIdentityModules(keyFiles(false))).rejects.toThrow(
      'JWT_PRIVATE_KEY_FILE is not the private half of JWT_PUBLIC_KEY_FILE',
    );
  });

  it('refuses to start, naming the variable, when a key file is missing', () => {
    expect(() =>
      loadDeclaredConfig({
        INTERNAL_SERVICE_TOKEN: 'i'.repeat(32),
        ...keyFiles(),
        JWT_PRIVATE_KEY_FILE: '/nonexistent/private.pem',
      }),
    ).toThrow(
      /JWT_PRIVATE_KEY_FILE: must name a readable PEM file holding an EC P-256 private key/,
    );
  });
});
