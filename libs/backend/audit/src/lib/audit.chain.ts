import { createHash } from 'node:crypto';

/** The `prev_hash` of the first record ever written. */
export const GENESIS_HASH = '0'.repeat(64);

/** What each record's hash covers: everything it says, and the hash of the record before it. */
export interface ChainedFields {
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target: string | null;
  /** The details exactly as stored (json text). */
  details: string;
  source_ip: string | null;
  request_id: string | null;
  reason: string | null;
  prev_hash: string;
}

/** The columns in the order the hash takes them; `audit.append` (audit.table.ts) hashes them alike. */
export const CHAINED_COLUMNS = [
  'prev_hash',
  'at',
  'actor_kind',
  'actor_id',
  'actor_name',
  'action',
  'target',
  'details',
  'source_ip',
  'request_id',
  'reason',
] as const satisfies readonly (keyof ChainedFields)[];

/**
 * SHA-256 over a JSON array of the fields in a fixed order: an array of strings and nulls serialises
 * one way only, so the verifier recomputes exactly what the writer hashed.
 */
export function chainHash(fields: ChainedFields): string {
  const values = CHAINED_COLUMNS.map((column) =>
    column === 'at' ? fields.at.toISOString() : fields[column],
  );
  return createHash('sha256').update(JSON.stringify(values)).digest('hex');
}
