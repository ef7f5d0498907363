#!/usr/bin/env node
// `npm run bench:video`: the roadmap's "50 simultaneous streams". BENCH_VIDEO_VIEWERS (default 50)
// concurrent viewers of the demo cameras, spread over them round-robin:
//   - LL-HLS part readers (blocking playlist reloads with _HLS_msn/_HLS_part, then every new part),
//   - LL-HLS segment readers (blocking reloads with _HLS_msn, then every new segment),
//   - WHEP viewers (werift: offer/answer, then H.264 RTP over UDP), each holding a session for
//     BENCH_VIDEO_WHEP_HOLD_SECONDS (default 10) and then opening the next one, as a viewer switching
//     tiles does; the first sessions end staggered over that time, so session set-ups (and their
//     answer and first-RTP times) fall all through the measured part of a phase, not only in its warm-up,
// in the shares BENCH_VIDEO_MIX (default "2:1:2" part:segment:whep), with the viewer's access token.
// The same load runs through the edge (HAProxy :80, /hls/ and /webrtc/) and straight at MediaMTX
// (:8888, :8889) in alternating phases of one run (D E E D … so drift and warm-up fall on both
// sides equally), BENCH_VIDEO_PHASE_SECONDS (default 30) each, BENCH_VIDEO_ROUNDS (default 2) pairs;
// the first 5 s of a phase are not measured (sessions starting). Per side: part and segment fetch
// times p50/p95 (request sent → last byte), blocking reload times, WHEP answer and first-RTP times,
// CPU of HAProxy and MediaMTX (from /proc, % of one core), bytes the viewers received, errors.
// Target: the edge adds ≤ 5 % to fetch latency and to CPU (HAProxy + MediaMTX against MediaMTX alone).
// Needs the stack up: `GTV_DEMO_CAMERAS=16 tools/gtv up`. Loopback only; bounded by the phase times
// and request timeouts. Writes bench/results/video-<time>.json and .md.
import { cpus, loadavg } from 'node:os';
import { adminToken, api } from '../lib/http.mjs';
import { cpuPercentBetween, cpuSnapshot, pidOnPort } from '../lib/proc.mjs';
import { writeResults } from '../lib/results.mjs';
import { percentile } from '../lib/stats.mjs';
import { edge, host, int, ports } from '../lib/stack.mjs';
import { hlsViewer } from './hls-reader.mjs';
import { whepViewer } from './whep-reader.mjs';

const VIEWERS = int('BENCH_VIDEO_VIEWERS', 50);
const PHASE_SECONDS = int('BENCH_VIDEO_PHASE_SECONDS', 30);
const ROUNDS = int('BENCH_VIDEO_ROUNDS', 2);
const WARMUP_MS = 5000;
const TARGET_PCT = 5;
const MIX = (process.env.BENCH_VIDEO_MIX || '2:1:2').split(':').map(Number);
const WHEP_HOLD_MS = int('BENCH_VIDEO_WHEP_HOLD_SECONDS', 10) * 1000;

const SIDES = {
  edge: { hls: `${edge}/hls/`, whep: (path) => `${edge}/webrtc/${path}/whep` },
  direct: {
    hls: `http://${host}:${ports.GTV_MEDIAMTX_HLS_PORT}/`,
    whep: (path) => `http://${host}:${ports.GTV_MEDIAMTX_WEBRTC_PORT}/${path}/whep`,
  },
};

const pids = {
  haproxy: pidOnPort(ports.GTV_EDGE_HTTP_PORT),
  mediamtx: pidOnPort(ports.GTV_MEDIAMTX_HLS_PORT),
};
if (!pids.haproxy || !pids.mediamtx) throw new Error(`stack not up? pids ${JSON.stringify(pids)}`);

const token = await adminToken();
// Only cameras with a live feed: demo cameras registered by an earlier `up` with more of them stay
// enabled but offline once the simulator runs fewer feeds, and a viewer of one measures only errors.
const cameras = (await api('GET', '/api/cameras?tag=demo&limit=500', { token })).items
  .filter((c) => c.enabled !== false && c.status?.state === 'online')
  .sort((a, b) => a.id - b.id);
if (cameras.length === 0) throw new Error('no online demo cameras (GTV_DEMO_CAMERAS)');

/** Viewer kinds in the order of the mix, round-robin over cameras. */
const total = MIX.reduce((a, b) => a + b, 0);
const kinds = ['part', 'segment', 'whep'];
const plan = [];
MIX.forEach((share, k) => {
  const n = k === MIX.length - 1 ? VIEWERS - plan.length : Math.round((VIEWERS * share) / total);
  for (let i = 0; i < n; i++) plan.push(kinds[k]);
});

