import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { NATS_CLIENT, natsPublish } from '@gt-vision/backend-nats';
import {
  API_KEY_MESSAGES_VERSION,
  NatsSubjects,
  type ApiKeyRevokedEvent,
} from '@gt-vision/shared-types';

const PUBLISH_TIMEOUT_MS = 5000;

/**
 * Tells every service that a key was revoked, so that their caches drop it at once. Best effort: a
 * service that misses the broadcast still stops honouring the key when its cached answer expires
 * (seconds), and it empties its cache when it reconnects to NATS.
 */
@Injectable()
export class ApiKeyEvents {
  private readonly logger = new Logger(ApiKeyEvents.name);

  constructor(@Inject(NATS_CLIENT) private readonly nats: ClientProxy) {}

  revoked(id: string): void {
    const event: ApiKeyRevokedEvent = {
      version: API_KEY_MESSAGES_VERSION,
      id,
      at: new Date().toISOString(),
    };
    natsPublish(this.nats, NatsSubjects.apiKeyRevoked, event, PUBLISH_TIMEOUT_MS).catch(
      (error: Error) =>
        this.logger.warn(
          `${NatsSubjects.apiKeyRevoked} for key ${id} not published: ${error.message}`,
        ),
    );
  }
}
