import {
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { ClientNats } from '@nestjs/microservices';
import {
  ApiKeyCache,
  ApiKeyVerifier,
  hashApiKey,
  type AuthModuleOptions,
  isWellFormedApiKey,
  type ApiKeyPrincipal,
} from '@gt-vision/backend-auth';
import {
  NatsSubjects,
  type ApiKeyRevokedEvent,
  type ApiKeyVerifyReply,
  type ApiKeyVerifyRequest,
} from '@gt-vision/shared-types';
import type { Msg, NatsConnection, NatsError, Subscription } from 'nats';
import type { Subscription as RxSubscription } from 'rxjs';
import { NATS_CLIENT } from './nats.client';
import { NatsConfig } from './nats.config';
import { natsRequest } from './nats.request';

/**
 * `X-Api-Key` for services that do not own the keys: asks camera-registry (`api-key.verify`, with the
 * key's hash) and caches its answers briefly. A revocation broadcast (`api-key.revoked`) drops the
 * key's entries at once. When the registry does not answer in time, `verify` rejects and the auth
 * guard answers 503: whether the key is valid is unknown, which is neither a yes nor a no.
 */
@Injectable()
export class NatsApiKeyVerifier
  extends ApiKeyVerifier
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('ApiKeys');
  private readonly cache = new ApiKeyCache();
  private revocations?: Subscription;
  private status?: RxSubscription;

  constructor(
    @Inject(NATS_CLIENT) private readonly client: ClientNats,
    private readonly config: NatsConfig,
  ) {
    super();
  }

  override known(key: string): ApiKeyPrincipal | undefined {
    if (!isWellFormedApiKey(key)) return undefined;
    return this.cache.get(hashApiKey(key)) ?? undefined;
  }

  async verify(key: string): Promise<ApiKeyPrincipal | null> {
    if (!isWellFormedApiKey(key)) return null;
    const keyHash = hashApiKey(key);
    const cached = this.cache.get(keyHash);
    if (cached !== undefined) return cached;

    const stamp = this.cache.stamp();
    const reply = await natsRequest<ApiKeyVerifyRequest, ApiKeyVerifyReply>(
      this.client,
      NatsSubjects.apiKeyVerify,
      { keyHash },
      this.config.NATS_API_KEY_TIMEOUT_MS,
    );
    const principal: ApiKeyPrincipal | null = reply.key && { kind: 'api-key', ...reply.key };
    this.cache.set(keyHash, principal, stamp);
    return principal;
  }

  onApplicationBootstrap(): void {
    // The client reports `connected` on its first connection and again after each reconnect.
    this.status = this.client.status.subscribe((status) => {
      if (status === 'connected') this.connected();
    });
  }

  onApplicationShutdown(): void {
    // The subscription itself ends with the connection, which NatsConnectionManager drains.
    this.status?.unsubscribe();
  }

  private connected(): void {
    // Revocations broadcast while we were away are lost: trust nothing cached before.
    this.cache.clear();
    // nats.js renews subscriptions on reconnect, so one is enough. No queue group: every replica
    // of every service must hear each revocation.
    this.revocations ??= this.client
      .unwrap<NatsConnection>()
      .subscribe(NatsSubjects.apiKeyRevoked, {
        callback: (error, msg) => this.revoked(error, msg),
      });
  }

  private revoked(error: NatsError | null, msg: Msg): void {
    if (error) {
      this.logger.warn(`${NatsSubjects.apiKeyRevoked} subscription failed: ${error.message}`);
      return;
    }
    let id: unknown;
    try {
      // Published with Nest's emit, which wraps the event as `{pattern, data}`.
      id = msg.json<{ data?: Partial<ApiKeyRevokedEvent> }>().data?.id;
    } catch {
      id = undefined;
    }
    if (typeof id === 'string') {
      this.cache.forgetKey(id);
    } else {
      // Some key was revoked, we cannot tell which: forgetting every key is the safe reading.
      this.logger.warn(`unreadable ${NatsSubjects.apiKeyRevoked} event; API key cache emptied`);
      this.cache.clear();
    }
  }
}

/** Its NATS client and config come from the global `NatsModule.forRoot`. */
@Module({
  providers: [NatsApiKeyVerifier],
  exports: [NatsApiKeyVerifier],
})
export class NatsApiKeyModule {}

/** `AuthModule.forRoot({ apiKeys: NATS_API_KEYS })` in a service that has `NatsModule.forRoot`. */
export const NATS_API_KEYS: AuthModuleOptions['apiKeys'] = {
  imports: [NatsApiKeyModule],
  verifier: NatsApiKeyVerifier,
};
