import { API_KEY_CACHE_MS, hashApiKey, isWellFormedApiKey } from '@gt-vision/backend-auth';
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

describe('DbApiKeyVerifier', () => {
  const { key, hash } = generateApiKey();
  let revoked: boolean;
  let repository: { findActiveByHash: jest.Mock; touch: jest.Mock };
  let verifier: DbApiKeyVerifier;
  const row: ApiKeyRow = {
    id: 'key-1',
    name: 'plate camera vendor',
    prefix: key.slice(4, 12),
    role: 'integrator',
    created_by: null,
    created_at: new Date(),
    last_used_at: null,
    revoked_at: null,
  };

  beforeEach(() => {
    jest.useFakeTimers();
    revoked = false;
    repository = {
      findActiveByHash: jest.fn(async (h: string) => (h === hash && !revoked ? row : null)),
      touch: jest.fn(async () => undefined),
    };
    verifier = new DbApiKeyVerifier(repository as unknown as ApiKeysRepository);
  });
  afterEach(() => jest.useRealTimers());

  it('answers the key principal', async () => {
    expect(await verifier.verify(key)).toEqual({
      kind: 'api-key',
      id: 'key-1',
      name: 'plate camera vendor',
      role: 'integrator',
    });
  });

  it('does not query the database for a malformed key', async () => {
    expect(await verifier.verify('not-a-key')).toBeNull();
    expect(repository.findActiveByHash).not.toHaveBeenCalled();
  });

  it('queries once per key per cache period, and honours a revocation after it', async () => {
    await verifier.verify(key);
    await verifier.verify(key);
    expect(repository.findActiveByHash).toHaveBeenCalledTimes(1);
    revoked = true;
    expect(await verifier.verify(key)).not.toBeNull();
    jest.advanceTimersByTime(API_KEY_CACHE_MS);
    expect(await verifier.verify(key)).toBeNull();
  });

  it('forgets a key revoked through this replica at once', async () => {
    await verifier.verify(key);
    revoked = true;
    verifier.forget('key-1');
    expect(await verifier.verify(key)).toBeNull();
  });

  it('verifies by hash for the other services from the database, never from its cache', async () => {
    expect(await verifier.verify(key)).toMatchObject({ id: 'key-1' });
    expect(await verifier.verifyHash(hash)).toMatchObject({ id: 'key-1' });
    expect(repository.findActiveByHash).toHaveBeenCalledTimes(2);
    // Revoked through another replica: this one's cache still holds the key for its own routes,
    // but what it tells the other services is the database's answer.
    repository.findActiveByHash.mockResolvedValue(null);
    expect(await verifier.verifyHash(hash)).toBeNull();
  });

  it('records use at most once a minute', async () => {
    await verifier.verify(key);
    jest.advanceTimersByTime(API_KEY_CACHE_MS);
    await verifier.verify(key);
    expect(repository.touch).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(60_000);
    await verifier.verify(key);
    expect(repository.touch).toHaveBeenCalledTimes(2);
  });
});
