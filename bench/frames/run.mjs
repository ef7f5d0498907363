#!/usr/bin/env node
// `npm run bench:frames`: frame extraction's memory and CPU per camera at several camera counts, the LPR
// engine's throughput, and capture → detection latency, against the running stack.
//
// Needs the stack up with enough demo cameras: `GTV_DEMO_CAMERAS=50 tools/gtv up` (250 for the 250 step).
// Steps (BENCH_FRAME_STEPS, default "10,50", capped at the demo cameras): LPR is switched on for the first N
// demo cameras and off for the rest through the API, frame extraction takes them within seconds; after a
// settle time the PSS of frame-extraction's Node process and its ffmpeg readers, and their CPU time, are
// measured over BENCH_FRAME_SECONDS (default 30). Reference in the same run: the naive reader, one ffmpeg per
// camera with default options (`-i rtsp://… -vf fps=1 -f image2pipe -c:v mjpeg pipe:1`), on the first 10 cameras.
// Engine: if something listens on GTV_LPR_ENGINE_PORT, BENCH_ENGINE_FRAMES JPEGs (demo frames) are posted
// one at a time (ms per frame) and two at a time (frames/s). Latency: detections of the run are read back
// through `GET /api/detections` (storedAt − capturedAt) when analytics stores them, else from Kafka
// (arrival − capturedAt), and the table says which. LPR is left on for every demo camera at the end.
// Bounded: fixed steps and durations, request timeouts; writes bench/results/frames-<time>.json/.md.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const ports = readEnvFile(join(root, 'tools/stack/ports.env'));
const state = process.env.GTV_STATE || '/var/lib/gt-vision';
const secrets = readEnvFile(join(state, 'secrets.env'));
const host = ports.GTV_HOST || '127.0.0.1';
const edge = `http://${host}:${ports.GTV_EDGE_HTTP_PORT}`;
const FE_PORT = Number(ports.GTV_FRAME_EXTRACTION_PORT);
const ENGINE = `http://${host}:${ports.GTV_LPR_ENGINE_PORT || 3005}`;
const SECONDS = Number(process.env.BENCH_FRAME_SECONDS || 30);
const SETTLE_SECONDS = 15;
const REFERENCE_CAMERAS = 10;
const ENGINE_FRAMES = Number(process.env.BENCH_ENGINE_FRAMES || 100);
const TARGET_MB_PER_CAMERA = 10;
const TICKS = 100; // USER_HZ on Linux

function readEnvFile(path) {
  const out = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = line.match(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/);
    if (m) out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function api(method, path, { token, body } = {}) {
  const res = await fetch(edge + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(15000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

async function inPool(items, size, fn) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (queue.length) await fn(queue.shift());
    }),
  );
}

async function metric(name) {
  const res = await fetch(`http://${host}:${FE_PORT}/metrics`, {
    headers: { authorization: `Bearer ${secrets.GTV_INTERNAL_SERVICE_TOKEN}` },
    signal: AbortSignal.timeout(5000),
  });
  let total = 0;
  for (const line of (await res.text()).split('\n')) {
    if (line.startsWith(name + ' ') || line.startsWith(name + '{'))
      total += Number(line.split(' ').pop());
  }
  return total;
}

function listenerPid(port) {
  const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  return pid ? Number(pid) : undefined;
}

function childrenOf(pid) {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((p) => {
      try {
        return Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'))[1]) === pid;
      } catch {
        return false;
      }
    });
}

function pssKb(pid) {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))[1]);
  } catch {
    return 0;
  }
}

