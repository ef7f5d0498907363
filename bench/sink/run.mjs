#!/usr/bin/env node
// `npm run bench:sink`: the analytics consumer's rate, Kafka → PostgreSQL (rows/s), beside a raw COPY
// of the same number of rows into the same table in the same run. Target: consumer ≥ 0.7 × COPY.
//
// Needs the stack up (`tools/gtv up`). Produces BENCH_SINK_ROWS (default 200 000) detections into the
// detections topic as ingest would (idempotent producer, acks=all, keyed by camera over 250 cameras),
// then watches PostgreSQL fill: the rate is measured between 10 % and 90 % of the rows stored, so the
// production ramp and the last partial batch do not count. The reference COPYs as many rows (their own
// ids) through psql straight to PostgreSQL. Both sets are deleted at the end. Bounded: hard stop at
// BENCH_SINK_TIMEOUT_S (default 600 s).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { COPY_COLUMNS, copyLine, detectionEvent, rng } from '../lib/detections.mjs';
import { serviceMetric } from '../lib/http.mjs';
import { cpuPercentBetween, cpuSnapshot as snapshot, pidOnPort } from '../lib/proc.mjs';
import { writeResults } from '../lib/results.mjs';
import { host, int, ports, psql } from '../lib/stack.mjs';

const ROWS = int('BENCH_SINK_ROWS', 200_000);
const TIMEOUT_S = int('BENCH_SINK_TIMEOUT_S', 600);
const TARGET_RATIO = 0.7;
const run = `bench-sink-${Date.now().toString(36)}`;
const copySource = `${run}-copy`;
const f0 = (n) => Math.round(n).toLocaleString('en');

function events(source, seed) {
  const r = rng(seed);
  const now = Date.now();
  return Array.from({ length: ROWS }, () =>
    detectionEvent(r, { source, cameras: 250, fromMs: now - 3_600_000, spanMs: 3_000_000 }),
  );
}

// The events are captured within the last hour: the time bound keeps these queries to today's
// partitions instead of a scan of every row (bench:api leaves 10 million of them in the table).
const window = `captured_at >= now() - interval '2 hours'`;
const count = (source) =>
  Number(
    psql(`SELECT count(*) FROM analytics.detections WHERE ${window} AND source = '${source}'`),
  );
/** Rows the consumer has committed so far (its counter, incremented after each commit). */
const storedCounter = () => serviceMetric(ports.GTV_ANALYTICS_PORT, 'gtv_detections_stored_total');

const cpuSnapshot = () =>
  snapshot(
    {
      analytics: pidOnPort(ports.GTV_ANALYTICS_PORT),
      kafka: pidOnPort(ports.GTV_KAFKA_PORT),
      pgbouncer: pidOnPort(ports.GTV_PGBOUNCER_PORT),
    },
    {},
    // This stack's PostgreSQL only (other stacks' backends share the pid namespace and the
    // database name), with backends that ended during the run (the COPY's psql session).
    { postgres: pidOnPort(ports.GTV_POSTGRES_PORT) },
  );

function cpuBetween(a, b) {
  const pct = cpuPercentBetween(a, b);
  return {
    seconds: Math.round(((b.at - a.at) / 1000) * 10) / 10,
    machinePercent: pct.machine,
    analyticsPercentOfOneCore: pct.analytics,
    kafkaPercentOfOneCore: pct.kafka,
    postgresBackendsPercentOfOneCore: pct.postgres,
    pgbouncerPercentOfOneCore: pct.pgbouncer,
  };
}

