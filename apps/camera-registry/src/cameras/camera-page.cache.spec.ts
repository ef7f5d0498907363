import { CameraListQueryDto } from '@gt-vision/shared-types';
import { plainToInstance } from 'class-transformer';
import { ALL_CAMERAS } from '@gt-vision/backend-auth';
import { CameraPageCache, pageKey } from './camera-page.cache';

const query = (plain: object = {}) => plainToInstance(CameraListQueryDto, plain);

describe('CameraPageCache', () => {
  it('gives a page back only for the version it was stored at', () => {
    const cache = new CameraPageCache();
    const page = cache.set('k', 'a.1', '{"items":[]}');
    expect(page.etag).toBe('"a.1"');
    expect(cache.get('k', 'a.1')).toBe(page);
    expect(cache.get('k', 'a.2')).toBeUndefined();
    // A stale page is dropped, not kept for the old version.
    expect(cache.get('k', 'a.1')).toBeUndefined();
  });

  it('keeps at most 64 pages, forgetting the least recently used', () => {
    const cache = new CameraPageCache();
    for (let i = 0; i < 64; i++) cache.set(`k${i}`, 'v', `${i}`);
    expect(cache.get('k0', 'v')?.json).toBe('0'); // k0 is now the most recent
    cache.set('k64', 'v', '64');
    expect(cache.get('k1', 'v')).toBeUndefined();
    expect(cache.get('k0', 'v')?.json).toBe('0');
    expect(cache.get('k64', 'v')?.json).toBe('64');
  });
});

const q = (...args: Parameters<typeof query>) => [query(...args), ALL_CAMERAS] as const;

describe('pageKey', () => {
  it('is the same for the same query whatever the order of its parameters', () => {
    expect(pageKey(...q({ limit: '50', tag: 'a', sort: 'name' }))).toBe(
      pageKey(...q({ sort: 'name', tag: 'a', limit: '50' })),
    );
  });

  it('differs when any parameter differs', () => {
    const base = pageKey(...q());
    for (const plain of [
      { status: 'online' },
      { tag: 'a' },
      { enabled: 'true' },
      { lprEnabled: 'false' },
      { q: 'gate' },
      { sort: 'createdAt' },
      { order: 'desc' },
      { cursor: 'abc' },
      { limit: '10' },
    ]) {
      expect(pageKey(...q(plain))).not.toBe(base);
    }
  });

  it('differs with the cameras the caller may see', () => {
    const restricted = (ids: number[]) =>
      ({ all: false, ids: new Set(ids), key: ids.join(',') }) as const;
    const base = pageKey(query(), ALL_CAMERAS);
    expect(pageKey(query(), restricted([1]))).not.toBe(base);
    expect(pageKey(query(), restricted([1]))).not.toBe(pageKey(query(), restricted([1, 2])));
    expect(pageKey(query(), restricted([1, 2]))).toBe(pageKey(query(), restricted([1, 2])));
  });
});
