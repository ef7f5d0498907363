import { Kafka, logLevel, type Producer } from 'kafkajs';

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
