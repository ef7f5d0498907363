#!/usr/bin/env node
// `npm run bench:frames`: frame extraction's memory and CPU per camera at 10, 50 and 250 demo cameras, the
// whole machine's CPU with every camera recording and read at 1/s, the LPR engine's throughput, and
// capture → detection saved in PostgreSQL, against the running stack.
//
// Needs the stack up with the demo cameras: `GTV_DEMO_CAMERAS=250 tools/gtv up` (steps above the demo
// cameras are left out). Reference in the same run: the stack recording the same cameras with LPR off
// everywhere (MediaMTX, the simulator and the rest alone), so the cost of extraction and recognition is the
// difference; and the naive reader (one default ffmpeg per camera) on 10 cameras.
// Steps (BENCH_FRAME_STEPS, default "10,50,250"): LPR on for the first N demo cameras, off for the rest,
// through the API; once frame extraction holds N leases, its readers deliver 90 % of the frames wanted
// (bounded wait, reported) and a settle time has passed, BENCH_FRAME_SECONDS
// (default 30) are measured: PSS and CPU of frame-extraction's Node process and its ffmpeg readers, the
// engine's, MediaMTX's and the simulator's CPU, the machine's CPU (/proc/stat), and from the metrics the
// frames taken, answered and skipped (by reason), the engine's refusals, the frames waiting and the worst
// per-camera lag. Engine: BENCH_ENGINE_FRAMES demo JPEGs posted one at a time (ms per frame) and two at a
// time (frames/s, and frames per CPU-second of the engine = per core). Latency: the detections stored in
// each step, read back through `GET /api/detections` (storedAt − capturedAt).
// Bounded: fixed steps and durations, request timeouts, a 15-minute hard limit. LPR is left on for every demo
// camera at the end. Writes bench/results/frames-<time>.json/.md.
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { adminToken, api, inPool } from '../lib/http.mjs';
import { childrenOf, cpuPercentBetween, cpuSnapshot, pidOnPort, pssKb } from '../lib/proc.mjs';
import { percentile } from '../lib/stats.mjs';
import { host, ports, secret } from '../lib/stack.mjs';
import { benchEngine, demoFrame } from './engine.mjs';
import { max, scrape, sum } from './metrics.mjs';
import { write } from './report.mjs';

const token = secret('GTV_INTERNAL_SERVICE_TOKEN');
const FE_PORT = Number(ports.GTV_FRAME_EXTRACTION_PORT);
const ENGINE_PORT = Number(ports.GTV_LPR_ENGINE_PORT || 3005);
const SECONDS = Number(process.env.BENCH_FRAME_SECONDS || 30);
const SETTLE_SECONDS = 15;
const REFERENCE_CAMERAS = 10;
const LEASE_WAIT_MS = 90_000;
/** How long a step waits for its readers to deliver (they open one camera after another). */
const DELIVER_WAIT_MS = 180_000;
/** Delivering: frames taken at 90 % or more of the rate the step's cameras ask for. */
const DELIVERING = 0.9;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Processes measured as one: a pid and its children (ffmpeg readers, simulator encoders). */
const tree = (pid) => (pid ? [pid, ...childrenOf(pid)] : []);
const cpuOf = (pids) => Object.fromEntries(pids.map((p) => [`p${p}`, p]));

/** Average PSS (MB) of `pids()` sampled every second, and the CPU of named process trees, over `seconds`. */
async function measure(seconds, trees) {
  const members = () => Object.fromEntries(Object.entries(trees).map(([k, f]) => [k, f()]));
  const before = members();
  const snapshot = () => cpuSnapshot(cpuOf([...new Set(Object.values(before).flat())]));
  const a = snapshot();
  const pss = Object.fromEntries(Object.keys(trees).map((k) => [k, []]));
  for (let i = 0; i < seconds; i++) {
    await sleep(1000);
    for (const [k, pids] of Object.entries(members())) {
      pss[k].push(pids.reduce((s, p) => s + pssKb(p), 0) / 1024);
    }
  }
  const pct = cpuPercentBetween(a, snapshot());
  const out = { machineCpuPct: pct.machine };
  for (const [k, pids] of Object.entries(before)) {
    out[k] = {
      cpuPct: pids.reduce((s, p) => s + (pct[`p${p}`] ?? 0), 0),
      pssMb: pss[k].reduce((s, v) => s + v, 0) / Math.max(1, pss[k].length),
      pssFirstMb: pss[k][0],
      pssLastMb: pss[k][pss[k].length - 1],
    };
  }
  return out;
}

