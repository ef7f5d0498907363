import type { ApiKeyPrincipal } from './principal';

/**
 * Checks an `X-Api-Key`. Pluggable because only camera-registry owns the keys: it verifies against
 * its database, other services ask it (over NATS) and cache the answer. A service that provides none
 * refuses API keys.
 */
export abstract class ApiKeyVerifier {
  /** The key's principal, or null when the key is unknown or revoked. */
  abstract verify(key: string): Promise<ApiKeyPrincipal | null>;

  /**
   * The key's principal when this process already knows it is valid (no look-up needed), else
   * undefined. Lets the per-address failure limit, which only bounds look-ups, be skipped.
   */
  known(_key: string): ApiKeyPrincipal | undefined {
    return undefined;
  }
}
