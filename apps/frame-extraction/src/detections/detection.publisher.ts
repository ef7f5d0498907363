import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { createMessageHeaders, KafkaConnectionManager } from '@gt-vision/backend-kafka';
import { KafkaTopics, type DetectionEventV1 } from '@gt-vision/shared-types';
import { DetectionConfig } from '../config/frame-extraction.config';
import { DETECTIONS_DROPPED, DETECTIONS_PUBLISHED } from '../metrics/frame.metrics';

const BATCH = 500;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10000;
const SHUTDOWN_FLUSH_MS = 5000;

/** A detection waiting for Kafka, with the trace headers of its creation. */
interface Queued {
  event: DetectionEventV1;
  headers: Record<string, string>;
}

/**
 * Publishes detections to the detection stream, keyed by camera id (order per camera), acknowledged
 * by all in-sync replicas (the producer is idempotent). While Kafka is away detections wait in a
 * bounded buffer and are sent again, in order, once it is back; ids are deterministic, so a batch
 * sent twice is stored once downstream.
 */
@Injectable()
export class DetectionPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger('DetectionPublisher');
  private readonly queue: Queued[] = [];
  private sending: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly kafka: KafkaConnectionManager,
    private readonly config: DetectionConfig,
    @InjectMetric(DETECTIONS_PUBLISHED) private readonly published: Counter,
    @InjectMetric(DETECTIONS_DROPPED) private readonly dropped: Counter,
  ) {}

  publish(event: DetectionEventV1): void {
    this.queue.push({ event, headers: createMessageHeaders(KafkaTopics.detections) });
    if (this.queue.length > this.config.DETECTION_BUFFER_MAX) {
      this.queue.shift();
      this.dropped.inc();
    }
    this.kick();
  }

  get pending(): number {
    return this.queue.length;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const deadline = new Promise((resolve) => setTimeout(resolve, SHUTDOWN_FLUSH_MS).unref());
    await Promise.race([this.sending, deadline]);
    if (this.queue.length > 0)
      this.logger.error(`${this.queue.length} detections not published at shutdown`);
  }

  private kick(): void {
    if (this.sending || this.stopping) return;
    this.sending = this.drain().finally(() => {
      this.sending = undefined;
      // A detection queued while the loop was finishing would otherwise wait for the next one.
      if (this.queue.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    let delay = RETRY_MIN_MS;
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, BATCH);
      try {
        await this.send(batch);
        this.queue.splice(0, batch.length);
        this.published.inc(batch.length);
        delay = RETRY_MIN_MS;
      } catch (error) {
        this.logger.warn(
          `Kafka did not take ${batch.length} detections (${(error as Error).message}); retrying`,
        );
        if (this.stopping) return;
        await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random() / 2)));
        delay = Math.min(RETRY_MAX_MS, delay * 2);
      }
    }
  }

  private async send(batch: Queued[]): Promise<void> {
    const producer = this.kafka.producer;
    if (!producer) throw new Error('Kafka producer not configured');
    await producer.send({
      topic: KafkaTopics.detections,
      acks: -1,
      messages: batch.map(({ event, headers }) => ({
        key: String(event.cameraId),
        value: JSON.stringify(event),
        headers,
      })),
    });
  }
}
