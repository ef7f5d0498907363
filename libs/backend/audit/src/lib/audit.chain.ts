import { createHash } from 'node:crypto';

/** The `prev_hash` of the first record ever written. */
export const GENESIS_HASH = '0'.repeat(64);

/** What each record's hash covers: everything it says, and the hash of the record before it. */
export interface ChainedFields {
  at: Date;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  target: string | null;
  /** The details exactly as stored (json text). */
  details: string;
  sourceIp: string | null;
  requestId: string | null;
  reason: string | null;
  prevHash: string;
}

/**
 * SHA-256 over a JSON array of the fields in a fixed order: an array of strings and nulls serialises
 * one way only, so the verifier recomputes exactly what the writer hashed.
 */
export function chainHash(fields: ChainedFields): string {
  const input = JSON.stringify([
    fields.prevHash,
    fields.at.toISOString(),
    fields.actorKind,
    fields.actorId,
    fields.actorName,
    fields.action,
    fields.target,
    fields.details,
    fields.sourceIp,
    fields.requestId,
    fields.reason,
  ]);
  return createHash('sha256').update(input).digest('hex');
}
