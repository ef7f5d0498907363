#!/usr/bin/env node
// `npm run bench:ingest`: durable detection ingest through the edge (HAProxy → ingest → Kafka acks=all),
// single requests and batches, beside the raw producer rate of the same broker in the same run: Kafka's
// own ProducerPerformance (kafka-producer-perf-test, from the installed jars) and a bare kafkajs loop
// with ingest's producer settings. Load comes from wrk (Debian; C, so it costs far less CPU than a Node
// generator on these 2 cores).
//
// Needs the stack up with rate limits raised above the load (they stay on, so their Redis checks are
// part of what is measured):
//   INGEST_RATE_PER_CAMERA=1000000 INGEST_RATE_PER_API_KEY=10000000 tools/gtv up
// Seeds (idempotent): BENCH_CAMERAS cameras "bench ingest camera N" with LPR on (disabled, so nothing is
// pulled), one integrator API key per run (revoked at the end).
// Bounded: fixed durations, request timeouts, each child killed after its duration + 60 s.
// Prints rates, latency percentiles, CPU per process and ratios to the raw rates; writes
// bench/results/ingest-<time>.json/.md. Then the HTTP layer alone (adapters.mjs): Express vs Fastify,
// compiled schema vs class-validator. Last, checks that the topic grew by at least what was acknowledged
// and that analytics stored it all, then deletes the run's detections (storedThenRemoved says why).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { ensureBenchCameras } from '../lib/bench-cameras.mjs';
import { adminToken, api } from '../lib/http.mjs';
import {
  machineTicks,
  masterOnPort,
  ownCpuSeconds,
  pidOnPort,
  treeCpuSeconds,
} from '../lib/proc.mjs';
import { compareAdapters } from './adapters.mjs';
import { parseWrk, run as runBounded } from './wrk.mjs';
import { writeResults } from '../lib/results.mjs';
import { edge, host, int, ports, psql, root } from '../lib/stack.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const broker = `${host}:${ports.GTV_KAFKA_PORT}`;
const TOPIC = 'gtv.detections.v1';
const RAW_TOPIC = 'gtv.bench.raw.v1';
/** analytics' consumer group (DETECTIONS_CONSUMER_GROUP's default). */
const CONSUMER_GROUP = 'analytics-detections';

const DURATION = int('BENCH_DURATION', 20);
const CAMERAS = int('BENCH_CAMERAS', 50);
const SINGLE_CONNECTIONS = int('BENCH_SINGLE_CONNECTIONS', 64);
const BATCH_CONNECTIONS = int('BENCH_BATCH_CONNECTIONS', 8);
const BATCH_SIZE = int('BENCH_BATCH_SIZE', 1000);
const WRK_THREADS = int('BENCH_WRK_THREADS', 1);
/** Every child is bounded: killed after the run's duration + 60 s unless told otherwise. */
const run = (cmd, args, options = {}) =>
  runBounded(cmd, args, { limitSeconds: DURATION + 60, ...options });
/** A reader of one process's CPU seconds (undefined once it is gone). */
const ownCpu = (pid) => () => ownCpuSeconds(pid);
const TARGET = { singlePerSecond: 10_000, singleP99Ms: 50, batchedPerSecond: 100_000 };

/**
 * CPU (cores) of the stack's processes on the path (the WAF as its nginx tree), of analytics (which
 * stores what is ingested, on the same cores), and of the whole machine, while `fn` runs.
 */
async function withCpu(fn) {
  const pid = (name) => pidOnPort(Number(ports[name]));
  const waf = masterOnPort(Number(ports.GTV_WAF_PORT));
  const watched = {
    haproxy: ownCpu(pid('GTV_EDGE_HTTP_PORT')),
    waf: () => treeCpuSeconds(waf),
    ingest: ownCpu(pid('GTV_INGEST_PORT')),
    kafka: ownCpu(pid('GTV_KAFKA_PORT')),
    redis: ownCpu(pid('GTV_REDIS_PORT')),
    analytics: ownCpu(pid('GTV_ANALYTICS_PORT')),
  };
  const before = Object.fromEntries(Object.entries(watched).map(([k, read]) => [k, read()]));
  const machineBefore = machineTicks();
  const started = performance.now();
  const result = await fn((generator) => (watched.generator = ownCpu(generator)));
  const seconds = (performance.now() - started) / 1000;
  const cpu = {};
  for (const [k, read] of Object.entries(watched)) {
    const b = before[k] ?? 0;
    const a =
      result.generatorCpuSeconds !== undefined && k === 'generator'
        ? result.generatorCpuSeconds
        : read();
    if (a !== undefined) cpu[k] = +((a - b) / seconds).toFixed(2);
  }
  const m = machineTicks();
  cpu.machineBusyPercent = +(
    100 *
    (1 - (m.idle - machineBefore.idle) / (m.total - machineBefore.total))
  ).toFixed(1);
  return { ...result, cpu };
}

