import { Inject, Injectable } from '@nestjs/common';
import { Database, type Tx } from '@gt-vision/backend-database';
import { traceHeaders } from '@gt-vision/backend-tracing';
import { OUTBOX_OPTIONS, type OutboxOptions } from './outbox.options';
import { outboxTable } from './outbox.table';

/** An event to publish once the transaction that stored it commits. */
export interface OutboxMessage<P extends object = object> {
  subject: string;
  /** Messages of one key (e.g. a camera id) are published in the order they were stored. */
  key: string;
  payload: P;
}

export interface StoredOutboxMessage extends OutboxMessage {
  id: string;
  /** The trace context of the transaction that stored it (absent when none was active). */
  traceHeaders?: Record<string, string>;
}

export interface OutboxBacklog {
  pending: number;
  /** Age of the oldest unpublished message; 0 when there is none. */
  oldestAgeSeconds: number;
}

/** All SQL of a service's outbox table (createOutboxTable). */
@Injectable()
export class OutboxRepository {
  private readonly table: string;

  constructor(
    private readonly db: Database,
    @Inject(OUTBOX_OPTIONS) options: OutboxOptions,
  ) {
    this.table = outboxTable(options.schema);
  }

  /** In the caller's transaction, after the write the messages announce; with its trace context. */
  async add(tx: Tx, messages: readonly OutboxMessage[]): Promise<void> {
    if (!messages.length) return;
    const carried = traceHeaders();
    const trace = Object.keys(carried).length ? JSON.stringify(carried) : null;
    await tx.execute(
      `INSERT INTO ${this.table} (ordering_key, subject, payload, trace_headers)
       SELECT k, s, p, $4::json FROM unnest($1::text[], $2::text[], $3::json[]) AS m(k, s, p)`,
      [
        messages.map((m) => m.key),
        messages.map((m) => m.subject),
        messages.map((m) => JSON.stringify(m.payload)),
        trace,
      ],
    );
  }

  /**
   * Locks up to `limit` messages, oldest first, of keys no other relay holds, several per key: a
   * key's messages go together (one key, e.g. a busy camera, is not one message per transaction),
   * and always as the oldest ones of that key.
   *
   * Who holds a key's oldest message holds the key: the first statement locks the oldest message of
   * up to `limit` keys, skipping those another relay holds (SKIP LOCKED); no other relay can then take
   * any message of those keys (it would need their oldest first). The second locks the keys' messages
   * in id order, a prefix of each key, so two relays never publish one key's events out of order, nor
   * the same message at once. The locks last until `tx` ends.
   */
  async claim(tx: Tx, limit: number): Promise<StoredOutboxMessage[]> {
    const heads = await tx.query<{ ordering_key: string }>(
      `SELECT ordering_key FROM ${this.table} o
        WHERE NOT EXISTS (
          SELECT 1 FROM ${this.table} earlier
           WHERE earlier.ordering_key = o.ordering_key AND earlier.id < o.id)
        ORDER BY id LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    if (!heads.length) return [];
    const rows = await tx.query<{
      id: string;
      ordering_key: string;
      subject: string;
      payload: object;
      trace_headers: Record<string, string> | null;
    }>(
      `SELECT id, ordering_key, subject, payload, trace_headers FROM ${this.table}
        WHERE ordering_key = ANY($1::text[])
        ORDER BY id LIMIT $2
        FOR UPDATE`,
      [heads.map((head) => head.ordering_key), limit],
    );
    return rows.map((row) => ({
      id: row.id,
      key: row.ordering_key,
      subject: row.subject,
      payload: row.payload,
      ...(row.trace_headers && { traceHeaders: row.trace_headers }),
    }));
  }

  async remove(tx: Tx, ids: readonly string[]): Promise<void> {
    await tx.execute(`DELETE FROM ${this.table} WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** Kept for the next attempt; the error shows what holds the backlog up. */
  async recordFailure(tx: Tx, ids: readonly string[], error: string): Promise<void> {
    await tx.execute(
      `UPDATE ${this.table} SET attempts = attempts + 1, last_error = $2
        WHERE id = ANY($1::bigint[])`,
      [ids, error.slice(0, 500)],
    );
  }

  async backlog(): Promise<OutboxBacklog> {
    const [row] = await this.db.query<{ pending: number; oldest_age_seconds: number }>(
      `SELECT count(*)::int AS pending,
              coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest_age_seconds
         FROM ${this.table}`,
    );
    return { pending: row.pending, oldestAgeSeconds: row.oldest_age_seconds };
  }
}
