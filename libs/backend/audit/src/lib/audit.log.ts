import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Histogram } from 'prom-client';
import { Database } from '@gt-vision/backend-database';
import { chainHash, type ChainedFields } from './audit.chain';
import { GroupCommit } from './audit.group-commit';
import { AUDIT_APPEND_METRIC } from './audit.metrics';

/** Who acted: a user, an API key, one of our services, or nobody yet (a failed login). */
export interface AuditActor {
  kind: 'user' | 'api-key' | 'service' | 'anonymous';
  id: string | null;
  name: string | null;
}

/** One security-relevant action, as a service reports it. */
export interface AuditEntry {
  /** Dotted, stable names: `auth.login`, `plate.search`, `watchlist.updated`... */
  action: string;
  actor: AuditActor;
  /** What it was done to: `user:<id>`, `camera:3`, `api-key:<id>`. */
  target?: string | null;
  details?: Record<string, unknown>;
  sourceIp?: string | null;
  requestId?: string | null;
  reason?: string | null;
}

/** A stored record: what its hash covers, its id (chain order) and its hash. */
export interface AuditRecord extends ChainedFields {
  id: string;
  hash: string;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  target?: string;
  from?: Date;
  to?: Date;
  /** Records older (smaller id) than this one: the keyset cursor. */
  beforeId?: string;
}

/** The first record whose link does not hold, or none: the chain is intact. */
export type AuditVerification =
  | { intact: true; checked: number; lastId: string | null }
  | {
      intact: false;
      checked: number;
      brokenAt: string;
      problem: 'hash' | 'link';
      detail: string;
    };

// `r.id` where it sorts: the text alias `id` would sort 10 before 2.
const COLUMNS = `r.id::text AS id, at, actor_kind, actor_id, actor_name, action, target,
  details::text AS details, source_ip, request_id, reason, prev_hash, hash`;
const VERIFY_BATCH = 1000;
/** Records per append at most: a bound on the time one batch holds the chain's lock. */
const MAX_BATCH = 500;
/** PostgreSQL refuses NUL in text, and an unpaired surrogate (JSON.stringify escapes it) in json. */
const UNSTORABLE = /[\0\uD800-\uDFFF]/u;

/** A record as its caller gives it: its place in the chain (`at`, `prev_hash`) is set when written. */
type Unchained = Omit<ChainedFields, 'at' | 'prev_hash'>;

/**
 * The audit trail in PostgreSQL (`audit.records`, created by the registry's migration). Writers append
 * before they answer, and the append resolves only once the record is committed: a record cannot be
 * lost to a crash or a broker, and an action whose record cannot be written fails. Each write
 * (`audit.append`, audit.table.ts) takes a transaction-scoped advisory lock, so records chain to the
 * one committed before them whatever replica or service writes them. The lock is held across the
 * commit's WAL flush, so one record per transaction would cap every audited request of every replica
 * at one flush each; instead concurrent appends of this process are group-committed: one statement
 * writes all that queued meanwhile.
 */
@Injectable()
export class AuditLog {
  private readonly writer = new GroupCommit<Unchained>((records) => this.write(records), MAX_BATCH);

  constructor(
    private readonly db: Database,
    @InjectMetric(AUDIT_APPEND_METRIC) private readonly appendSeconds: Histogram<string>,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    const record: Unchained = {
      actor_kind: entry.actor.kind,
      actor_id: entry.actor.id,
      actor_name: entry.actor.name,
      action: entry.action,
      target: entry.target ?? null,
      details: JSON.stringify(entry.details ?? {}),
      source_ip: entry.sourceIp ?? null,
      request_id: entry.requestId ?? null,
      reason: entry.reason ?? null,
    };
    // The database would fail the whole batch: refused here, only its caller fails.
    if (
      Object.values(record).some((value) => typeof value === 'string' && UNSTORABLE.test(value))
    ) {
      throw new Error(
        `audit record of ${entry.action} refused: a NUL or an unpaired surrogate in a text field`,
      );
    }
    const end = this.appendSeconds.startTimer();
    return this.writer.add(record).finally(() => end());
  }

  /** One statement, its own transaction: the records chained in the order given. */
  private async write(records: Unchained[]): Promise<void> {
    await this.db.query('SELECT audit.append($1::json)', [JSON.stringify(records)]);
  }

  /** Newest first; at most `limit`. */
  async list(filter: AuditFilter, limit: number): Promise<AuditRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (filter.action) add('action = ?', filter.action);
    if (filter.actorId) add('actor_id = ?', filter.actorId);
    if (filter.target) add('target = ?', filter.target);
    if (filter.from) add('at >= ?', filter.from);
    if (filter.to) add('at < ?', filter.to);
    if (filter.beforeId) add('r.id < ?::bigint', filter.beforeId);
    params.push(limit);
    return this.db.query<AuditRecord>(
      `SELECT ${COLUMNS} FROM audit.records r
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY r.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /**
   * Recomputes every record's hash, oldest first, and checks that each names its predecessor's. The
   * oldest record left by retention is the anchor: its own `prev_hash` cannot be checked.
   */
  async verify(): Promise<AuditVerification> {
    let previous: AuditRecord | undefined;
    let checked = 0;
    for (;;) {
      const batch = await this.db.query<AuditRecord>(
        `SELECT ${COLUMNS} FROM audit.records r WHERE r.id > $1::bigint ORDER BY r.id LIMIT $2`,
        [previous?.id ?? '0', VERIFY_BATCH],
      );
      for (const record of batch) {
        if (previous && record.prev_hash !== previous.hash) {
          return broken(checked, record, 'link', `prev_hash does not match record ${previous.id}`);
        }
        const expected = chainHash(record);
        if (expected !== record.hash) {
          return broken(checked, record, 'hash', 'the record was changed after it was written');
        }
        previous = record;
        checked++;
      }
      if (batch.length < VERIFY_BATCH)
        return { intact: true, checked, lastId: previous?.id ?? null };
    }
  }

  /** Deletes records older than `before` (retention); the only delete the table's trigger lets through. */
  async prune(before: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT set_config('gtv.audit_retention', 'on', true)`);
      return tx.execute('DELETE FROM audit.records WHERE at < $1', [before]);
    });
  }
}

function broken(
  checked: number,
  record: AuditRecord,
  problem: 'hash' | 'link',
  detail: string,
): AuditVerification {
  return { intact: false, checked, brokenAt: record.id, problem, detail };
}
