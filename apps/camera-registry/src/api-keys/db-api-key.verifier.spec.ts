import { hashApiKey, isWellFormedApiKey } from '@gt-vision/backend-auth';
import type Redis from 'ioredis';
import { FakeRedis } from '../testing/fake-redis';
import { ActiveApiKeys } from './active-api-keys';
import type { ApiKeyRow, ApiKeysRepository } from './api-keys.repository';
import { generateApiKey } from './api-key.format';
import { DbApiKeyVerifier } from './db-api-key.verifier';

describe('generateApiKey', () => {
  it('makes gtv_<8 hex>_<43 base64url> keys, with their SHA-256', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^gtv_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(key.slice(4, 12)).toBe(prefix);
    expect(hash).toBe(hashApiKey(key));
    expect(isWellFormedApiKey(key)).toBe(true);
    expect(generateApiKey().key).not.toBe(key);
  });
});

type Row = ApiKeyRow & { key_hash: string };

describe('DbApiKeyVerifier', () => {
  const { key, hash } = generateApiKey();
  let table: Row[];
  let repository: { listActive: jest.Mock; touch: jest.Mock };
  let redis: FakeRedis;
  /** Two registry replicas over one database and one Redis. */
  let replicaA: { verifier: DbApiKeyVerifier; keys: ActiveApiKeys };
  let replicaB: { verifier: DbApiKeyVerifier; keys: ActiveApiKeys };
  const rowOf = (keyHash: string, id: string): Row => ({
    id,
    name: 'plate camera vendor',
    prefix: 'abcd0123',
    role: 'integrator',
    created_by: null,
    created_at: new Date(),
    last_used_at: null,
    revoked_at: null,
    key_hash: keyHash,
  });
  const replica = () => {
    const keys = new ActiveApiKeys(
      repository as unknown as ApiKeysRepository,
      redis as unknown as Redis,
    );
    return {
      keys,
      verifier: new DbApiKeyVerifier(repository as unknown as ApiKeysRepository, keys),
    };
  };

  beforeEach(() => {
    jest.useFakeTimers();
    table = [rowOf(hash, 'key-1')];
    repository = {
      listActive: jest.fn(async () => table.filter((row) => !row.revoked_at)),
      touch: jest.fn(async () => undefined),
    };
    redis = new FakeRedis();
    replicaA = replica();
    replicaB = replica();
  });
  afterEach(() => jest.useRealTimers());

  it('answers the key principal', async () => {
    expect(await replicaA.verifier.verify(key)).toEqual({
      kind: 'api-key',
      id: 'key-1',
      name: 'plate camera vendor',
      role: 'integrator',
    });
    expect(await replicaA.verifier.verifyHash(hash)).toMatchObject({ id: 'key-1' });
  });

  it('answers unknown and malformed keys without a query, however many there are', async () => {
    await replicaA.verifier.verify(key);
    expect(repository.listActive).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 100; i++) {
      expect(await replicaA.verifier.verify(generateApiKey().key)).toBeNull();
    }
    expect(await replicaA.verifier.verify('not-a-key')).toBeNull();
    expect(await replicaA.verifier.verifyHash('0'.repeat(64))).toBeNull();
    expect(repository.listActive).toHaveBeenCalledTimes(1);
  });

  it('knows a key created through another replica as soon as the creation has answered', async () => {
    const created = generateApiKey();
    expect(await replicaA.verifier.verify(created.key)).toBeNull();
    table.push(rowOf(created.hash, 'key-2'));
    await replicaB.keys.changed();
    expect(await replicaA.verifier.verify(created.key)).toMatchObject({ id: 'key-2' });
  });

  it('refuses a key revoked through another replica from the next request on', async () => {
    expect(await replicaA.verifier.verify(key)).not.toBeNull();
    table[0].revoked_at = new Date();
    await replicaB.keys.changed();
    expect(await replicaA.verifier.verify(key)).toBeNull();
  });

  it('reloads again when a key changes while it is loading', async () => {
    let release!: () => void;
    repository.listActive.mockImplementationOnce(async () => {
      const before = table.filter((row) => !row.revoked_at).map((row) => ({ ...row }));
      await new Promise<void>((resolve) => (release = resolve));
      return before;
    });
    const slow = replicaA.verifier.verify(key);
    await jest.advanceTimersByTimeAsync(0);
    table[0].revoked_at = new Date();
    await replicaB.keys.changed();
    release();
    // The load that started before the revocation may still answer with the key...
    await slow;
    // ...but nothing after the revocation does.
    expect(await replicaA.verifier.verify(key)).toBeNull();
  });

  it('loads once for concurrent lookups, and retries a failed load', async () => {
    await Promise.all([1, 2, 3].map(() => replicaA.verifier.verify(key)));
    expect(repository.listActive).toHaveBeenCalledTimes(1);
    await replicaA.keys.changed();
    repository.listActive.mockRejectedValueOnce(new Error('database down'));
    await expect(replicaA.verifier.verify(key)).rejects.toThrow('database down');
    expect(await replicaA.verifier.verify(key)).toMatchObject({ id: 'key-1' });
  });

  it('fails (503 upstream) rather than guess when Redis is down', async () => {
    redis.down = true;
    await expect(replicaA.verifier.verify(key)).rejects.toThrow('Connection is closed.');
  });

  it('records use at most once a minute', async () => {
    await replicaA.verifier.verify(key);
    await replicaA.verifier.verify(key);
    expect(repository.touch).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(60_000);
    await replicaA.verifier.verify(key);
    expect(repository.touch).toHaveBeenCalledTimes(2);
  });
});
