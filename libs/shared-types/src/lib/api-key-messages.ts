import { Matches } from 'class-validator';
import type { ApiKeyRole } from './auth';

/**
 * How services other than the registry check an `X-Api-Key` (`NatsSubjects.apiKeyVerify`, request/
 * reply) and learn that a key was revoked (`NatsSubjects.apiKeyRevoked`, broadcast). Only the key's
 * SHA-256 travels: the key itself never leaves the service it was presented to, and the hash is of no
 * use over HTTP.
 */
export const API_KEY_MESSAGES_VERSION = 1;

/** `api-key.verify` */
export class ApiKeyVerifyRequest {
  /** SHA-256 of the presented key, lowercase hex. */
  @Matches(/^[0-9a-f]{64}$/, { message: 'keyHash must be a lowercase hex SHA-256' })
  keyHash!: string;
}

/** Who a valid key is; never its hash or anything else stored about it. */
export interface ApiKeyIdentity {
  id: string;
  name: string;
  role: ApiKeyRole;
}

export interface ApiKeyVerifyReply {
  version: typeof API_KEY_MESSAGES_VERSION;
  /** Null when no active key has this hash (unknown or revoked). */
  key: ApiKeyIdentity | null;
}

/** `api-key.revoked`: every service drops what it cached about the key at once. */
export interface ApiKeyRevokedEvent {
  version: typeof API_KEY_MESSAGES_VERSION;
  id: string;
  at: string;
}
