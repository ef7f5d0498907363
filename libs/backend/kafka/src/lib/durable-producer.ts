import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Message, TopicMessages } from 'kafkajs';
import { DurableProducerConfig } from './durable-producer.config';
import { KafkaConnectionManager } from './kafka.connection';
import { inKafkaPublishSpan } from './kafka.tracing';
import { BatchRefusedError, MicroBatcher } from './micro-batcher';

export interface OutgoingMessage {
  topic: string;
  /** Messages with one key go to one partition, in order. */
  key: string;
  value: string;
  /** Set by `publish`: the trace context of the publishing caller. */
  headers?: Record<string, string>;
}

/**
 * Publishes messages and resolves only once Kafka has them on every in-sync replica (idempotent
 * producer, acks=all). Concurrent publishes share produce requests (see MicroBatcher), so a caller
 * that waits for durability does not pay a broker round trip of its own. Every publish settles in
 * bounded time: rejected with a BatchRefusedError when Kafka is unreachable, slow or the queue is full,
 * which callers answer with 503 and `Retry-After`. A refused publish may still have reached Kafka
 * (a late acknowledgement); consumers deduplicate on the message's own id.
 */
@Injectable()
export class DurableProducer implements OnApplicationShutdown {
  private readonly logger = new Logger('DurableProducer');
  private readonly batcher: MicroBatcher<OutgoingMessage>;
  private lastFailureLogged = 0;

  constructor(
    private readonly connection: KafkaConnectionManager,
    private readonly config: DurableProducerConfig,
  ) {
    this.batcher = new MicroBatcher((messages) => this.send(messages), {
      maxBatchItems: config.KAFKA_PRODUCE_BATCH_MAX,
      lingerMs: config.KAFKA_PRODUCE_LINGER_MS,
      maxInFlight: config.KAFKA_PRODUCE_MAX_IN_FLIGHT,
      maxQueuedItems: config.KAFKA_PRODUCE_MAX_QUEUED,
      timeoutMs: config.KAFKA_PRODUCE_TIMEOUT_MS,
    });
  }

  /**
   * Resolves once every message is durable; all or none of them are acknowledged to the caller. Traced:
   * the publish's span is the parent of the consumer's, through the messages' headers.
   */
  publish(messages: OutgoingMessage[]): Promise<void> {
    if (!this.connection.connected || !this.connection.producer) {
      return Promise.reject(new BatchRefusedError('unavailable', 'not connected to Kafka'));
    }
    const topics = [...new Set(messages.map((message) => message.topic))].join(',');
    return inKafkaPublishSpan(topics, (headers) =>
      this.batcher.add(messages.map((message) => ({ ...message, headers }))),
    );
  }

  /** Messages waiting for a produce request (a gauge for metrics). */
  get queued(): number {
    return this.batcher.queued;
  }

  onApplicationShutdown(): void {
    // Publishes still queued settle by their own deadline; the connection manager disconnects after.
    if (this.batcher.queued > 0) {
      this.logger.warn(`${this.batcher.queued} messages still waiting at shutdown`);
    }
  }

  private async send(messages: OutgoingMessage[]): Promise<void> {
    const producer = this.connection.producer;
    if (!producer) throw new BatchRefusedError('unavailable', 'no producer configured');
    try {
      await producer.sendBatch({
        acks: -1,
        timeout: this.config.KAFKA_PRODUCE_TIMEOUT_MS,
        topicMessages: byTopic(messages),
      });
    } catch (error) {
      this.logFailure(error as Error);
      throw new BatchRefusedError('unavailable', 'Kafka did not acknowledge the messages', error);
    }
  }

  /** At most one line per 5 s: during an outage every batch fails the same way. */
  private logFailure(error: Error): void {
    if (Date.now() - this.lastFailureLogged < 5000) return;
    this.lastFailureLogged = Date.now();
    this.logger.warn(`produce failed: ${error.message}`);
  }
}

function byTopic(messages: OutgoingMessage[]): TopicMessages[] {
  const topics = new Map<string, Message[]>();
  for (const { topic, key, value, headers } of messages) {
    let list = topics.get(topic);
    if (!list) topics.set(topic, (list = []));
    list.push({ key, value, headers });
  }
  return [...topics].map(([topic, list]) => ({ topic, messages: list }));
}
