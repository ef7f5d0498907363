import { fairShare, LeaseKeeper } from './lease-keeper';
import { cameraLeaseKey, type LeaseEntry, type LeaseStore } from './lease.store';

/** The KV semantics leases rely on: revisions for compare-and-set, keys gone after TTL without writes. */
class FakeKv implements LeaseStore {
  private readonly entries = new Map<string, LeaseEntry & { writtenAt: number }>();
  private revision = 0;
  down = false;
  /** false: keys are never removed by age (a store whose TTL stopped applying). */
  expires = true;

  constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  private live(key: string) {
    if (this.down) throw new Error('store unavailable');
    const entry = this.entries.get(key);
    if (entry && this.expires && this.clock() - entry.writtenAt >= this.ttlMs)
      this.entries.delete(key);
    return this.entries.get(key);
  }

  private write(key: string, value: string): number {
    this.entries.set(key, { value, revision: ++this.revision, writtenAt: this.clock() });
    return this.revision;
  }

  async get(key: string) {
    const entry = this.live(key);
    return entry
      ? { value: entry.value, revision: entry.revision, writtenAt: entry.writtenAt }
      : null;
  }

  async create(key: string, value: string) {
    if (this.live(key)) throw new Error('wrong last sequence: key exists');
    return this.write(key, value);
  }

  async update(key: string, value: string, revision: number) {
    if (this.live(key)?.revision !== revision) throw new Error('wrong last sequence');
    return this.write(key, value);
  }

  async delete(key: string, revision: number) {
    if (this.live(key)?.revision !== revision) throw new Error('wrong last sequence');
    this.entries.delete(key);
  }
}

