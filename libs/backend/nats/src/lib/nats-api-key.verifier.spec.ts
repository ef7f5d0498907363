import { Controller, Get, Global, INestApplication, Module } from '@nestjs/common';
import type { ClientNats } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import {
  AllowRoles,
  AuthConfig,
  AuthModule,
  CurrentPrincipal,
  hashApiKey,
  type Principal,
} from '@gt-vision/backend-auth';
import type { ApiKeyIdentity, ApiKeyVerifyReply } from '@gt-vision/shared-types';
import { BehaviorSubject, NEVER, Observable, of, throwError } from 'rxjs';
import request from 'supertest';
import { NATS_API_KEYS, NatsApiKeyVerifier } from './nats-api-key.verifier';
import { NATS_CLIENT } from './nats.client';
import { NatsConfig } from './nats.config';
import { writeJwtKeyFiles } from '@gt-vision/backend-auth/testing';

const KEY = `gtv_0123abcd_${'k'.repeat(43)}`;
const OTHER_KEY = `gtv_89abcdef_${'o'.repeat(43)}`;
const IDENTITY: ApiKeyIdentity = { id: 'key-1', name: 'plate camera vendor', role: 'integrator' };

type Callback = (error: Error | null, msg: { json: () => unknown }) => void;

/** Nest's ClientNats as the verifier uses it, with camera-registry answering from `keys`. */
class FakeNatsClient {
  readonly status = new BehaviorSubject('disconnected');
  readonly keys = new Map<string, ApiKeyIdentity>([[hashApiKey(KEY), IDENTITY]]);
  answer: () => Observable<ApiKeyVerifyReply> = () => NEVER;
  subscriptions: { subject: string; callback: Callback; queue?: string }[] = [];

  readonly send = jest.fn((_subject: string, payload: { keyHash: string }) => {
    const identity = this.keys.get(payload.keyHash);
    return this.registryUp ? of({ version: 1, key: identity ?? null }) : this.answer();
  });
  registryUp = true;

  unwrap() {
    return {
      subscribe: (subject: string, options: { callback: Callback; queue?: string }) => {
        this.subscriptions.push({ subject, ...options });
        return {};
      },
    };
  }

  broadcast(body: unknown) {
    for (const { callback } of this.subscriptions) callback(null, { json: () => body });
  }
}

function setup(timeoutMs = 2000) {
  const client = new FakeNatsClient();
  const config = Object.assign(new NatsConfig(), { NATS_API_KEY_TIMEOUT_MS: timeoutMs });
  const verifier = new NatsApiKeyVerifier(client as unknown as ClientNats, config);
  verifier.onApplicationBootstrap();
  client.status.next('connected');
  return { client, verifier };
}

const principal = { kind: 'api-key', ...IDENTITY };

