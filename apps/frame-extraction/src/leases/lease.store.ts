/** One key of the lease bucket as last written. */
export interface LeaseEntry {
  value: string;
  revision: number;
  /** When it was written, by the store's clock (ms since the epoch). */
  writtenAt: number;
}

/**
 * The compare-and-set operations leases need, as NATS JetStream KV offers them (nats-lease.store.ts).
 * Keys are removed by the store itself once not written for its TTL (LeaseKeeper does not rely on it
 * alone: see `acquire`).
 */
export interface LeaseStore {
  get(key: string): Promise<LeaseEntry | null>;
  /** Fails when the key holds a value. */
  create(key: string, value: string): Promise<number>;
  /** Fails unless the key is still at `revision`. */
  update(key: string, value: string, revision: number): Promise<number>;
  /** Fails unless the key is still at `revision`. */
  delete(key: string, revision: number): Promise<void>;
}

export const cameraLeaseKey = (cameraId: number) => `camera.${cameraId}`;
export const REPLICAS_KEY = 'replicas';