async function topicEnd(admin, topic) {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, p) => sum + Number(p.high), 0);
}

/**
 * Waits (bounded) until analytics' consumer group has read the topic to its end, counts the run's rows
 * (its cameras at its one capture time), then deletes them and takes them off the dashboard's hourly
 * counts in one statement. Left in place, each run added ~200 000 detections of the same 10 000 plates
 * to today's partition, and bench:api's searches on the same stack slowed with them. If analytics does
 * not catch up in time nothing is deleted (a row stored after the delete would stay), and it is said.
 */
async function storedThenRemoved(kafkaAdmin, cameraIds, capturedAt) {
  if (!cameraIds.every(Number.isInteger)) throw new Error(`camera ids: ${cameraIds}`);
  const where = `camera_id IN (${cameraIds.join(',')}) AND captured_at = '${new Date(capturedAt).toISOString()}'`;
  const ends = new Map(
    (await kafkaAdmin.fetchTopicOffsets(TOPIC)).map((p) => [p.partition, Number(p.high)]),
  );
  const caughtUp = async () => {
    const [{ partitions }] = await kafkaAdmin.fetchOffsets({
      groupId: CONSUMER_GROUP,
      topics: [TOPIC],
    });
    return partitions.every((p) => Number(p.offset) >= (ends.get(p.partition) ?? 0));
  };
  const deadline = Date.now() + 180_000;
  let done = await caughtUp();
  while (!done && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    done = await caughtUp();
  }
  const stored = Number(psql(`SELECT count(*) FROM analytics.detections WHERE ${where}`).trim());
  if (!done) return { stored, removed: false };
  psql(`WITH gone AS (
      DELETE FROM analytics.detections WHERE ${where}
      RETURNING camera_id, plate, date_trunc('hour', captured_at, 'UTC') AS hour
    ), cameras AS (
      UPDATE analytics.camera_hour_counts c SET count = c.count - g.n
      FROM (SELECT hour, camera_id, count(*) AS n FROM gone GROUP BY 1, 2) g
      WHERE c.hour = g.hour AND c.camera_id = g.camera_id
    ), plates AS (
      UPDATE analytics.plate_hour_counts p SET count = p.count - g.n
      FROM (SELECT hour, plate, count(*) AS n FROM gone GROUP BY 1, 2) g
      WHERE p.hour = g.hour AND p.plate = g.plate
    )
    SELECT count(*) FROM gone`);
  return { stored, removed: true };
}

function sampleEvent(cameraId, n, capturedAt) {
  return {
    cameraId,
    plate: `BRA${String(n % 10000).padStart(4, '0')}`,
    confidence: 0.91,
    capturedAt,
    bbox: { x: 0.41, y: 0.62, width: 0.12, height: 0.05 },
    vehicle: { type: 'car', colour: 'white' },
    alternatives: [{ plate: `8RA${String(n % 10000).padStart(4, '0')}`, confidence: 0.42 }],
  };
}