const emptyStats = () => ({
  part: [],
  segment: [],
  reload: [],
  setup: [],
  firstRtp: [],
  bytes: 0,
  rtpBytes: 0,
  requests: 0,
  errors: 0,
  lastError: undefined,
  cpu: [],
  measuredSeconds: 0,
});
const results = { edge: emptyStats(), direct: emptyStats() };

async function phase(sideName) {
  const side = SIDES[sideName];
  const stats = results[sideName];
  const start = Date.now();
  const end = start + PHASE_SECONDS * 1000;
  const until = () => Date.now() >= end;
  const record = () => Date.now() >= start + WARMUP_MS && !until();
  const whepViewers = plan.filter((k) => k === 'whep').length;
  const viewer = async (kind, i) => {
    const camera = cameras[i % cameras.length];
    // WHEP viewer j's first session ends at (j + 1)/n of the hold time, so set-ups are spread evenly.
    let holdMs =
      (WHEP_HOLD_MS * (plan.slice(0, i).filter((k) => k === 'whep').length + 1)) / whepViewers;
    // A viewer that fails starts again after a pause (as a player does), so the load stays at VIEWERS;
    // a WHEP session that ran its course is followed by the next one at once.
    while (!until()) {
      let ended;
      if (kind === 'whep') {
        ended = await whepViewer({
          whepUrl: side.whep(camera.path),
          token,
          until,
          holdMs,
          stats,
          record,
        });
        holdMs = WHEP_HOLD_MS;
      } else
        ended = await hlsViewer({
          base: `${side.hls}${camera.path}/`,
          token,
          mode: kind,
          until,
          stats,
          record,
        });
      if (!until() && ended !== 'held') await new Promise((r) => setTimeout(r, 500));
    }
  };
  const running = plan.map((kind, i) => viewer(kind, i));
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  const a = cpuSnapshot(pids);
  await new Promise((r) => setTimeout(r, Math.max(0, end - Date.now())));
  const b = cpuSnapshot(pids);
  stats.cpu.push(cpuPercentBetween(a, b));
  stats.measuredSeconds += (b.at - a.at) / 1000;
  await Promise.all(running);
  console.log(
    `  ${sideName}: ${stats.part.length} parts, ${stats.segment.length} segments, ${stats.setup.length} WHEP so far, errors ${stats.errors}`,
  );
}

console.log(
  `bench:video — ${VIEWERS} viewers (${plan.filter((k) => k === 'part').length} LL-HLS part, ` +
    `${plan.filter((k) => k === 'segment').length} LL-HLS segment, ${plan.filter((k) => k === 'whep').length} WHEP) ` +
    `over ${cameras.length} cameras; ${ROUNDS} × (direct, edge) phases of ${PHASE_SECONDS} s`,
);
const loadBefore = loadavg();
for (let r = 0; r < ROUNDS; r++) {
  for (const s of r % 2 === 0 ? ['direct', 'edge'] : ['edge', 'direct']) await phase(s);
}
const loadAfter = loadavg();

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const p = (xs, q) => percentile(sorted(xs), q);
const avg = (xs) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
function summary(s) {
  const cpu = (k) => avg(s.cpu.map((c) => c[k]));
  return {
    part: { n: s.part.length, p50: p(s.part, 50), p95: p(s.part, 95) },
    segment: { n: s.segment.length, p50: p(s.segment, 50), p95: p(s.segment, 95) },
    reload: { n: s.reload.length, p50: p(s.reload, 50), p95: p(s.reload, 95) },
    whepSetup: { n: s.setup.length, p50: p(s.setup, 50), p95: p(s.setup, 95) },
    whepFirstRtp: { n: s.firstRtp.length, p50: p(s.firstRtp, 50), p95: p(s.firstRtp, 95) },
    cpu: { haproxy: cpu('haproxy'), mediamtx: cpu('mediamtx'), machine: cpu('machine') },
    hlsMBps: s.bytes / s.measuredSeconds / 1e6,
    rtpMBps: s.rtpBytes / s.measuredSeconds / 1e6,
    requests: s.requests,
    errors: s.errors,
    lastError: s.lastError,
  };
}
const edgeS = summary(results.edge);
const directS = summary(results.direct);
const pct = (e, d) => (d ? ((e - d) / d) * 100 : null);
const added = {
  partP50: pct(edgeS.part.p50, directS.part.p50),
  partP95: pct(edgeS.part.p95, directS.part.p95),
  segmentP50: pct(edgeS.segment.p50, directS.segment.p50),
  segmentP95: pct(edgeS.segment.p95, directS.segment.p95),
  cpu: pct(edgeS.cpu.haproxy + edgeS.cpu.mediamtx, directS.cpu.haproxy + directS.cpu.mediamtx),
};
const ok = (v) => v !== null && v <= TARGET_PCT;