async function detectionLatencies(adminJwt, from, to) {
  const ms = [];
  let cursor;
  for (let page = 0; page < 40; page++) {
    const q = new URLSearchParams({ source: 'gtv-frame-extraction', from, to, limit: '500' });
    if (cursor) q.set('cursor', cursor);
    const res = await api('GET', `/api/detections?${q}`, { token: adminJwt }).catch(() => null);
    if (!res) break;
    ms.push(...res.items.map((d) => Date.parse(d.storedAt) - Date.parse(d.capturedAt)));
    cursor = res.nextCursor;
    if (!cursor) break;
  }
  const sorted = ms.sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

async function main() {
  const startedAt = new Date();
  let adminJwt = await adminToken();
  const demo = (
    await api('GET', '/api/cameras?tag=demo&limit=500', { token: adminJwt })
  ).items.sort((a, b) => a.id - b.id);
  const steps = (process.env.BENCH_FRAME_STEPS || '10,50,250')
    .split(',')
    .map(Number)
    .filter((n) => n <= demo.length);
  if (steps.length === 0)
    throw new Error(`only ${demo.length} demo cameras: up with GTV_DEMO_CAMERAS=10 or more`);
  const fe = pidOnPort(FE_PORT);
  if (!fe) throw new Error('frame-extraction is not running');
  const engine = pidOnPort(ENGINE_PORT);
  const mediamtx = pidOnPort(Number(ports.GTV_MEDIAMTX_RTSP_PORT));
  const simulator = pidOnPort(Number(ports.GTV_SIMULATOR_PORT));
  const trees = {
    frameExtraction: () => tree(fe),
    node: () => [fe],
    engine: () => (engine ? [engine] : []),
    mediamtx: () => (mediamtx ? [mediamtx] : []),
    simulator: () => tree(simulator),
  };
  const setLpr = (cameras, enabled) =>
    inPool(cameras, 8, (c) =>
      api('PATCH', `/api/cameras/${c.id}`, { token: adminJwt, body: { lpr: { enabled } } }),
    );
  const feMetrics = () => scrape(FE_PORT, token);
  const waitLeased = async (n) => {
    const deadline = Date.now() + LEASE_WAIT_MS;
    while (Date.now() < deadline) {
      const rows = await feMetrics();
      if (sum(rows, 'gtv_frame_cameras_leased') === n) return true;
      await sleep(1000);
    }
    return false;
  };
  // Readers open their cameras one after another (a keyframe each), so a measure taken at a fixed time
  // after the leases would catch groups still opening: wait until the frames flow, and say how long it took.
  const waitDelivering = async (cameras) => {
    const wanted = cameras.reduce((s, c) => s + (c.lpr?.fps ?? 1), 0);
    const started = Date.now();
    // A scrape that failed (no rows) is no sample: the next delta would be the whole counter.
    const sample = async () => {
      const rows = await feMetrics();
      return rows.length > 0
        ? { at: Date.now(), taken: sum(rows, 'gtv_frames_taken_total') }
        : null;
    };
    let before = await sample();
    while (Date.now() - started < DELIVER_WAIT_MS) {
      await sleep(5000);
      const now = await sample();
      if (!now) continue;
      const rate = before ? (now.taken - before.taken) / ((now.at - before.at) / 1000) : 0;
      before = now;
      if (rate >= DELIVERING * wanted) return (Date.now() - started) / 1000;
    }
    return null;
  };

  const results = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model },
    demoCameras: demo.length,
    seconds: SECONDS,
    deliverWaitSeconds: DELIVER_WAIT_MS / 1000,
    startedAt: startedAt.toISOString(),
    steps: [],
  };

  // Reference: every demo camera recording, nothing extracted or recognised.
  console.log(`reference: ${demo.length} cameras recording, LPR off everywhere`);
  await setLpr(demo, false);
  await waitLeased(0);
  await sleep(SETTLE_SECONDS * 1000);
  results.recordingOnly = await measure(SECONDS, trees);
  console.log(results.recordingOnly);

  for (const n of steps) {
    console.log(`step: ${n} cameras with LPR on`);
    adminJwt = await adminToken();
    await setLpr(demo.slice(0, n), true);
    const leased = await waitLeased(n);
    const deliveringAfterSeconds = await waitDelivering(demo.slice(0, n));
    await sleep(SETTLE_SECONDS * 1000);
    const from = new Date();
    const [fe0, en0] = await Promise.all([feMetrics(), scrape(ENGINE_PORT, token)]);
    const scraped0 = Date.now();
    const m = await measure(SECONDS, trees);
    const [fe1, en1] = await Promise.all([feMetrics(), scrape(ENGINE_PORT, token)]);
    const to = new Date();
    // The counters' own window: sampling 250 processes' memory on a busy machine outlasts SECONDS.
    const windowSeconds = (to.getTime() - scraped0) / 1000;
    const rate = (rows0, rows1, name, labels) =>
      (sum(rows1, name, labels) - sum(rows0, name, labels)) / windowSeconds;
    const skipped = {};
    for (const reason of ['superseded', 'stale', 'breaker-open', 'engine-error']) {
      skipped[reason] = rate(fe0, fe1, 'gtv_frames_skipped_total', `reason="${reason}"`);
    }
    // Detections of this step are stored within a few seconds of the window's end.
    await sleep(5000);
    const step = {
      cameras: n,
      leasedInTime: leased,
      deliveringAfterSeconds,
      readerProcesses: childrenOf(fe).length,
      counterWindowSeconds: windowSeconds,
      ...m,
      mbPerCamera: m.frameExtraction.pssMb / n,
      readersMbPerCamera: (m.frameExtraction.pssMb - m.node.pssMb) / n,
      cpuPctPerCamera: m.frameExtraction.cpuPct / n,
      takenPerSecond: rate(fe0, fe1, 'gtv_frames_taken_total'),
      answeredPerSecond: rate(fe0, fe1, 'gtv_frames_sent_total'),
      skippedPerSecond: skipped,
      engineBusyPerSecond: rate(en0, en1, 'gtv_lpr_frames_total', 'outcome="busy"'),
      framesWaiting: sum(fe1, 'gtv_frames_waiting'),
      worstLagSeconds: max(fe1, 'gtv_frame_camera_lag_seconds'),
      readerRestarts:
        sum(fe1, 'gtv_frame_reader_restarts_total') - sum(fe0, 'gtv_frame_reader_restarts_total'),
      latency: await detectionLatencies(adminJwt, from.toISOString(), to.toISOString()),
    };
    console.log(step);
    results.steps.push(step);
  }

  // Reference: the naive reader, one default ffmpeg per camera, on the same cameras, same run.
  const refCams = demo.slice(0, Math.min(REFERENCE_CAMERAS, demo.length));
  await setLpr(demo, false);
  await waitLeased(0);
  const naive = refCams.map((c) =>
    spawn(
      'setpriv',
      [
        ...['--pdeathsig', 'KILL', '--', 'ffmpeg', '-nostdin', '-loglevel', 'error'],
        ...['-rtsp_transport', 'tcp'],
        ...['-i', `rtsp://bench:${token}@${host}:${ports.GTV_MEDIAMTX_RTSP_PORT}/${c.path}`],
        ...['-vf', 'fps=1', '-f', 'image2pipe', '-c:v', 'mjpeg', 'pipe:1'],
      ],
      { stdio: ['ignore', 'ignore', 'ignore'] },
    ),
  );
  await sleep(SETTLE_SECONDS * 1000);
  const ref = await measure(SECONDS, { naive: () => naive.map((p) => p.pid) });
  naive.forEach((p) => p.kill('SIGKILL'));
  results.naiveReader = {
    cameras: refCams.length,
    mbPerCamera: ref.naive.pssMb / refCams.length,
    cpuPctPerCamera: ref.naive.cpuPct / refCams.length,
  };
  console.log('reference (one default ffmpeg per camera):', results.naiveReader);

  results.engine = engine
    ? await benchEngine(await demoFrame(demo[0], token), token, engine)
    : { available: false };
  console.log('engine:', results.engine);

  await setLpr(demo, true);
  results.loadavg = loadavg();
  write(results);
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
