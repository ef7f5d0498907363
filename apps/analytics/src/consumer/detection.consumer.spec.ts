import { EventEmitter } from 'node:events';
import type { KafkaConnectionManager } from '@gt-vision/backend-kafka';
import type { Kafka } from 'kafkajs';
import type { PartitionMaintainer } from '../partitions/partition.maintainer';
import type { PartitionsConfig } from '../partitions/partitions.config';
import type { DetectionConsumerConfig } from './consumer.config';
import type { DetectionSinkService } from './detection-sink.service';
import { DetectionConsumer } from './detection.consumer';

/** kafkajs' consumer as far as joining goes: its events, connect, subscribe, run and disconnect. */
function fakeKafka() {
  const events = new EventEmitter();
  const consumer = {
    events: { GROUP_JOIN: 'join', CRASH: 'crash', STOP: 'stop' },
    on: (event: string, listener: (e: unknown) => void) => events.on(event, listener),
    connect: jest.fn(async () => undefined),
    subscribe: jest.fn(async () => undefined),
    run: jest.fn(async () => undefined),
    disconnect: jest.fn(async () => undefined),
  };
  const admin = {
    connect: jest.fn(async () => undefined),
    disconnect: jest.fn(async () => undefined),
  };
  const kafka = { consumer: () => consumer, admin: () => admin } as unknown as Kafka;
  const crash = (restart: boolean) =>
    events.emit('crash', {
      payload: { error: new Error('The coordinator is not aware of this member'), restart },
    });
  return { kafka, consumer, crash };
}

function detectionConsumer(kafka: Kafka): DetectionConsumer {
  const metric = {} as never;
  return new DetectionConsumer(
    kafka,
    {} as KafkaConnectionManager,
    {} as DetectionSinkService,
    { partitionsReady: async () => undefined } as unknown as PartitionMaintainer,
    {
      DETECTIONS_CONSUMER_GROUP: 'g',
      DETECTIONS_CONSUMER_CONCURRENCY: 1,
    } as DetectionConsumerConfig,
    {} as PartitionsConfig,
    metric,
    metric,
    metric,
    metric,
    metric,
    metric,
  );
}

describe('DetectionConsumer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('joins the group again by itself after a crash kafkajs will not restart from', async () => {
    const { kafka, consumer, crash } = fakeKafka();
    const subject = detectionConsumer(kafka);
    subject.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    expect(consumer.run).toHaveBeenCalledTimes(1);

    crash(false);
    await expect(subject.probe()).rejects.toThrow('consumer crashed');
    await jest.advanceTimersByTimeAsync(2000);
    expect(consumer.connect).toHaveBeenCalledTimes(2);
    expect(consumer.run).toHaveBeenCalledTimes(2);
    await subject.onApplicationShutdown();
  });

  it('leaves a restart to kafkajs when it says it restarts, and never rejoins once stopped', async () => {
    const { kafka, consumer, crash } = fakeKafka();
    const subject = detectionConsumer(kafka);
    subject.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    crash(true);
    await jest.advanceTimersByTimeAsync(5000);
    expect(consumer.run).toHaveBeenCalledTimes(1);

    crash(false);
    await subject.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(5000);
    expect(consumer.run).toHaveBeenCalledTimes(1);
  });
});