async function main() {
  // wrk has no --version (it exits 1 printing its usage): ask the shell whether it is installed.
  execFileSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' });
  const kafkaHome = execFileSync(
    'bash',
    [
      '-c',
      `source ${root}/tools/install/lib.sh; source ${root}/tools/install/versions.sh; echo "$GTV_CACHE/kafka-$KAFKA_VERSION"`,
    ],
    { encoding: 'utf8' },
  ).trim();
  const token = await adminToken();
  const { ids: cameraIds } = await ensureBenchCameras(token, {
    count: CAMERAS,
    name: 'bench ingest camera',
    tag: 'bench-ingest',
    path: 'bench_ingest',
    extra: { lpr: { enabled: true, fps: 1 } },
  });
  const key = await api('POST', '/api/auth/api-keys', {
    token,
    body: { name: `bench ingest ${new Date().toISOString()}`, role: 'integrator' },
  });
  const tmp = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
  const kafka = new Kafka({
    clientId: 'bench-ingest',
    brokers: [broker],
    logLevel: logLevel.NOTHING,
  });
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  const results = { startedAt: new Date().toISOString() };
  try {
    if (!(await kafkaAdmin.listTopics()).includes(RAW_TOPIC)) {
      await kafkaAdmin.createTopics({ waitForLeaders: true, topics: [{ topic: RAW_TOPIC }] });
    }
    const partitions = (await kafkaAdmin.fetchTopicMetadata({ topics: [TOPIC] })).topics[0]
      .partitions.length;
    const capturedAt = new Date().toISOString();
    // The value ingest puts on the stream for the sample detection, to size the raw references alike.
    const valueBytes = Buffer.byteLength(
      JSON.stringify({
        version: 1,
        id: '0b9f8a3e-2f1c-4d6b-9a7e-5c4d3b2a1f00',
        ...sampleEvent(1, 1, capturedAt),
        plateRaw: 'BRA0001',
        receivedAt: capturedAt,
        snapshotRef: null,
        source: 'bench-ingest-2026-12-02t04-00-00-000z',
      }),
    );

    // ---- raw references on the same broker ----
    const rawRecords = 2_000_000;
    const perf = await withCpu(() =>
      run(
        'java',
        [
          '-Xmx512m',
          '-Dlog4j.configuration=file:' +
            join(root, 'deploy/single-node/kafka/tools-log4j.properties'),
          '-cp',
          `${kafkaHome}/libs/*`,
          'org.apache.kafka.tools.ProducerPerformance',
          '--topic',
          RAW_TOPIC,
          '--num-records',
          String(rawRecords),
          '--record-size',
          String(valueBytes),
          '--throughput',
          '-1',
          '--producer-props',
          `bootstrap.servers=${broker}`,
          'acks=all',
          'enable.idempotence=true',
          'linger.ms=5',
        ],
        { limitSeconds: 180 },
      ),
    );
    const perfLine = perf.out.trim().split('\n').pop();
    results.kafkaProducerPerfTest = {
      recordsPerSecond: Math.round(Number(perfLine.match(/([\d.]+) records\/sec/)?.[1] ?? 0)),
      avgLatencyMs: Number(perfLine.match(/([\d.]+) ms avg latency/)?.[1] ?? NaN),
      p99Ms: Number(perfLine.match(/([\d.]+) ms 99th/)?.[1] ?? NaN),
      cpu: perf.cpu,
      line: perfLine,
    };
    console.log(
      `raw kafka-producer-perf-test: ${results.kafkaProducerPerfTest.recordsPerSecond} records/s (${valueBytes} B)`,
    );

    const loop = async (perSend, concurrency) => {
      const r = await withCpu((setPid) =>
        run(
          process.execPath,
          [
            join(here, 'kafkajs-loop.mjs'),
            broker,
            RAW_TOPIC,
            String(Math.min(DURATION, 15)),
            String(perSend),
            String(concurrency),
            String(valueBytes),
          ],
          {
            onPid: setPid,
          },
        ),
      );
      return { ...JSON.parse(r.out.trim().split('\n').pop()), cpu: r.cpu };
    };
    results.kafkajsBatched = await loop(1000, 4);
    console.log(
      `raw kafkajs, 1000 per send × 4: ${results.kafkajsBatched.messagesPerSecond} msgs/s`,
    );
    results.kafkajsSingle = await loop(1, SINGLE_CONNECTIONS);
    console.log(
      `raw kafkajs, 1 per send × ${SINGLE_CONNECTIONS}: ${results.kafkajsSingle.messagesPerSecond} msgs/s`,
    );

    // ---- through the edge ----
    const startEnd = await topicEnd(kafkaAdmin, TOPIC);
    const wrkEnv = {
      BENCH_API_KEY: key.key,
      BENCH_CAMERA_IDS: cameraIds.join(','),
      BENCH_CAPTURED_AT: capturedAt,
    };
    const warm = await run(
      'wrk',
      ['-t1', '-c8', '-d3s', '-s', join(here, 'single.lua'), `${edge}/api/ingest/lpr`],
      { env: wrkEnv },
    );
    const warmParsed = parseWrk(warm.out);
    if (warmParsed.non2xx > 0) {
      const probe = await fetch(`${edge}/api/ingest/lpr`, {
        method: 'POST',
        headers: { 'x-api-key': key.key, 'content-type': 'application/json' },
        body: JSON.stringify(sampleEvent(cameraIds[0], 1, capturedAt)),
      });
      throw new Error(
        `ingest refuses the load (${probe.status} ${await probe.text()}); raise the rate limits (see the header)`,
      );
    }
    const single = await withCpu((setPid) =>
      run(
        'wrk',
        [
          `-t${WRK_THREADS}`,
          `-c${SINGLE_CONNECTIONS}`,
          `-d${DURATION}s`,
          '--latency',
          '--timeout',
          '10s',
          '-s',
          join(here, 'single.lua'),
          `${edge}/api/ingest/lpr`,
        ],
        {
          env: wrkEnv,
          onPid: setPid,
        },
      ),
    );
    results.single = { connections: SINGLE_CONNECTIONS, ...parseWrk(single.out), cpu: single.cpu };
    console.log(
      `single through the edge: ${results.single.okPerSecond} req/s, p50 ${results.single.p50Ms} ms, p99 ${results.single.p99Ms} ms, non-2xx ${results.single.non2xx}`,
    );

    const batchFile = join(tmp, 'batches.jsonl');
    const lines = [];
    for (let b = 0; b < 8; b++) {
      const items = Array.from({ length: BATCH_SIZE }, (_, i) =>
        sampleEvent(
          cameraIds[(b * BATCH_SIZE + i) % cameraIds.length],
          b * BATCH_SIZE + i,
          capturedAt,
        ),
      );
      lines.push(JSON.stringify({ items }));
    }
    writeFileSync(batchFile, lines.join('\n') + '\n');
    const batch = await withCpu((setPid) =>
      run(
        'wrk',
        [
          `-t${WRK_THREADS}`,
          `-c${BATCH_CONNECTIONS}`,
          `-d${DURATION}s`,
          '--latency',
          '--timeout',
          '20s',
          '-s',
          join(here, 'batch.lua'),
          `${edge}/api/ingest/lpr/batch`,
        ],
        {
          env: { ...wrkEnv, BENCH_BATCH_FILE: batchFile },
          onPid: setPid,
        },
      ),
    );
    const parsed = parseWrk(batch.out);
    results.batch = {
      connections: BATCH_CONNECTIONS,
      batchSize: BATCH_SIZE,
      ...parsed,
      detectionsPerSecond: parsed.okPerSecond * BATCH_SIZE,
      cpu: batch.cpu,
    };
    console.log(
      `batches of ${BATCH_SIZE} through the edge: ${results.batch.detectionsPerSecond} detections/s (${parsed.okPerSecond} req/s), p50 ${parsed.p50Ms} ms, p99 ${parsed.p99Ms} ms, non-2xx ${parsed.non2xx}`,
    );

    // ---- the HTTP layer alone: Express vs Fastify, compiled schema vs class-validator ----
    results.adapters = await compareAdapters({
      seconds: Math.min(DURATION, 10),
      single: { script: join(here, 'single.lua'), connections: SINGLE_CONNECTIONS, env: wrkEnv },
      batch: {
        script: join(here, 'batch.lua'),
        connections: BATCH_CONNECTIONS,
        env: { ...wrkEnv, BENCH_BATCH_FILE: batchFile },
        perRequest: BATCH_SIZE,
      },
    });

    const acknowledged =
      warmParsed.requests -
      warmParsed.non2xx +
      results.single.requests -
      results.single.non2xx +
      (parsed.requests - parsed.non2xx) * BATCH_SIZE;
    const grew = (await topicEnd(kafkaAdmin, TOPIC)) - startEnd;
    const { stored, removed } = await storedThenRemoved(kafkaAdmin, cameraIds, capturedAt);
    results.durability = {
      acknowledged,
      topicGrewBy: grew,
      storedByAnalytics: stored,
      runRowsRemoved: removed,
      ok: grew >= acknowledged && stored >= acknowledged,
    };

    const raw = results.kafkaProducerPerfTest.recordsPerSecond;
    results.ratios = {
      singleVsPerfTest: +(results.single.okPerSecond / raw).toFixed(3),
      singleVsKafkajsSingle: +(
        results.single.okPerSecond / results.kafkajsSingle.messagesPerSecond
      ).toFixed(3),
      batchVsPerfTest: +(results.batch.detectionsPerSecond / raw).toFixed(3),
      batchVsKafkajsBatched: +(
        results.batch.detectionsPerSecond / results.kafkajsBatched.messagesPerSecond
      ).toFixed(3),
    };
    results.targets = {
      single:
        results.single.okPerSecond >= TARGET.singlePerSecond &&
        results.single.p99Ms < TARGET.singleP99Ms,
      batch: results.batch.detectionsPerSecond >= TARGET.batchedPerSecond,
    };
    results.machine = {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      loadavg: loadavg(),
      topicPartitions: partitions,
      valueBytes,
    };
  } finally {
    await kafkaAdmin.disconnect();
    rmSync(tmp, { recursive: true, force: true });
    await api('DELETE', `/api/auth/api-keys/${key.id}`, { token }).catch(() => undefined);
  }

  const r = results;
  const md = [
    `# bench:ingest ${r.startedAt}`,
    '',
    `Machine: ${r.machine.cpus} cores (${r.machine.model}), load ${r.machine.loadavg.map((v) => v.toFixed(2)).join(' ')}; topic ${TOPIC} with ${r.machine.topicPartitions} partitions; ${r.machine.valueBytes}-byte events.`,
    '',
    '| what | rate | p50 ms | p99 ms | errors | CPU (cores) | ratio |',
    '|---|---|---|---|---|---|---|',
    `| kafka-producer-perf-test (raw, acks=all, idempotent) | ${r.kafkaProducerPerfTest.recordsPerSecond} rec/s | | ${r.kafkaProducerPerfTest.p99Ms} | | ${JSON.stringify(r.kafkaProducerPerfTest.cpu)} | 1 |`,
    `| bare kafkajs, 1000 per send × 4 | ${r.kafkajsBatched.messagesPerSecond} msg/s | ${r.kafkajsBatched.sendP50Ms} | ${r.kafkajsBatched.sendP99Ms} | | ${JSON.stringify(r.kafkajsBatched.cpu)} | |`,
    `| bare kafkajs, 1 per send × ${SINGLE_CONNECTIONS} | ${r.kafkajsSingle.messagesPerSecond} msg/s | ${r.kafkajsSingle.sendP50Ms} | ${r.kafkajsSingle.sendP99Ms} | | ${JSON.stringify(r.kafkajsSingle.cpu)} | |`,
    `| POST /api/ingest/lpr through the edge, ${r.single.connections} connections | ${r.single.okPerSecond} req/s | ${r.single.p50Ms} | ${r.single.p99Ms} | ${r.single.non2xx + r.single.socketErrors} | ${JSON.stringify(r.single.cpu)} | ${r.ratios.singleVsPerfTest} of perf-test, ${r.ratios.singleVsKafkajsSingle} of kafkajs single |`,
    `| POST /api/ingest/lpr/batch (${r.batch.batchSize}) through the edge, ${r.batch.connections} connections | ${r.batch.detectionsPerSecond} det/s | ${r.batch.p50Ms} | ${r.batch.p99Ms} | ${r.batch.non2xx + r.batch.socketErrors} | ${JSON.stringify(r.batch.cpu)} | ${r.ratios.batchVsPerfTest} of perf-test, ${r.ratios.batchVsKafkajsBatched} of kafkajs batched |`,
    '',
    `Targets: single ≥ ${TARGET.singlePerSecond}/s with p99 < ${TARGET.singleP99Ms} ms: ${r.targets.single ? 'met' : 'NOT met'}; batched ≥ ${TARGET.batchedPerSecond}/s: ${r.targets.batch ? 'met' : 'NOT met'}.`,
    "## The HTTP layer alone (adapter-app.ts: ingest's routes, pipe and mapping, nothing behind; direct)",
    '',
    '| adapter | validator | single req/s | µs CPU / request | p99 ms | batched det/s | µs CPU / detection | errors |',
    '|---|---|---|---|---|---|---|---|',
    ...r.adapters.map(
      (a) =>
        `| ${a.adapter} | ${a.validator} | ${a.single.okPerSecond} | ${a.single.appCpuMicrosPerItem} | ${a.single.p99Ms} | ${a.batch.itemsPerSecond} | ${a.batch.appCpuMicrosPerItem} | ${a.single.non2xx + a.batch.non2xx} |`,
    ),
    '',
    `Durability check: ${r.durability.acknowledged} detections acknowledged, topic grew by ${r.durability.topicGrewBy}, analytics stored ${r.durability.storedByAnalytics} (${r.durability.ok ? 'ok' : 'FEWER THAN ACKNOWLEDGED'}); ${r.durability.runRowsRemoved ? "the run's rows were deleted afterwards" : "analytics did not catch up in 180 s: the run's rows were left in place"}.`,
    '',
  ].join('\n');
  console.log('\n' + md);
  writeResults('ingest', results, md, results.startedAt);
  if (!r.durability.ok) process.exit(1);
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