async function consumerRun() {
  const kafka = new Kafka({
    clientId: run,
    brokers: [`${host}:${ports.GTV_KAFKA_PORT}`],
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5 });
  await producer.connect();
  const batch = events(run, 1);
  const stored0 = await storedCounter();
  const cpu0 = cpuSnapshot();
  const produceStart = performance.now();
  for (let i = 0; i < batch.length; i += 5000) {
    await producer.send({
      topic: 'gtv.detections.v1',
      acks: -1,
      messages: batch
        .slice(i, i + 5000)
        .map((e) => ({ key: String(e.cameraId), value: JSON.stringify(e) })),
    });
  }
  const produceSeconds = (performance.now() - produceStart) / 1000;
  await producer.disconnect();

  const marks = {};
  const deadline = Date.now() + TIMEOUT_S * 1000;
  for (;;) {
    // Polled from the consumer's counter, not with count(*): a query every 100 ms would load the
    // database being measured. The total is checked with SQL once at the end.
    const stored = (await storedCounter()) - stored0;
    const t = performance.now();
    if (marks.p10 === undefined && stored >= ROWS * 0.1) marks.p10 = { t, stored };
    if (marks.p90 === undefined && stored >= ROWS * 0.9) marks.p90 = { t, stored };
    if (stored >= ROWS) {
      marks.done = { t, stored };
      break;
    }
    if (Date.now() > deadline)
      throw new Error(`only ${stored}/${ROWS} rows stored after ${TIMEOUT_S} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const cpu = cpuBetween(cpu0, cpuSnapshot());
  // The counter also counts the demo cameras' few detections: the table has the last word.
  for (let inTable = count(run); inTable !== ROWS; inTable = count(run)) {
    if (inTable > ROWS || Date.now() > deadline)
      throw new Error(`${inTable} of the ${ROWS} rows sent are in the table`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const rate = (marks.p90.stored - marks.p10.stored) / ((marks.p90.t - marks.p10.t) / 1000);
  return {
    rowsPerSecond: rate,
    endToEndSeconds: (marks.done.t - produceStart) / 1000,
    produceSeconds,
    cpu,
  };
}

function copyRun() {
  const dir = mkdtempSync(join(tmpdir(), 'gtv-bench-sink-'));
  try {
    const file = join(dir, 'rows.csv');
    writeFileSync(file, events(copySource, 2).map(copyLine).join('\n') + '\n');
    const cpu0 = cpuSnapshot();
    const start = performance.now();
    psql(`\\copy analytics.detections (${COPY_COLUMNS}) FROM '${file}' WITH (FORMAT csv)`);
    const seconds = (performance.now() - start) / 1000;
    return { rowsPerSecond: ROWS / seconds, seconds, cpu: cpuBetween(cpu0, cpuSnapshot()) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cleanUp() {
  psql(
    `DELETE FROM analytics.detections WHERE ${window} AND source IN ('${run}', '${copySource}')`,
  );
}

async function main() {
  const hardStop = setTimeout(
    () => {
      console.error(`bench:sink exceeded ${TIMEOUT_S + 120} s; stopping`);
      process.exit(1);
    },
    (TIMEOUT_S + 120) * 1000,
  );
  hardStop.unref();
  console.log(
    `bench:sink: ${f0(ROWS)} detections, consumer (Kafka → analytics → PgBouncer → PostgreSQL) vs raw COPY`,
  );
  try {
    const consumer = await consumerRun();
    console.log(
      `consumer: ${f0(consumer.rowsPerSecond)} rows/s (10–90 %), all stored ${consumer.endToEndSeconds.toFixed(1)} s after the first send (produce ${consumer.produceSeconds.toFixed(1)} s)`,
    );
    const copy = copyRun();
    console.log(`COPY:     ${f0(copy.rowsPerSecond)} rows/s (${copy.seconds.toFixed(1)} s)`);
    const ratio = consumer.rowsPerSecond / copy.rowsPerSecond;
    const verdict = ratio >= TARGET_RATIO ? 'meets' : 'misses';
    console.log(`ratio:    ${ratio.toFixed(2)} × COPY (${verdict} the ${TARGET_RATIO} × target)`);
    console.log('CPU (% of one core) during the consumer run:', consumer.cpu);
    console.log('CPU (% of one core) during COPY:', copy.cpu);
    const tableRows = Number(psql('SELECT count(*) FROM analytics.detections'));
    const result = {
      bench: 'sink',
      at: new Date().toISOString(),
      rows: ROWS,
      tableRowsDuring: tableRows,
      cores: cpus().length,
      consumer,
      copy,
      ratio,
      target: TARGET_RATIO,
      verdict,
    };
    writeResults(
      'sink',
      result,
      [
        `# bench:sink ${result.at}`,
        '',
        `${f0(ROWS)} detections into \`analytics.detections\` (${f0(tableRows)} rows in the table at the end), ${result.cores} cores.`,
        '',
        '| path | rows/s | CPU analytics | CPU PostgreSQL backends | CPU PgBouncer | CPU Kafka | machine busy |',
        '|---|---|---|---|---|---|---|',
        `| consumer (Kafka → PgBouncer → PostgreSQL) | ${f0(consumer.rowsPerSecond)} | ${consumer.cpu.analyticsPercentOfOneCore} % | ${consumer.cpu.postgresBackendsPercentOfOneCore} % | ${consumer.cpu.pgbouncerPercentOfOneCore} % | ${consumer.cpu.kafkaPercentOfOneCore} % | ${consumer.cpu.machinePercent} % |`,
        `| raw COPY (psql → PostgreSQL) | ${f0(copy.rowsPerSecond)} | – | ${copy.cpu.postgresBackendsPercentOfOneCore} % | – | – | ${copy.cpu.machinePercent} % |`,
        '',
        `Ratio ${ratio.toFixed(2)} × COPY: ${verdict} the ${TARGET_RATIO} × target.`,
        '',
      ].join('\n'),
    );
  } finally {
    cleanUp();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
