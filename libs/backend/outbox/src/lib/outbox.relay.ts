import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { ClientNats } from '@nestjs/microservices';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { NATS_CLIENT, natsPublish } from '@gt-vision/backend-nats';
import type { NatsConnection } from 'nats';
import type { Counter, Gauge } from 'prom-client';
import { Database } from '@gt-vision/backend-database';
import { Poller } from '@gt-vision/backend-poller';
import { contextFromHeaders } from '@gt-vision/backend-tracing';
import { context } from '@opentelemetry/api';
import {
  OUTBOX_OLDEST_AGE_METRIC,
  OUTBOX_PENDING_METRIC,
  OUTBOX_PUBLISHED_METRIC,
  OUTBOX_PUBLISH_ERRORS_METRIC,
} from './outbox.metrics';
import { OutboxRepository } from './outbox.repository';

/**
 * A commit wakes the relay at once (`wake()`); the poll is the fallback for what a wake could not
 * publish (NATS down, another replica's commit, a crash before publishing) and refreshes the metrics.
 */
export const OUTBOX_POLL_MS = 1000;
/** Messages per batch, several per key (each key's oldest, in order): one transaction and one confirm. */
export const OUTBOX_BATCH = 100;
/** A NATS server that does not answer a PING within this is taken as unreachable for this run. */
export const NATS_CONFIRM_MS = 2000;

/** Publishing, as the relay needs it: send, then learn whether the server has everything sent. */
export interface OutboxPublisher {
  publish(subject: string, payload: object): Promise<void>;
  /** Resolves once the NATS server has received every message published before the call. */
  confirm(): Promise<void>;
}

/** Nest's NATS client: the same `{pattern, data}` wire format as every other event of the stack. */
@Injectable()
export class NatsOutboxPublisher implements OutboxPublisher {
  constructor(@Inject(NATS_CLIENT) private readonly nats: ClientNats) {}

  publish(subject: string, payload: object): Promise<void> {
    return natsPublish(this.nats, subject, payload, NATS_CONFIRM_MS);
  }

  /**
   * A PING/PONG round trip: NATS handles a connection's messages in order, so the PONG means every
   * earlier publish arrived. While disconnected, the client would buffer publishes and hold the flush
   * until it reconnects; the timeout turns that into a failed attempt.
   */
  async confirm(): Promise<void> {
    let connection: NatsConnection;
    try {
      connection = this.nats.unwrap<NatsConnection>();
    } catch {
      throw new Error('not connected to NATS');
    }
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('NATS did not answer')), NATS_CONFIRM_MS);
    });
    try {
      await Promise.race([connection.flush(), expired]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Publishes the events of the service's outbox to NATS and deletes them, at least once and in order
 * per key. Each batch runs in one transaction holding its rows' locks (SKIP LOCKED), so several
 * replicas can relay side by side; a message is deleted only after NATS confirmed it, so
 * a crash or outage in between means it is published again, never lost. Runs are serialised, and
 * wakes during a run coalesce into one more run.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly poller = new Poller('outbox relay', OUTBOX_POLL_MS, () => this.drain());
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly db: Database,
    private readonly outbox: OutboxRepository,
    @Inject(NatsOutboxPublisher) private readonly publisher: OutboxPublisher,
    @InjectMetric(OUTBOX_PENDING_METRIC) private readonly pending: Gauge<string>,
    @InjectMetric(OUTBOX_OLDEST_AGE_METRIC) private readonly oldestAge: Gauge<string>,
    @InjectMetric(OUTBOX_PUBLISHED_METRIC) private readonly published: Counter<string>,
    @InjectMetric(OUTBOX_PUBLISH_ERRORS_METRIC) private readonly errors: Counter<string>,
  ) {}

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.poller.stop();
    await this.running?.catch(() => undefined);
  }

  /** After a commit that stored messages. A failure is left to the poll, which retries and logs it. */
  wake(): void {
    this.drain().catch(() => undefined);
  }

  /** Resolves when a run that started after this call has finished. */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        while (await this.relayBatch());
      } while (this.again);
    } catch (error) {
      this.errors.inc();
      throw error;
    } finally {
      await this.updateBacklog();
    }
  }

  /** True when it published a batch, so there may be more (a key's next message). */
  private async relayBatch(): Promise<boolean> {
    // Not even trying while NATS is away: publishes would only pile up in the client's buffer.
    await this.publisher.confirm();
    return this.db.transaction(async (tx) => {
      const messages = await this.outbox.claim(tx, OUTBOX_BATCH);
      if (!messages.length) return false;
      const ids = messages.map((message) => message.id);
      try {
        for (const { subject, payload, traceHeaders } of messages) {
          // The publish continues the trace of the transaction that stored the message.
          const stored = contextFromHeaders((name) => traceHeaders?.[name]);
          await context.with(stored, () => this.publisher.publish(subject, payload));
        }
        await this.publisher.confirm();
      } catch (error) {
        // Committed, unlike a throw: the attempt is recorded, the rows stay for the next run.
        await this.outbox.recordFailure(tx, ids, (error as Error).message);
        this.errors.inc();
        this.logger.warn(
          `${messages.length} outbox messages not published: ${(error as Error).message}`,
        );
        return false;
      }
      await this.outbox.remove(tx, ids);
      this.published.inc(messages.length);
      return true;
    });
  }

  private async updateBacklog(): Promise<void> {
    try {
      const backlog = await this.outbox.backlog();
      this.pending.set(backlog.pending);
      this.oldestAge.set(backlog.oldestAgeSeconds);
    } catch {
      // The database is down: the relay run failed too and says so; the gauges keep their last value.
    }
  }
}
