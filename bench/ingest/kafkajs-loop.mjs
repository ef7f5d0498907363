#!/usr/bin/env node
// The bare-kafkajs reference of `npm run bench:ingest`: the same client, settings (idempotent,
// acks=all) and message size as ingest's producer, with nothing in front of it. Prints one JSON line.
//   node kafkajs-loop.mjs <broker> <topic> <seconds> <messagesPerSend> <concurrentSends> <valueBytes>
import { Kafka, logLevel } from 'kafkajs';

const [broker, topic, seconds, perSend, concurrency, valueBytes] = process.argv.slice(2);
const kafka = new Kafka({
  clientId: 'bench-kafkajs-loop',
  brokers: [broker],
  logLevel: logLevel.NOTHING,
});
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5 });
await producer.connect();
const value = 'x'.repeat(Number(valueBytes));
const messages = Array.from({ length: Number(perSend) }, (_, i) => ({
  key: String(i % 50),
  value,
}));
const deadline = Date.now() + Number(seconds) * 1000;
let sent = 0;
const latencies = [];
const started = performance.now();
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    while (Date.now() < deadline) {
      const t = performance.now();
      await producer.send({ topic, acks: -1, messages });
      latencies.push(performance.now() - t);
      sent += messages.length;
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
await producer.disconnect();
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
console.log(
  JSON.stringify({
    messagesPerSecond: Math.round(sent / elapsed),
    sends: latencies.length,
    sendP50Ms: +pct(0.5).toFixed(2),
    sendP99Ms: +pct(0.99).toFixed(2),
  }),
);