function cpuTicks(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Average PSS (MB) and CPU (% of one core) of a set of processes over `seconds`. */
async function sample(pids, seconds) {
  const cpu0 = pids().reduce((s, p) => s + cpuTicks(p), 0);
  const t0 = Date.now();
  const pss = [];
  for (let i = 0; i < seconds; i++) {
    await sleep(1000);
    pss.push(pids().reduce((s, p) => s + pssKb(p), 0));
  }
  const cpu1 = pids().reduce((s, p) => s + cpuTicks(p), 0);
  return {
    pssMb: pss.reduce((a, b) => a + b, 0) / pss.length / 1024,
    cpuPct: ((cpu1 - cpu0) / TICKS / ((Date.now() - t0) / 1000)) * 100,
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const started = new Date();
  const token = (
    await api('POST', '/api/auth/login', {
      body: { username: 'admin', password: secrets.GTV_ADMIN_PASSWORD },
    })
  ).accessToken;
  const demo = (await api('GET', '/api/cameras?tag=demo&limit=500', { token })).items.sort(
    (a, b) => a.id - b.id,
  );
  const steps = (process.env.BENCH_FRAME_STEPS || '10,50')
    .split(',')
    .map(Number)
    .filter((n) => n <= demo.length);
  if (steps.length === 0)
    throw new Error(
      `only ${demo.length} demo cameras: start the stack with GTV_DEMO_CAMERAS=10 or more`,
    );
  const fe = listenerPid(FE_PORT);
  if (!fe) throw new Error('frame-extraction is not running');

  const kafka = new Kafka({
    clientId: 'bench-frames',
    brokers: [`${host}:${ports.GTV_KAFKA_PORT}`],
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `bench-frames-${Date.now()}` });
  const kafkaLatency = [];
  await consumer.connect();
  await consumer.subscribe({ topic: 'gtv.detections.v1', fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = JSON.parse(message.value.toString());
      if (
        event.source === 'gtv-frame-extraction' &&
        Date.parse(event.capturedAt) >= started.getTime()
      ) {
        kafkaLatency.push(Date.now() - Date.parse(event.capturedAt));
      }
    },
  });

  const results = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model },
    steps: [],
    startedAt: started.toISOString(),
  };
  const setLpr = (cameras, enabled) =>
    inPool(cameras, 8, (c) =>
      api('PATCH', `/api/cameras/${c.id}`, { token, body: { lpr: { enabled } } }),
    );

  for (const n of steps) {
    console.log(`step: ${n} cameras`);
    await setLpr(demo.slice(n), false);
    await setLpr(demo.slice(0, n), true);
    const deadline = Date.now() + 60_000;
    while ((await metric('gtv_frame_cameras_leased')) !== n && Date.now() < deadline)
      await sleep(1000);
    await sleep(SETTLE_SECONDS * 1000);
    const taken0 = await metric('gtv_frames_taken_total');
    const all = () => [fe, ...childrenOf(fe)];
    const readers = () => childrenOf(fe);
    const [both, node] = await Promise.all([sample(all, SECONDS), sample(() => [fe], SECONDS)]);
    const readersOnly = { pssMb: both.pssMb - node.pssMb, cpuPct: both.cpuPct - node.cpuPct };
    const framesPerSecond = ((await metric('gtv_frames_taken_total')) - taken0) / SECONDS;
    const step = {
      cameras: n,
      readerProcesses: readers().length,
      totalPssMb: both.pssMb,
      nodePssMb: node.pssMb,
      readersPssMb: readersOnly.pssMb,
      mbPerCamera: both.pssMb / n,
      readerMbPerCamera: readersOnly.pssMb / n,
      cpuPctPerCamera: both.cpuPct / n,
      totalCpuPct: both.cpuPct,
      framesPerSecond,
      skipped: await metric('gtv_frames_skipped_total'),
    };
    console.log(step);
    results.steps.push(step);
  }

  // Reference: the naive reader, one default ffmpeg per camera, on the same cameras, same run.
  const refCams = demo.slice(0, Math.min(REFERENCE_CAMERAS, demo.length));
  const naive = refCams.map((c) =>
    spawn(
      'setpriv',
      [
        '--pdeathsig',
        'KILL',
        '--',
        'ffmpeg',
        '-nostdin',
        '-loglevel',
        'error',
        '-rtsp_transport',
        'tcp',
        '-i',
        `rtsp://bench:${secrets.GTV_INTERNAL_SERVICE_TOKEN}@${host}:${ports.GTV_MEDIAMTX_RTSP_PORT}/${c.path}`,
        '-vf',
        'fps=1',
        '-f',
        'image2pipe',
        '-c:v',
        'mjpeg',
        'pipe:1',
      ],
      { stdio: ['ignore', 'ignore', 'ignore'] },
    ),
  );
  await sleep(SETTLE_SECONDS * 1000);
  const ref = await sample(() => naive.map((p) => p.pid), SECONDS);
  naive.forEach((p) => p.kill('SIGKILL'));
  results.reference = {
    cameras: refCams.length,
    mbPerCamera: ref.pssMb / refCams.length,
    cpuPctPerCamera: ref.cpuPct / refCams.length,
  };
  console.log('reference (one default ffmpeg per camera):', results.reference);

  results.engine = await benchEngine(demo[0]);
  console.log('engine:', results.engine);

  // Capture → stored (analytics), or → published when analytics does not store them yet.
  const stored = await api(
    'GET',
    `/api/detections?source=gtv-frame-extraction&from=${started.toISOString()}&limit=500`,
    { token },
  )
    .then((page) => page.items.map((d) => Date.parse(d.storedAt) - Date.parse(d.capturedAt)))
    .catch(() => null);
  await consumer.disconnect();
  const latency =
    stored && stored.length > 0
      ? { measured: 'capture → saved in PostgreSQL', ms: stored }
      : { measured: 'capture → published in Kafka', ms: kafkaLatency };
  const sorted = [...latency.ms].sort((a, b) => a - b);
  results.latency = {
    measured: latency.measured,
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
  console.log('latency:', results.latency);

  await setLpr(demo, true);
  results.loadavg = loadavg();
  write(results);
}

