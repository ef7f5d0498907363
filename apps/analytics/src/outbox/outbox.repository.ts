import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolExecutor, type SqlExecutor, type SqlTransaction } from '../common/sql';

/** An event to publish once the transaction that stored it commits. */
export interface OutboxMessage {
  subject: string;
  /** Events of one camera are published in the order they were stored. */
  cameraId: number;
  payload: object;
}

export interface StoredOutboxMessage extends OutboxMessage {
  id: string;
}

export interface OutboxBacklog {
  pending: number;
  /** Age of the oldest unpublished message; 0 when there is none. */
  oldestAgeSeconds: number;
}

/** All SQL of the outbox table (migration 1764800000002). */
@Injectable()
export class OutboxRepository {
  private readonly db: SqlExecutor;

  constructor(dataSource: DataSource) {
    this.db = poolExecutor(dataSource);
  }

  /** In the caller's transaction, after the write the messages announce. */
  async add(tx: SqlTransaction, messages: readonly OutboxMessage[]): Promise<void> {
    if (!messages.length) return;
    await tx.sql(
      `INSERT INTO analytics.outbox (camera_id, subject, payload)
       SELECT * FROM unnest($1::int[], $2::text[], $3::json[])`,
      [
        messages.map((m) => m.cameraId),
        messages.map((m) => m.subject),
        messages.map((m) => JSON.stringify(m.payload)),
      ],
    );
  }

  /**
   * Locks the oldest message of up to `limit` cameras, oldest first; rows another relay holds are
   * skipped, so two relays never publish one camera's events out of order. The lock lasts until `tx` ends.
   */
  async claim(tx: SqlTransaction, limit: number): Promise<StoredOutboxMessage[]> {
    const { rows } = await tx.sql<{
      id: string;
      camera_id: number;
      subject: string;
      payload: object;
    }>(
      `SELECT id, camera_id, subject, payload FROM analytics.outbox o
        WHERE NOT EXISTS (
          SELECT 1 FROM analytics.outbox earlier
           WHERE earlier.camera_id = o.camera_id AND earlier.id < o.id)
        ORDER BY id LIMIT $1
        FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((row) => ({
      id: row.id,
      cameraId: row.camera_id,
      subject: row.subject,
      payload: row.payload,
    }));
  }

  async remove(tx: SqlTransaction, ids: readonly string[]): Promise<void> {
    await tx.sql('DELETE FROM analytics.outbox WHERE id = ANY($1::bigint[])', [ids]);
  }

  /** Kept for the next attempt; the error shows what holds the backlog up. */
  async recordFailure(tx: SqlTransaction, ids: readonly string[], error: string): Promise<void> {
    await tx.sql(
      `UPDATE analytics.outbox SET attempts = attempts + 1, last_error = $2
        WHERE id = ANY($1::bigint[])`,
      [ids, error.slice(0, 500)],
    );
  }

  async backlog(): Promise<OutboxBacklog> {
    const { rows } = await this.db.sql<{ pending: number; oldest_age_seconds: number }>(
      `SELECT count(*)::int AS pending,
              coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest_age_seconds
         FROM analytics.outbox`,
    );
    return { pending: rows[0].pending, oldestAgeSeconds: rows[0].oldest_age_seconds };
  }
}