describe('NatsApiKeyVerifier', () => {
  it('asks the registry with the key hash, never the key, and answers the principal', async () => {
    const { client, verifier } = setup();
    await expect(verifier.verify(KEY)).resolves.toEqual(principal);
    expect(client.send).toHaveBeenCalledWith('api-key.verify', { keyHash: hashApiKey(KEY) });
    expect(JSON.stringify(client.send.mock.calls)).not.toContain(KEY);
    await expect(verifier.verify(OTHER_KEY)).resolves.toBeNull();
  });

  it('does not ask about a malformed key', async () => {
    const { client, verifier } = setup();
    await expect(verifier.verify('not-a-key')).resolves.toBeNull();
    expect(client.send).not.toHaveBeenCalled();
  });

  it('caches valid and invalid answers briefly', async () => {
    jest.useFakeTimers();
    try {
      const { client, verifier } = setup();
      await verifier.verify(KEY);
      await verifier.verify(OTHER_KEY);
      await verifier.verify(KEY);
      await verifier.verify(OTHER_KEY);
      expect(client.send).toHaveBeenCalledTimes(2);
      jest.advanceTimersByTime(5000);
      await verifier.verify(KEY);
      expect(client.send).toHaveBeenCalledTimes(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('knows a key without asking only while a valid answer is cached', async () => {
    const { client, verifier } = setup();
    expect(verifier.known(KEY)).toBeUndefined();
    await verifier.verify(KEY);
    await verifier.verify(OTHER_KEY);
    expect(verifier.known(KEY)).toEqual(principal);
    // Known invalid is not known: its failures must still be counted.
    expect(verifier.known(OTHER_KEY)).toBeUndefined();
    expect(verifier.known('not-a-key')).toBeUndefined();
    client.broadcast({ pattern: 'api-key.revoked', data: { version: 1, id: 'key-1', at: '' } });
    expect(verifier.known(KEY)).toBeUndefined();
    expect(client.send).toHaveBeenCalledTimes(2);
  });

  it('listens for revocations on every replica (no queue group) and forgets the key at once', async () => {
    const { client, verifier } = setup();
    expect(client.subscriptions).toEqual([
      { subject: 'api-key.revoked', callback: expect.any(Function) },
    ]);
    await verifier.verify(KEY);
    client.keys.clear();
    await expect(verifier.verify(KEY)).resolves.toEqual(principal);
    client.broadcast({ pattern: 'api-key.revoked', data: { version: 1, id: 'key-1', at: '' } });
    await expect(verifier.verify(KEY)).resolves.toBeNull();
  });

  it('empties the cache on an unreadable revocation and on reconnect, subscribing once', async () => {
    const { client, verifier } = setup();
    await verifier.verify(KEY);
    client.broadcast({ data: {} });
    await verifier.verify(KEY);
    expect(client.send).toHaveBeenCalledTimes(2);

    client.status.next('disconnected');
    client.status.next('connected');
    await verifier.verify(KEY);
    expect(client.send).toHaveBeenCalledTimes(3);
    expect(client.subscriptions).toHaveLength(1);
  });

  it('rejects, caching nothing, when the registry does not answer in time', async () => {
    const { client, verifier } = setup(20);
    client.registryUp = false;
    await expect(verifier.verify(KEY)).rejects.toThrow('api-key.verify: no reply within 20 ms');
    client.answer = () => throwError(() => new Error('Connection lost'));
    await expect(verifier.verify(KEY)).rejects.toThrow('Connection lost');
    client.registryUp = true;
    await expect(verifier.verify(KEY)).resolves.toEqual(principal);
  });
});

@Controller('detections')
@AllowRoles('integrator')
class DetectionsController {
  @Get()
  get(@CurrentPrincipal() caller: Principal) {
    return caller;
  }
}

describe('a service guarded with NATS_API_KEYS', () => {
  const client = new FakeNatsClient();
  let app: INestApplication;

  @Global()
  @Module({
    providers: [
      { provide: NATS_CLIENT, useValue: client },
      {
        provide: NatsConfig,
        useValue: Object.assign(new NatsConfig(), { NATS_API_KEY_TIMEOUT_MS: 50 }),
      },
      // API keys never touch the revocation list of access tokens.
      { provide: 'REDIS', useValue: {} },
    ],
    exports: [NATS_CLIENT, NatsConfig, 'REDIS'],
  })
  class FakeInfrastructureModule {}

  beforeAll(async () => {
    const { publicKeyFile } = writeJwtKeyFiles();
    const moduleRef = await Test.createTestingModule({
      imports: [
        FakeInfrastructureModule,
        AuthModule.forRoot({ redis: 'REDIS', apiKeys: NATS_API_KEYS }),
      ],
      controllers: [DetectionsController],
    })
      .overrideProvider(AuthConfig)
      .useValue(
        Object.assign(new AuthConfig(), {
          JWT_PUBLIC_KEY_FILE: publicKeyFile,
          INTERNAL_SERVICE_TOKEN: 'i'.repeat(32),
        }),
      )
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  const get = (key: string) =>
    request(app.getHttpServer()).get('/detections').set('x-api-key', key);

  it('accepts a key the registry vouches for, as an integrator', async () => {
    await get(KEY).expect(200, principal);
  });

  it('refuses an unknown key with 401', async () => {
    const res = await get(OTHER_KEY).expect(401);
    expect(res.body.message).toBe('invalid or revoked API key');
  });

  it('answers 503, not 401, while the registry does not answer', async () => {
    client.registryUp = false;
    try {
      const res = await get(`gtv_0123abcd_${'t'.repeat(43)}`).expect(503);
      expect(res.body.message).toBe('cannot check API keys right now; retry shortly');
    } finally {
      client.registryUp = true;
    }
  });
});