async function benchEngine(camera) {
  if (!listenerPid(Number(ports.GTV_LPR_ENGINE_PORT || 3005))) return { available: false };
  const jpeg = execFileSync(
    'ffmpeg',
    [
      '-nostdin',
      '-loglevel',
      'error',
      '-rtsp_transport',
      'tcp',
      '-skip_frame',
      'nokey',
      '-i',
      `rtsp://bench:${secrets.GTV_INTERNAL_SERVICE_TOKEN}@${host}:${ports.GTV_MEDIAMTX_RTSP_PORT}/${camera.path}`,
      '-frames:v',
      '1',
      '-c:v',
      'mjpeg',
      '-f',
      'image2pipe',
      'pipe:1',
    ],
    { timeout: 20000 },
  );
  const post = async () => {
    const t = performance.now();
    const res = await fetch(`${ENGINE}/v1/recognize`, {
      method: 'POST',
      headers: {
        'content-type': 'image/jpeg',
        authorization: `Bearer ${secrets.GTV_INTERNAL_SERVICE_TOKEN}`,
      },
      body: jpeg,
      signal: AbortSignal.timeout(10000),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`engine answered ${res.status}`);
    return performance.now() - t;
  };
  const one = [];
  for (let i = 0; i < ENGINE_FRAMES; i++) one.push(await post());
  one.sort((a, b) => a - b);
  const t0 = performance.now();
  await inPool(Array.from({ length: ENGINE_FRAMES }), 2, post);
  return {
    available: true,
    frames: ENGINE_FRAMES,
    msPerFrame: { p50: percentile(one, 50), p95: percentile(one, 95) },
    framesPerSecondTwoAtATime: ENGINE_FRAMES / ((performance.now() - t0) / 1000),
  };
}

function write(results) {
  const stamp = new Date()
    .toISOString()
    .replace(/[:]/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `frames-${stamp}.json`), JSON.stringify(results, null, 2) + '\n');
  const f = (x, d = 1) => (x === null || x === undefined ? 'n/a' : Number(x).toFixed(d));
  const lines = [
    `# bench:frames ${results.startedAt}`,
    '',
    `Machine: ${results.machine.cpus} cores (${results.machine.model}); load average at the end ${results.loadavg.map((l) => l.toFixed(2)).join(' ')}.`,
    '',
    '| cameras | reader processes | PSS total MB | Node MB | readers MB | MB / camera (target ≤ ' +
      TARGET_MB_PER_CAMERA +
      ') | reader MB / camera | CPU % / camera | frames/s |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.steps.map(
      (s) =>
        `| ${s.cameras} | ${s.readerProcesses} | ${f(s.totalPssMb)} | ${f(s.nodePssMb)} | ${f(s.readersPssMb)} | ${f(s.mbPerCamera, 2)} | ${f(s.readerMbPerCamera, 2)} | ${f(s.cpuPctPerCamera, 2)} | ${f(s.framesPerSecond)} |`,
    ),
    '',
    `Reference, same run: one default ffmpeg per camera on ${results.reference.cameras} cameras: ${f(results.reference.mbPerCamera, 2)} MB and ${f(results.reference.cpuPctPerCamera, 2)} % CPU per camera.`,
    '',
    results.engine.available
      ? `LPR engine: ${f(results.engine.msPerFrame.p50)} ms p50, ${f(results.engine.msPerFrame.p95)} ms p95 per frame one at a time; ${f(results.engine.framesPerSecondTwoAtATime)} frames/s two at a time.`
      : 'LPR engine: not running in this stack, not measured.',
    '',
    `Latency (${results.latency.measured}), ${results.latency.count} detections: p50 ${f(results.latency.p50, 0)} ms, p95 ${f(results.latency.p95, 0)} ms, p99 ${f(results.latency.p99, 0)} ms.`,
    '',
  ];
  writeFileSync(join(dir, `frames-${stamp}.md`), lines.join('\n'));
  console.log(lines.join('\n'));
  console.log(`written bench/results/frames-${stamp}.json and .md`);
}

const hardLimit = setTimeout(
  () => {
    console.error('bench:frames: hard limit of 15 minutes reached');
    process.exit(1);
  },
  15 * 60 * 1000,
);
hardLimit.unref();
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