const f = (v, d = 1) => (v === null || v === undefined ? '—' : v.toFixed(d));
const row = (name, pick, d = 1) => `| ${name} | ${f(pick(directS), d)} | ${f(pick(edgeS), d)} |`;
const lines = [
  `# bench:video — ${new Date().toISOString()}`,
  '',
  `${VIEWERS} concurrent viewers (${plan.filter((k) => k === 'part').length} LL-HLS part readers, ` +
    `${plan.filter((k) => k === 'segment').length} LL-HLS segment readers, ${plan.filter((k) => k === 'whep').length} WHEP/werift) ` +
    `over ${cameras.length} demo cameras, ${ROUNDS} × (direct, edge) phases of ${PHASE_SECONDS} s (first 5 s not measured); ` +
    `each WHEP viewer opens a new session every ${WHEP_HOLD_MS / 1000} s. ` +
    `Machine: ${cpus().length} cores, load ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ` +
    `${loadAfter.map((l) => l.toFixed(2)).join(' ')} after.`,
  '',
  '| figure | MediaMTX direct | through the edge |',
  '|---|---:|---:|',
  row('part fetch p50 ms', (s) => s.part.p50, 2),
  row('part fetch p95 ms', (s) => s.part.p95, 2),
  row('segment fetch p50 ms', (s) => s.segment.p50, 2),
  row('segment fetch p95 ms', (s) => s.segment.p95, 2),
  row('blocking reload p50 ms (waits for the part)', (s) => s.reload.p50),
  row('blocking reload p95 ms', (s) => s.reload.p95),
  row('WHEP answer p50 ms', (s) => s.whepSetup.p50),
  row('WHEP answer p95 ms', (s) => s.whepSetup.p95),
  row('WHEP offer → first RTP p50 ms', (s) => s.whepFirstRtp.p50),
  row('WHEP offer → first RTP p95 ms', (s) => s.whepFirstRtp.p95),
  `| parts / segments / WHEP sessions measured | ${directS.part.n} / ${directS.segment.n} / ${directS.whepSetup.n} | ${edgeS.part.n} / ${edgeS.segment.n} / ${edgeS.whepSetup.n} |`,
  row('CPU HAProxy % of a core', (s) => s.cpu.haproxy),
  row('CPU MediaMTX % of a core', (s) => s.cpu.mediamtx),
  row('CPU machine % busy', (s) => s.cpu.machine),
  row('HLS bytes served MB/s', (s) => s.hlsMBps, 3),
  row('WebRTC RTP payload MB/s', (s) => s.rtpMBps, 3),
  row('HTTP requests', (s) => s.requests, 0),
  row('viewer errors', (s) => s.errors, 0),
  '',
  `Edge adds: part fetch p50 ${f(added.partP50)} %, p95 ${f(added.partP95)} %; segment fetch p50 ${f(added.segmentP50)} %, ` +
    `p95 ${f(added.segmentP95)} %; CPU (HAProxy + MediaMTX vs MediaMTX alone) ${f(added.cpu)} %. ` +
    `Target ≤ ${TARGET_PCT} %: latency ${ok(added.partP50) && ok(added.segmentP50) ? 'met' : '**missed**'} at p50, ` +
    `${ok(added.partP95) && ok(added.segmentP95) ? 'met' : '**missed**'} at p95; CPU ${ok(added.cpu) ? 'met' : '**missed**'}.`,
  `Absolute: part p50 +${f(edgeS.part.p50 - directS.part.p50, 2)} ms, segment p50 +${f(edgeS.segment.p50 - directS.segment.p50, 2)} ms, ` +
    `HAProxy ${f(edgeS.cpu.haproxy)} % of a core; WHEP answer p50 +${f(edgeS.whepSetup.p50 - directS.whepSetup.p50, 2)} ms.`,
  ...(edgeS.lastError || directS.lastError
    ? ['', `Last errors: direct ${directS.lastError ?? '—'}; edge ${edgeS.lastError ?? '—'}.`]
    : []),
];
const report = lines.join('\n');
console.log(report);
console.log('');
writeResults(
  'video',
  {
    viewers: VIEWERS,
    plan,
    cameras: cameras.length,
    phaseSeconds: PHASE_SECONDS,
    whepHoldSeconds: WHEP_HOLD_MS / 1000,
    rounds: ROUNDS,
    load: { before: loadBefore, after: loadAfter },
    direct: directS,
    edge: edgeS,
    added,
    targetPct: TARGET_PCT,
  },
  report + '\n',
);
process.exit(0);
