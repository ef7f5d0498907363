#!/usr/bin/env node
// `npm run bench:alerts`: alert latency, detection accepted → alert on the /ws/live/ WebSocket.
//
// Needs the stack up (`tools/gtv up`). Creates a watchlist with one wildcard entry unique to the run,
// opens a WebSocket through the edge (one-time query token) following a camera id of its own, then
// produces BENCH_ALERTS matching detections into the detections topic at BENCH_RATE per second, the way
// ingest does (kafkajs, idempotent, acks=all). "Accepted" is the moment the broker acknowledged the
// write, which is when ingest answers 202.
// Measured per detection, from that moment:
//   - alert on the WebSocket (the figure; target p95 < 1 s, issue 9),
//   - alert on NATS `alert.raised` (outbox relay → NATS, heard by a NATS admin client),
//   - reference in the same run: the detection itself on the WebSocket (consumer → commit → socket,
//     without matching, outbox or NATS).
// Bounded: fixed count, a timeout per detection, a hard stop. Deletes its watchlist at the end.
// Prints p50/p95/p99/max and writes bench/results/alerts-<time>.json/.md.
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import kafkajs from 'kafkajs';
import { connect } from 'nats';
import WebSocket from 'ws';
import { adminToken, api } from '../lib/http.mjs';
import { writeResults } from '../lib/results.mjs';
import { edge, host, int, ports, secret } from '../lib/stack.mjs';
import { percentile } from '../lib/stats.mjs';

const COUNT = int('BENCH_ALERTS', 300);
const RATE = int('BENCH_RATE', 50);
const PER_DETECTION_TIMEOUT_MS = 10_000;
const HARD_LIMIT_MS = 5 * 60_000;
const TARGET_P95_MS = 1000;
const CAMERA = 800_000 + Math.floor(Math.random() * 90_000);
const TOPIC = 'gtv.detections.v1';

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1)),
  };
}

/** Plate letters without OCR look-alikes, so no other entry's OCR key collides by chance. */
function randomLetters(n) {
  const alphabet = 'ACEFHJKLMNPRTUVWXY';
  return Array.from(
    { length: n },
    () => alphabet[Math.floor(Math.random() * alphabet.length)],
  ).join('');
}

const hardStop = setTimeout(() => {
  console.error(`bench:alerts exceeded ${HARD_LIMIT_MS / 1000} s; stopping`);
  process.exit(2);
}, HARD_LIMIT_MS);

const accessToken = await adminToken();
const prefix = randomLetters(4);
const watchlist = await api('POST', '/api/watchlists', {
  token: accessToken,
  body: { name: `bench alerts ${prefix}` },
});
await api('POST', `/api/watchlists/${watchlist.id}/entries`, {
  token: accessToken,
  body: { plate: `${prefix}*`, match: 'wildcard', reason: 'bench', severity: 'info' },
});

const accepted = new Map(); // detection id → ms (performance.now) when the broker acknowledged it
const latency = { wsAlert: [], natsAlert: [], wsDetection: [] };
const seen = { wsAlert: new Set(), natsAlert: new Set(), wsDetection: new Set() };
function record(kind, detectionId) {
  const t0 = accepted.get(detectionId);
  if (t0 === undefined || seen[kind].has(detectionId)) return;
  seen[kind].add(detectionId);
  latency[kind].push(performance.now() - t0);
}

const { token } = await api('POST', '/api/analytics/live-token', { token: accessToken });
const socket = new WebSocket(`${edge.replace(/^http/, 'ws')}/ws/live/?token=${token}`);
await new Promise((resolveReady, reject) => {
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (message.type === 'ready') {
      socket.send(JSON.stringify({ type: 'subscribe', cameraIds: [CAMERA] }));
      resolveReady();
    } else if (message.type === 'alert') record('wsAlert', message.alert.detectionId);
    else if (message.type === 'detection') record('wsDetection', message.detection.id);
  });
  socket.once('error', reject);
  socket.once('close', (code, reason) => reject(new Error(`socket closed ${code} ${reason}`)));
});

