import { cameraLeaseKey, REPLICAS_KEY, type LeaseEntry, type LeaseStore } from './lease.store';

export interface LeaseKeeperOptions {
  replicaId: string;
  ttlMs: number;
  renewMs: number;
  now?: () => number;
}

interface Held {
  revision: number;
  renewedAt: number;
}

/** What one tick decided: the cameras held afterwards, and those let go (to stop reading first). */
export interface LeaseTick {
  held: number[];
  released: number[];
}

/** How many cameras one replica should read: all of them split evenly, rounded up. */
export function fairShare(cameras: number, replicas: number): number {
  return Math.ceil(cameras / Math.max(1, replicas));
}

/**
 * One replica's side of sharing cameras. Each camera has a key in the lease bucket naming its reader;
 * a replica takes a free key with create (fails if another holds it), keeps it with update on the
 * revision it last wrote (fails if the key changed hands) and gives it back with a delete on that
 * revision. Replicas announce themselves in one `replicas` key, so each knows its fair share: a new
 * replica makes the others release their excess, and a stopped one's leases expire (the bucket's TTL,
 * or `acquire` when the store fails to apply it) and are taken by the replicas below their share. A lease not renewed for TTL - one renew interval is
 * considered lost even before it expires, so no camera is ever read by two replicas.
 */
export class LeaseKeeper {
  private readonly held = new Map<number, Held>();
  private replicas = 1;
  private readonly now: () => number;

