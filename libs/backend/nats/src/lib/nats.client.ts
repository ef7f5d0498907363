import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { ClientNats } from '@nestjs/microservices';
import { ReadinessCheck } from '@gt-vision/backend-health';
import type { NatsConnection } from 'nats';

export const NATS_CLIENT = Symbol('NATS_CLIENT');

/**
 * Owns the service's connection to NATS. It connects in the background and reconnects forever, so a
 * NATS outage makes the service unready rather than dead, and it recovers on its own.
 */
@Injectable()
export class NatsConnectionManager
  extends ReadinessCheck
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  readonly name = 'nats';
  private readonly logger = new Logger('Nats');

  constructor(@Inject(NATS_CLIENT) private readonly client: ClientNats) {
    super();
  }

  onApplicationBootstrap(): void {
    this.client
      .connect()
      .catch((error: Error) => this.logger.error(`NATS connect failed: ${error.message}`));
  }

  async probe() {
    const connection = this.connection();
    const rtt = await connection.rtt();
    return { server: connection.getServer(), rttMs: rtt };
  }

  /** Drains so that messages already received are handled and those published are flushed. */
  async onApplicationShutdown(): Promise<void> {
    try {
      const connection = this.connection();
      if (!connection.isClosed()) await connection.drain();
    } catch {
      // Never connected: nothing to drain.
    }
    await this.client.close();
  }

  private connection(): NatsConnection {
    try {
      return this.client.unwrap<NatsConnection>();
    } catch {
      throw new Error('not connected to NATS');
    }
  }
}
