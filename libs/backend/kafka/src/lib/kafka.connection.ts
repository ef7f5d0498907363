import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { ReadinessCheck } from '@gt-vision/backend-health';
import type { Admin, Kafka, Producer } from 'kafkajs';

export const KAFKA = Symbol('KAFKA');
export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');

export interface KafkaModuleOptions {
  clientId: string;
  /** Topics this service writes to; created if missing (brokers do not auto-create). */
  topics?: string[];
  producer?: boolean;
}

const RETRY_DELAY_MS = 2000;

/**
 * Connects to Kafka in the background and keeps trying, so the service starts (unready) while Kafka
 * is down and becomes ready without a restart once it is back.
 */
@Injectable()
export class KafkaConnectionManager
  extends ReadinessCheck
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  readonly name = 'kafka';
  private readonly logger = new Logger('Kafka');
  private readonly admin: Admin;
  readonly producer?: Producer;
  private isConnected = false;
  private stopped = false;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(KAFKA_OPTIONS) private readonly options: KafkaModuleOptions,
  ) {
    super();
    this.admin = kafka.admin();
    // Idempotent with acks=all at send: a retried send never duplicates and nothing is acked early.
    this.producer = options.producer
      ? kafka.producer({ idempotent: true, maxInFlightRequests: 5 })
      : undefined;
  }

  /** True once the first connection (and topic creation) succeeded; kafkajs reconnects after that. */
  get connected(): boolean {
    return this.isConnected;
  }

  onApplicationBootstrap(): void {
    void this.connectUntilDone();
  }

  async probe() {
    if (!this.isConnected) throw new Error('not connected to Kafka yet');
    const cluster = await this.admin.describeCluster();
    return { brokers: cluster.brokers.length, controller: cluster.controller };
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.producer?.disconnect();
    await this.admin.disconnect();
  }

  private async connectUntilDone(): Promise<void> {
    while (!this.stopped && !this.isConnected) {
      try {
        await this.admin.connect();
        await this.ensureTopics();
        await this.producer?.connect();
        this.isConnected = true;
        this.logger.log('connected to Kafka');
      } catch (error) {
        this.logger.warn(`Kafka not available (${(error as Error).message}); retrying`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      }
    }
  }

  private async ensureTopics(): Promise<void> {
    const wanted = this.options.topics ?? [];
    if (wanted.length === 0) return;
    const existing = new Set(await this.admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    // Partition count and replication come from the broker's defaults (deploy/ config).
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic })),
    });
    this.logger.log(`created topics ${missing.join(', ')}`);
  }
}
