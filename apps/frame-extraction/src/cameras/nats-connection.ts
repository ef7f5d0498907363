import { Inject, Injectable } from '@nestjs/common';
import type { ClientNats } from '@nestjs/microservices';
import { NATS_CLIENT } from '@gt-vision/backend-nats';
import type { NatsConnection } from 'nats';

/**
 * The service's one NATS connection (libs/backend/nats) as nats.js sees it, for what Nest's client
 * does not offer: subscriptions every replica receives (not a queue group) and JetStream KV.
 */
@Injectable()
export class NatsConnectionSource {
  constructor(@Inject(NATS_CLIENT) private readonly client: ClientNats) {}

  /** Resolves once connected (the client waits for the first connect, then reconnects forever). */
  async connection(): Promise<NatsConnection> {
    await this.client.connect();
    return this.client.unwrap<NatsConnection>();
  }
}
