import { KafkaTopics, type DetectionEventV1 } from '@gt-vision/shared-types';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';

export const KAFKA_BROKER = process.env['GTV_KAFKA_BROKER'] ?? '127.0.0.1:9092';

/** A kafkajs client of the stack's broker (plaintext on loopback, like the services). */
export function kafkaClient(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: [KAFKA_BROKER], logLevel: logLevel.NOTHING });
}

/** An idempotent producer with acks=all per send, as ingest produces. */
export async function connectProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  return producer;
}

/** A producer for the detections topic, as ingest produces (keyed by camera, acks=all). */
export function detectionProducer(): Promise<Producer> {
  return connectProducer(kafkaClient('stack-e2e'));
}

export async function produceDetections(
  producer: Producer,
  detections: readonly DetectionEventV1[],
): Promise<void> {
  await producer.send({
    topic: KafkaTopics.detections,
    acks: -1,
    messages: detections.map((d) => ({ key: String(d.cameraId), value: JSON.stringify(d) })),
  });
}

/** A valid detection event; every field can be overridden. */
export function detectionEvent(fields: Partial<DetectionEventV1> = {}): DetectionEventV1 {
  const now = new Date().toISOString();
  return {
    version: 1,
    id: randomUUID(),
    cameraId: 1,
    plate: 'ABC1D23',
    plateRaw: 'ABC-1D23',
    confidence: 0.93,
    capturedAt: now,
    receivedAt: now,
    bbox: { x: 0.1, y: 0.2, width: 0.2, height: 0.08 },
    vehicle: null,
    snapshotRef: null,
    source: 'stack-e2e',
    alternatives: [],
    ...fields,
  };
}

/** A plate no other test or run uses: 7 random letters and digits. */
export function uniquePlate(): string {
  const alphabet = 'ACEFHJKLMNPRTUVWXY34579';
  let plate = '';
  for (let i = 0; i < 7; i++) plate += alphabet[Math.floor(Math.random() * alphabet.length)];
  return plate;
}