  constructor(
    private readonly store: LeaseStore,
    private readonly options: LeaseKeeperOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  heldCameras(): number[] {
    return [...this.held.keys()].sort((a, b) => a - b);
  }

  /**
   * Renews, releases and acquires towards `desired` (null: camera set unknown yet, keep what is held).
   * `beforeRelease` runs before a lease is given back, so its reader stops before anyone else starts.
   */
  async tick(
    desired: readonly number[] | null,
    beforeRelease: (cameraIds: number[]) => Promise<void>,
  ): Promise<LeaseTick> {
    const lost = this.dropStale();
    this.replicas = await this.announce().catch(() => this.replicas);
    const wanted = new Set(desired ?? this.held.keys());
    const share = fairShare(wanted.size, this.replicas);
    const notWanted = [...this.held.keys()].filter((id) => !wanted.has(id));
    const kept = this.heldCameras().filter((id) => wanted.has(id));
    const excess = kept.slice(share);
    // Renewed before releasing: a release first waits for its cameras' readers to stop, seconds on a
    // loaded machine, and the leases kept must not age meanwhile.
    lost.push(...(await this.renew()));
    const release = [...notWanted, ...excess].filter((id) => this.held.has(id));
    if (release.length > 0) {
      await beforeRelease(release);
      await this.release(release);
    }
    if (this.held.size < share) await this.acquire([...wanted], share);
    // A lost lease taken back in the same tick (our own key) was never anyone else's: read on.
    const released = [...release, ...lost].filter((id) => !this.held.has(id));
    return { held: this.heldCameras(), released };
  }

  /** On shutdown: every lease back at once, so other replicas take over without waiting for the TTL. */
  async releaseAll(): Promise<void> {
    await this.release(this.heldCameras());
    await this.leave().catch(() => undefined);
  }

  private dropStale(): number[] {
    const limit = this.options.ttlMs - this.options.renewMs;
    const stale = [...this.held]
      .filter(([, h]) => this.now() - h.renewedAt >= limit)
      .map(([id]) => id);
    stale.forEach((id) => this.held.delete(id));
    return stale;
  }

  private async release(cameraIds: number[]): Promise<void> {
    await Promise.all(
      cameraIds.map(async (id) => {
        const held = this.held.get(id);
        this.held.delete(id);
        if (held) await this.store.delete(cameraLeaseKey(id), held.revision).catch(() => undefined);
      }),
    );
  }

  private async renew(): Promise<number[]> {
    const lost: number[] = [];
    const value = this.value();
    await Promise.all(
      [...this.held].map(async ([id, held]) => {
        try {
          const at = this.now();
          const revision = await this.store.update(cameraLeaseKey(id), value, held.revision);
          this.held.set(id, { revision, renewedAt: at });
        } catch {
          // Another replica holds it now (our lease expired): let go. A store outage is retried
          // next tick until dropStale gives up on it.
          if (await this.takenByOther(id)) {
            this.held.delete(id);
            lost.push(id);
          }
        }
      }),
    );
    return lost;
  }

  private async takenByOther(cameraId: number): Promise<boolean> {
    try {
      const entry = await this.store.get(cameraLeaseKey(cameraId));
      return entry === null || JSON.parse(entry.value).replica !== this.options.replicaId;
    } catch {
      return false;
    }
  }

  /**
   * Takes free cameras up to `share`. A key still there TTL + 2 renewals after its last write belongs
   * to a replica that stopped renewing, whose key the store failed to expire: it is taken over with a
   * compare-and-set on its revision. NATS 2.9 stopped applying a KV bucket's max age after its stream
   * lost track of its first message's time (first_ts 1970 in `jsz`), so a replica killed at 250
   * cameras left leases that never expired and no camera was read again. The holder itself stops
   * reading TTL - renew after its last renewal, at its next tick at the latest (by TTL); the two
   * renewals on top leave the store's clock (the write time is the server's) and ours room to differ.
   * Our own key (a lease we let go of when a tick ran late) is taken back at once: no one else can
   * have taken it, since it is still ours.
   */
  private async acquire(wanted: number[], share: number): Promise<void> {
    const value = this.value();
    for (const id of wanted.filter((c) => !this.held.has(c)).sort((a, b) => a - b)) {
      if (this.held.size >= share) return;
      try {
        const key = cameraLeaseKey(id);
        const entry = await this.store.get(key);
        if (entry !== null && !this.ours(entry) && !this.abandoned(entry)) {
          continue;
        }
        const at = this.now();
        const revision =
          entry === null
            ? await this.store.create(key, value)
            : await this.store.update(key, value, entry.revision);
        this.held.set(id, { revision, renewedAt: at });
      } catch {
        // Taken by another replica between get and create, or the store is away: next tick.
      }
    }
  }

  /** Not written for TTL + 2 renewals. A write time that cannot be read (NaN) is not: live leases stay put. */
  private abandoned(entry: LeaseEntry): boolean {
    return this.now() - entry.writtenAt >= this.options.ttlMs + 2 * this.options.renewMs;
  }

  private ours(entry: LeaseEntry): boolean {
    return (JSON.parse(entry.value) as { replica?: string }).replica === this.options.replicaId;
  }

  /** Writes this replica's heartbeat into the `replicas` key; returns how many replicas are alive. */
  private async announce(): Promise<number> {
    const entry = await this.store.get(REPLICAS_KEY);
    const alive = this.aliveReplicas(entry?.value);
    alive[this.options.replicaId] = this.now();
    const value = JSON.stringify(alive);
    if (entry) await this.store.update(REPLICAS_KEY, value, entry.revision);
    else await this.store.create(REPLICAS_KEY, value);
    return Object.keys(alive).length;
  }

  private async leave(): Promise<void> {
    const entry = await this.store.get(REPLICAS_KEY);
    if (!entry) return;
    const alive = this.aliveReplicas(entry.value);
    delete alive[this.options.replicaId];
    await this.store.update(REPLICAS_KEY, JSON.stringify(alive), entry.revision);
  }

  private aliveReplicas(value: string | undefined): Record<string, number> {
    const alive: Record<string, number> = {};
    if (!value) return alive;
    for (const [id, seen] of Object.entries(JSON.parse(value) as Record<string, number>)) {
      if (this.now() - seen <= this.options.ttlMs) alive[id] = seen;
    }
    return alive;
  }

  private value(): string {
    return JSON.stringify({
      replica: this.options.replicaId,
      at: new Date(this.now()).toISOString(),
    });
  }
}
