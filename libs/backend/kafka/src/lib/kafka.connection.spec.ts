import type { Kafka } from 'kafkajs';
import { KafkaConnectionManager } from './kafka.connection';

function fakeKafka(existingTopics: string[], failConnects = 0) {
  let connects = 0;
  const admin = {
    connect: jest.fn(async () => {
      if (connects++ < failConnects) throw new Error('Connection error: ECONNREFUSED');
    }),
    disconnect: jest.fn().mockResolvedValue(undefined),
    listTopics: jest.fn().mockResolvedValue(existingTopics),
    createTopics: jest.fn().mockResolvedValue(true),
    describeCluster: jest.fn().mockResolvedValue({ brokers: [{}], controller: 1 }),
  };
  const producer = { connect: jest.fn(), disconnect: jest.fn().mockResolvedValue(undefined) };
  const kafka = { admin: () => admin, producer: jest.fn(() => producer) };
  return { kafka: kafka as unknown as Kafka, admin, producer, spec: kafka };
}

async function until(condition: () => boolean) {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('KafkaConnectionManager', () => {
  it('creates only the topics that are missing, then connects the producer', async () => {
    const { kafka, admin, producer } = fakeKafka(['gtv.other.v1', 'gtv.detections.v1']);
    const manager = new KafkaConnectionManager(kafka, {
      clientId: 'test',
      producer: true,
      topics: ['gtv.detections.v1', 'gtv.new.v1'],
    });
    manager.onApplicationBootstrap();
    await until(() => producer.connect.mock.calls.length > 0);
    expect(admin.createTopics).toHaveBeenCalledWith({
      waitForLeaders: true,
      topics: [{ topic: 'gtv.new.v1' }],
    });
    await expect(manager.probe()).resolves.toEqual({ brokers: 1, controller: 1 });
    await manager.onApplicationShutdown();
    expect(producer.disconnect).toHaveBeenCalled();
  });

  it('is unready while Kafka is down and keeps trying without a restart', async () => {
    jest.useFakeTimers();
    const { kafka, admin } = fakeKafka([], 1);
    const manager = new KafkaConnectionManager(kafka, { clientId: 'test' });
    manager.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    await expect(manager.probe()).rejects.toThrow('not connected to Kafka yet');
    await jest.advanceTimersByTimeAsync(2000);
    expect(admin.connect).toHaveBeenCalledTimes(2);
    await expect(manager.probe()).resolves.toMatchObject({ brokers: 1 });
    jest.useRealTimers();
    await manager.onApplicationShutdown();
  });

  it('configures an idempotent producer only when asked', () => {
    const { kafka, spec } = fakeKafka([]);
    new KafkaConnectionManager(kafka, { clientId: 'test' });
    expect(spec.producer).not.toHaveBeenCalled();
    new KafkaConnectionManager(kafka, { clientId: 'test', producer: true });
    expect(spec.producer).toHaveBeenCalledWith(expect.objectContaining({ idempotent: true }));
  });
});
