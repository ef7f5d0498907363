import type { KV, NatsConnection } from 'nats';
import type { LeaseEntry, LeaseStore } from './lease.store';

export const LEASE_BUCKET = 'gtv_frame_leases';

/**
 * The lease bucket on NATS JetStream KV. Its TTL (the stream's max age) removes a key not written for
 * that long: the leases of a replica that stopped renewing vanish on their own. History 1: only the
 * latest value matters; revisions give compare-and-set.
 */
export async function openNatsLeaseStore(
  connection: NatsConnection,
  ttlMs: number,
): Promise<LeaseStore> {
  const kv = await connection.jetstream().views.kv(LEASE_BUCKET, { ttl: ttlMs, history: 1 });
  return new NatsLeaseStore(kv);
}

class NatsLeaseStore implements LeaseStore {
  constructor(private readonly kv: KV) {}

  async get(key: string): Promise<LeaseEntry | null> {
    const entry = await this.kv.get(key);
    if (!entry || entry.operation !== 'PUT') return null;
    return { value: entry.string(), revision: entry.revision, writtenAt: entry.created.getTime() };
  }

  create(key: string, value: string): Promise<number> {
    return this.kv.create(key, value);
  }

  update(key: string, value: string, revision: number): Promise<number> {
    return this.kv.update(key, value, revision);
  }

  async delete(key: string, revision: number): Promise<void> {
    await this.kv.delete(key, { previousSeq: revision });
  }
}
