import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { inKafkaBatchSpan, KAFKA, KafkaConnectionManager } from '@gt-vision/backend-kafka';
import { ReadinessCheck } from '@gt-vision/backend-health';
import { KafkaTopics, type DetectionEventV1 } from '@gt-vision/shared-types';
import type { Admin, Batch, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { PartitionMaintainer } from '../partitions/partition.maintainer';
import { PartitionsConfig } from '../partitions/partitions.config';
import { DetectionConsumerConfig } from './consumer.config';
import {
  BATCH_FAILURES_METRIC,
  BATCH_SECONDS_METRIC,
  CONSUMER_LAG_METRIC,
  DEAD_LETTERED_METRIC,
  DUPLICATES_METRIC,
  STORED_METRIC,
} from './consumer.metrics';
import { describePoison, parseDetectionMessage, type PoisonReason } from './detection-event.parser';
import { DetectionSinkService } from './detection-sink.service';

/** Header of a dead-lettered message that says why (`KafkaTopics.detectionsDeadLetter`). */
export const DEAD_LETTER_REASON_HEADER = 'gtv-dlq-reason';
/** Where it came from: `topic/partition/offset`. */
export const DEAD_LETTER_ORIGIN_HEADER = 'gtv-dlq-origin';

const RETRY_DELAY_MS = 2000;
const LAG_INTERVAL_MS = 15_000;
const DAY_MS = 86_400_000;

interface Poisoned {
  message: KafkaMessage;
  reason: PoisonReason;
}

/**
 * The detections topic's consumer group. Each fetched batch (one partition) is stored in one
 * transaction, dead letters are produced, and only then is the batch's offset committed: a crash in
 * between re-delivers the batch, which the idempotent insert absorbs. Readiness follows the consumer:
 * unready until it has joined the group, and while it has crashed.
 */
@Injectable()
export class DetectionConsumer
  extends ReadinessCheck
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  readonly name = 'detections-consumer';
  private readonly logger = new Logger(DetectionConsumer.name);
  private readonly consumer: Consumer;
  private readonly admin: Admin;
  private state: 'starting' | 'joined' | 'crashed' = 'starting';
  private lastProblem = 'not started yet';
  private stopped = false;
  private lagTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    private readonly kafkaConnection: KafkaConnectionManager,
    private readonly sink: DetectionSinkService,
    private readonly maintainer: PartitionMaintainer,
    private readonly config: DetectionConsumerConfig,
    private readonly partitions: PartitionsConfig,
    @InjectMetric(STORED_METRIC) private readonly stored: Counter,
    @InjectMetric(DUPLICATES_METRIC) private readonly duplicates: Counter,
    @InjectMetric(DEAD_LETTERED_METRIC) private readonly deadLettered: Counter<'reason'>,
    @InjectMetric(BATCH_FAILURES_METRIC) private readonly failures: Counter,
    @InjectMetric(BATCH_SECONDS_METRIC) private readonly batchSeconds: Histogram,
    @InjectMetric(CONSUMER_LAG_METRIC) private readonly lag: Gauge<'partition'>,
  ) {
    super();
    this.consumer = kafka.consumer({
      groupId: config.DETECTIONS_CONSUMER_GROUP,
      maxBytesPerPartition: config.DETECTIONS_FETCH_MAX_BYTES_PER_PARTITION,
      // A batch that cannot be stored (database down) is retried with backoff, then the consumer
      // restarts and resumes from the last committed offset; it never skips the batch.
      retry: {
        retries: 8,
        initialRetryTime: 300,
        maxRetryTime: 30_000,
        restartOnFailure: async () => true,
      },
    });
    this.admin = kafka.admin();
    const { GROUP_JOIN, CRASH, STOP } = this.consumer.events;
    this.consumer.on(GROUP_JOIN, () => {
      this.state = 'joined';
      this.logger.log('joined the detections consumer group');
    });
    this.consumer.on(CRASH, ({ payload }) => {
      this.state = 'crashed';
      this.lastProblem = `consumer crashed: ${payload.error.message}`;
      this.logger.error(`${this.lastProblem}; restart: ${payload.restart}`);
      // kafkajs restarts only after errors it deems retriable. It gave up, for one, when the group
      // coordinator had forgotten this member (a commit after a stall on a saturated host), and the
      // group then went unconsumed until the supervisor restarted the whole service a minute later.
      // Joining again is what a restart would do, without taking the API down with it.
      if (!payload.restart && !this.stopped) void this.rejoin();
    });
    this.consumer.on(STOP, () => {
      if (this.state !== 'crashed') this.state = 'starting';
    });
  }

  onApplicationBootstrap(): void {
    void this.startUntilDone();
    this.lagTimer = setInterval(() => void this.refreshLag(), LAG_INTERVAL_MS);
  }

  async probe() {
    if (this.state !== 'joined') throw new Error(this.lastProblem);
    return { group: this.config.DETECTIONS_CONSUMER_GROUP };
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.lagTimer);
    // Waits for the batch in flight: its transaction and offset commit finish before the pool closes.
    await this.consumer.disconnect();
    await this.admin.disconnect();
  }

  /** After a crash kafkajs does not recover from: it has disconnected; connect and join again. */
  private async rejoin(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    if (this.stopped) return;
    this.logger.warn('joining the detections consumer group again');
    await this.startUntilDone();
  }

  private async startUntilDone(): Promise<void> {
    await this.maintainer.partitionsReady();
    while (!this.stopped) {
      try {
        await this.consumer.connect();
        await this.admin.connect();
        await this.consumer.subscribe({ topics: [KafkaTopics.detections], fromBeginning: true });
        await this.consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: this.config.DETECTIONS_CONSUMER_CONCURRENCY,
          // Traced: the batch's span continues its producers' traces (see inKafkaBatchSpan).
          eachBatch: async ({ batch, isStale, resolveOffset }) => {
            if (batch.isEmpty()) return;
            await inKafkaBatchSpan(batch, () => this.handleBatch(batch, isStale, resolveOffset));
          },
        });
        return;
      } catch (error) {
        this.lastProblem = `cannot consume yet: ${(error as Error).message}`;
        this.logger.warn(`${this.lastProblem}; retrying`);
        await this.consumer.disconnect().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
      }
    }
  }

  /** Stores the batch, dead-letters its poison, then commits; throws (and is retried) on failure. */
  async handleBatch(
    batch: Batch,
    isStale: () => boolean,
    resolveOffset: (offset: string) => void,
  ): Promise<void> {
    if (batch.isEmpty()) return;
    const timer = this.batchSeconds.startTimer();
    const now = Date.now();
    const cutoff = now - this.partitions.DETECTIONS_RETENTION_DAYS * DAY_MS;
    // Partitions exist up to this far ahead; a later time could never be stored.
    const horizon = now + this.partitions.DETECTIONS_PARTITIONS_AHEAD_DAYS * DAY_MS;
    const events: DetectionEventV1[] = [];
    // Each parsed event is its own object: it leads back to its message if PostgreSQL refuses it.
    const messageOf = new Map<DetectionEventV1, KafkaMessage>();
    const poisoned: Poisoned[] = [];
    for (const message of batch.messages) {
      const parsed = parseDetectionMessage(message.value);
      if ('poison' in parsed) poisoned.push({ message, reason: parsed.poison });
      else if (Date.parse(parsed.event.capturedAt) < cutoff) {
        poisoned.push({
          message,
          reason: { kind: 'expired', capturedAt: parsed.event.capturedAt },
        });
      } else if (Date.parse(parsed.event.capturedAt) >= horizon) {
        const problem = 'is further in the future than any partition';
        poisoned.push({ message, reason: { kind: 'invalid-field', field: 'capturedAt', problem } });
      } else {
        events.push(parsed.event);
        messageOf.set(parsed.event, message);
      }
    }
    try {
      const result = await this.sink.store(events);
      for (const { event, rejection } of result.rejected) {
        const message = messageOf.get(event) as KafkaMessage;
        poisoned.push({ message, reason: { kind: 'rejected-by-database', ...rejection } });
      }
      if (poisoned.length) await this.deadLetter(batch, poisoned);
      if (isStale()) return; // Rebalanced away: the new owner re-reads it; the insert is idempotent.
      const next = (BigInt(batch.lastOffset()) + 1n).toString();
      await this.consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: next },
      ]);
      // Committing does not move kafkajs' fetch position (auto-resolve is off, so that a failed batch
      // is fetched again): without this the same batch comes back for ever.
      resolveOffset(batch.lastOffset());
      this.stored.inc(result.inserted);
      this.duplicates.inc(result.duplicates);
      this.lag.set(
        { partition: String(batch.partition) },
        Math.max(0, Number(batch.highWatermark) - Number(next)),
      );
      timer();
    } catch (error) {
      this.failures.inc();
      throw error;
    }
  }

  private async deadLetter(batch: Batch, poisoned: Poisoned[]): Promise<void> {
    const producer = this.kafkaConnection.producer;
    if (!producer) throw new Error('the Kafka module was configured without a producer');
    await producer.send({
      topic: KafkaTopics.detectionsDeadLetter,
      acks: -1,
      messages: poisoned.map(({ message, reason }) => ({
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          [DEAD_LETTER_REASON_HEADER]: describePoison(reason),
          [DEAD_LETTER_ORIGIN_HEADER]: `${batch.topic}/${batch.partition}/${message.offset}`,
        },
      })),
    });
    for (const { reason } of poisoned) this.deadLettered.inc({ reason: reason.kind });
    this.logger.warn(`dead-lettered ${poisoned.length} message(s) of partition ${batch.partition}`);
  }

  /** The group's committed offsets against the topic's ends: what is left to consume. */
  private async refreshLag(): Promise<void> {
    try {
      const [ends, committed] = await Promise.all([
        this.admin.fetchTopicOffsets(KafkaTopics.detections),
        this.admin.fetchOffsets({
          groupId: this.config.DETECTIONS_CONSUMER_GROUP,
          topics: [KafkaTopics.detections],
        }),
      ]);
      const done = new Map(
        committed[0]?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? [],
      );
      for (const end of ends) {
        const at = done.get(end.partition) ?? -1;
        // -1: nothing committed yet, so everything from the earliest offset is still to consume.
        const from = at < 0 ? Number(end.low) : at;
        this.lag.set({ partition: String(end.partition) }, Math.max(0, Number(end.high) - from));
      }
    } catch {
      // Kafka unreachable: the readiness check reports it; the gauge keeps its last value.
    }
  }
}