const TTL = 6000;
const RENEW = 1500;
const cameras = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('LeaseKeeper', () => {
  let now: number;
  let kv: FakeKv;
  const keeper = (replicaId: string) =>
    new LeaseKeeper(kv, { replicaId, ttlMs: TTL, renewMs: RENEW, now: () => now });
  const noop = async () => undefined;

  beforeEach(() => {
    now = 0;
    kv = new FakeKv(TTL, () => now);
  });

  /** Advances time by one renew interval and ticks the running replicas in turn. */
  async function round(keepers: LeaseKeeper[], desired: number[]) {
    now += RENEW;
    for (const k of keepers) await k.tick(desired, noop);
  }

  function expectDisjointCover(keepers: LeaseKeeper[], desired: number[]) {
    const all = keepers.flatMap((k) => k.heldCameras());
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort((a, b) => a - b)).toEqual(desired);
  }

  it('a single replica takes every camera and keeps it by renewing', async () => {
    const a = keeper('a');
    for (let i = 0; i < 10; i++) await round([a], cameras(5));
    expect(a.heldCameras()).toEqual(cameras(5));
  });

  it('a second replica gets its fair share without any camera held twice', async () => {
    const a = keeper('a');
    const b = keeper('b');
    await round([a], cameras(10));
    expect(a.heldCameras()).toHaveLength(10);
    for (let i = 0; i < 4; i++) {
      await round([a, b], cameras(10));
      const all = [...a.heldCameras(), ...b.heldCameras()];
      expect(new Set(all).size).toBe(all.length);
    }
    expectDisjointCover([a, b], cameras(10));
    expect(a.heldCameras()).toHaveLength(5);
    expect(b.heldCameras()).toHaveLength(5);
  });

  it('releases a camera before another replica may take it, calling beforeRelease first', async () => {
    const a = keeper('a');
    await round([a], cameras(4));
    const order: string[] = [];
    now += RENEW;
    await a.tick(cameras(3), async (ids) => {
      order.push(`stop ${ids}`);
      expect(await kv.get('camera.4')).not.toBeNull();
    });
    expect(order).toEqual(['stop 4']);
    expect(await kv.get('camera.4')).toBeNull();
  });

  it('hands a stopped replica cameras over once its leases expire', async () => {
    const a = keeper('a');
    const b = keeper('b');
    for (let i = 0; i < 4; i++) await round([a, b], cameras(6));
    expectDisjointCover([a, b], cameras(6));
    const started = now;
    while (b.heldCameras().length < 6) {
      await round([b], cameras(6));
      expect(now - started).toBeLessThanOrEqual(TTL + 3 * RENEW);
    }
    expect(b.heldCameras()).toEqual(cameras(6));
  });

  it('takes over a stopped replica leases that the store failed to expire', async () => {
    kv.expires = false;
    const a = keeper('a');
    const b = keeper('b');
    for (let i = 0; i < 4; i++) await round([a, b], cameras(6));
    const started = now;
    while (b.heldCameras().length < 6) {
      await round([b], cameras(6));
      expect(now - started).toBeLessThanOrEqual(TTL + 3 * RENEW);
    }
    expect(b.heldCameras()).toEqual(cameras(6));
    // The stopped replica, were it to come back, finds its leases gone: no camera is read twice while
    // the two rebalance.
    for (let i = 0; i < 4; i++) {
      await round([a, b], cameras(6));
      const held = [...a.heldCameras(), ...b.heldCameras()];
      expect(new Set(held).size).toBe(held.length);
    }
    expectDisjointCover([a, b], cameras(6));
  });

  it('renews the leases it keeps before waiting for the readers of those it lets go', async () => {
    const a = keeper('a');
    await round([a], cameras(4));
    const renewedBefore = await Promise.all(cameras(4).map((id) => kv.get(cameraLeaseKey(id))));
    now += RENEW;
    // Camera 4 goes; its reader takes long to stop (a loaded machine).
    await a.tick(cameras(3), async () => {
      const kept = await Promise.all(cameras(3).map((id) => kv.get(cameraLeaseKey(id))));
      kept.forEach((entry, i) => expect(entry?.revision).not.toBe(renewedBefore[i]?.revision));
      now += TTL;
    });
    expect(await kv.get(cameraLeaseKey(4))).toBeNull();
  });

  it('takes its own lease back at once after a tick ran too late to renew it', async () => {
    kv.expires = false;
    const a = keeper('a');
    await round([a], cameras(3));
    now += TTL; // a tick held up (readers stopping under load): the leases are dropped as stale
    const tick = await a.tick(cameras(3), noop);
    expect(tick.held).toEqual(cameras(3));
    expect(tick.released).toEqual([]);
  });

  it('never takes a lease its holder keeps renewing, however long it is held', async () => {
    kv.expires = false;
    const a = keeper('a');
    const b = keeper('b');
    await round([a], cameras(4));
    for (let i = 0; i < 3 * (TTL / RENEW); i++) await round([a, b], cameras(4));
    expectDisjointCover([a, b], cameras(4));
  });

  it('hands over at once when a replica releases all on shutdown', async () => {
    const a = keeper('a');
    const b = keeper('b');
    for (let i = 0; i < 4; i++) await round([a, b], cameras(4));
    await a.releaseAll();
    await round([b], cameras(4));
    expect(b.heldCameras()).toEqual(cameras(4));
  });

  it('stops reading a camera whose lease it could not renew before the lease can expire', async () => {
    const a = keeper('a');
    await round([a], cameras(2));
    kv.down = true;
    let released: number[] = [];
    for (let elapsed = 0; released.length === 0; elapsed += RENEW) {
      expect(elapsed).toBeLessThan(TTL);
      now += RENEW;
      released = (await a.tick(cameras(2), noop)).released;
    }
    expect(released).toEqual([1, 2]);
    expect(a.heldCameras()).toEqual([]);
  });

  it('lets go of cameras that no longer have LPR on', async () => {
    const a = keeper('a');
    await round([a], cameras(3));
    now += RENEW;
    const tick = await a.tick([1, 3], noop);
    expect(tick.held).toEqual([1, 3]);
    expect(tick.released).toEqual([2]);
  });

  it('keeps what it holds while the camera set is still unknown', async () => {
    const a = keeper('a');
    await round([a], cameras(2));
    now += RENEW;
    expect((await a.tick(null, noop)).held).toEqual([1, 2]);
  });
});

describe('fairShare', () => {
  it('splits cameras evenly, rounding up so every camera has a taker', () => {
    expect(fairShare(10, 2)).toBe(5);
    expect(fairShare(3, 2)).toBe(2);
    expect(fairShare(5, 0)).toBe(5);
  });
});
