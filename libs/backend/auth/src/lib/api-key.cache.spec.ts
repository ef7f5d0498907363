import { ApiKeyCache } from './api-key.cache';
import { hashApiKey, isWellFormedApiKey } from './api-key.format';
import type { ApiKeyPrincipal } from './principal';

const principal = (id: string): ApiKeyPrincipal => ({
  kind: 'api-key',
  id,
  name: `key ${id}`,
  role: 'integrator',
});

describe('API key format', () => {
  it('accepts gtv_<8 hex>_<43 base64url> only, and hashes with SHA-256 hex', () => {
    const key = `gtv_0123abcd_${'a'.repeat(43)}`;
    expect(isWellFormedApiKey(key)).toBe(true);
    expect(isWellFormedApiKey(`${key}x`)).toBe(false);
    expect(isWellFormedApiKey('gtv_short_key')).toBe(false);
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key)).not.toBe(hashApiKey(`${key}x`));
  });
});

describe('ApiKeyCache', () => {
  let cache: ApiKeyCache;
  beforeEach(() => {
    jest.useFakeTimers();
    cache = new ApiKeyCache(1000, 3);
  });
  afterEach(() => jest.useRealTimers());

  it('keeps valid and invalid answers until they expire', () => {
    cache.set('h1', principal('k1'), cache.stamp());
    cache.set('h2', null, cache.stamp());
    expect(cache.get('h1')).toEqual(principal('k1'));
    expect(cache.get('h2')).toBeNull();
    expect(cache.get('h3')).toBeUndefined();
    jest.advanceTimersByTime(1000);
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h2')).toBeUndefined();
  });

  it('is bounded: the oldest entry makes room', () => {
    for (const hash of ['h1', 'h2', 'h3', 'h4']) cache.set(hash, null, cache.stamp());
    expect(cache.get('h1')).toBeUndefined();
    expect(['h2', 'h3', 'h4'].map((hash) => cache.get(hash))).toEqual([null, null, null]);
  });

  it('forgets a revoked key at once, whatever hash it was cached under', () => {
    cache.set('h1', principal('k1'), cache.stamp());
    cache.set('h2', principal('k2'), cache.stamp());
    cache.forgetKey('k1');
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h2')).toEqual(principal('k2'));
    cache.clear();
    expect(cache.get('h2')).toBeUndefined();
  });

  it('does not keep an answer fetched across a revocation', () => {
    const stamp = cache.stamp();
    cache.forgetKey('k1');
    cache.set('h1', principal('k1'), stamp);
    expect(cache.get('h1')).toBeUndefined();
    cache.set('h1', principal('k1'), cache.stamp());
    expect(cache.get('h1')).toEqual(principal('k1'));
  });
});