const nc = await connect({
  servers: `nats://${host}:${ports.GTV_NATS_PORT}`,
  user: 'admin',
  pass: secret('GTV_NATS_ADMIN_PASSWORD'),
  name: 'bench-alerts',
});
nc.subscribe('alert.raised', {
  callback: (error, msg) => {
    if (!error) record('natsAlert', msg.json().data.alert.detectionId);
  },
});
await nc.flush();

const kafka = new kafkajs.Kafka({
  clientId: 'bench-alerts',
  brokers: [`${host}:${ports.GTV_KAFKA_PORT}`],
  logLevel: kafkajs.logLevel.NOTHING,
});
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
await producer.connect();

// Give the subscribe message time to be applied before the first detection (it is sent after ready).
await new Promise((r) => setTimeout(r, 200));
console.log(`producing ${COUNT} matching detections at ${RATE}/s to camera ${CAMERA} ...`);
const interval = 1000 / RATE;
const started = performance.now();
for (let i = 0; i < COUNT; i++) {
  const due = started + i * interval;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const now = new Date().toISOString();
  const id = randomUUID();
  const detection = {
    version: 1,
    id,
    cameraId: CAMERA,
    plate: `${prefix}${String(i).padStart(3, '0')}`.slice(0, 10),
    plateRaw: `${prefix}-${i}`,
    confidence: 0.9,
    capturedAt: now,
    receivedAt: now,
    bbox: null,
    vehicle: null,
    snapshotRef: null,
    source: 'bench-alerts',
    alternatives: [],
  };
  await producer.send({
    topic: TOPIC,
    acks: -1,
    messages: [{ key: String(CAMERA), value: JSON.stringify(detection) }],
  });
  accepted.set(id, performance.now());
}
const produceSeconds = (performance.now() - started) / 1000;

const deadline = Date.now() + PER_DETECTION_TIMEOUT_MS;
while (Date.now() < deadline && Object.values(seen).some((s) => s.size < COUNT)) {
  await new Promise((r) => setTimeout(r, 50));
}

socket.close();
await producer.disconnect();
await nc.drain();
await api('DELETE', `/api/watchlists/${watchlist.id}`, { token: accessToken });
clearTimeout(hardStop);

const result = {
  bench: 'alerts',
  at: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() },
  config: {
    count: COUNT,
    ratePerSecond: RATE,
    produceSeconds: Math.round(produceSeconds * 10) / 10,
  },
  targetP95Ms: TARGET_P95_MS,
  latencyMs: {
    alertOnWebSocket: summary(latency.wsAlert),
    alertOnNats: summary(latency.natsAlert),
    referenceDetectionOnWebSocket: summary(latency.wsDetection),
  },
  missing: {
    alertOnWebSocket: COUNT - seen.wsAlert.size,
    alertOnNats: COUNT - seen.natsAlert.size,
    detectionOnWebSocket: COUNT - seen.wsDetection.size,
  },
};
const ws = result.latencyMs.alertOnWebSocket;
result.pass = ws.count === COUNT && ws.p95 < TARGET_P95_MS;

const row = (name, s) => `| ${name} | ${s.count} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.max} |`;
const md = [
  `# bench:alerts — ${result.at}`,
  '',
  `${COUNT} matching detections produced at ${RATE}/s (kafkajs, acks=all) to one camera; latency from`,
  `the broker's acknowledgement (when ingest answers 202). Machine: ${result.machine.cpus} × ${result.machine.model}, load ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}.`,
  '',
  '| path | received | p50 ms | p95 ms | p99 ms | max ms |',
  '| --- | --- | --- | --- | --- | --- |',
  row('alert on the WebSocket (figure)', ws),
  row('alert on NATS alert.raised', result.latencyMs.alertOnNats),
  row('reference: detection on the WebSocket', result.latencyMs.referenceDetectionOnWebSocket),
  '',
  `Target: alert on the WebSocket p95 < ${TARGET_P95_MS} ms, every alert delivered — ${result.pass ? 'PASS' : 'FAIL'}.`,
  '',
].join('\n');
console.log('\n' + md);
writeResults('alerts', result, md, result.at);
process.exit(result.pass ? 0 : 1);
