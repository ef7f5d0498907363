import { createHash } from 'node:crypto';

/**
 * `gtv_<prefix>_<secret>`: the 8 hex characters of the prefix identify a key in lists and logs; the
 * 256-bit secret makes it unguessable. Recognisable by secret scanners thanks to the `gtv_` tag.
 */
const API_KEY = /^gtv_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

/** Checked before any lookup, so that garbage never costs a query or a NATS round trip. */
export function isWellFormedApiKey(key: string): boolean {
  return API_KEY.test(key);
}

/**
 * SHA-256, not a password hash: a key carries 256 random bits, so there is nothing to brute-force
 * and no salt or slowness is needed; a fast, deterministic hash keeps the per-request check to one
 * indexed lookup instead of tens of milliseconds of scrypt on every ingest request.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
