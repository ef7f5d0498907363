#!/usr/bin/env node
// `npm run bench:waf`: what the WAF hop (nginx + ModSecurity v3 + OWASP CRS, deploy/single-node/waf/) costs
// the API. The same requests go, in the same run, to
//   - the edge (HAProxy :80 -> WAF -> HAProxy's inner listener -> service): what clients get, and
//   - HAProxy's inner listener directly (GTV_EDGE_BEHIND_WAF_PORT -> service): the same routing without
//     the WAF,
// alternating (with, without, without, with) so that a drift of the machine's load weighs on both alike.
// Four request types: the registry's camera list (GET), a plate search (GET with query arguments, each
// inspected), one detection to ingest (POST, every JSON field inspected) and an ingest batch of
// BENCH_WAF_BATCH detections (POST; parsed, but its arguments are excluded from the rules:
// deploy/single-node/waf/crs-exclusions.conf says why).
// Load from wrk (Debian; C, little CPU beside the stack on 2 cores): BENCH_WAF_CONNECTIONS connections
// (default 4), each waiting BENCH_WAF_THINK_MS (default 100 ms; batches BENCH_WAF_BATCH_THINK_MS, 1 s)
// between requests, BENCH_WAF_SECONDS (default 8) per run, so a whole bench takes about 2.5 minutes. The
// load is light on purpose: on 2 saturated cores every extra process's CPU becomes queueing for all the
// others, and the figures would measure the saturation, not the hop (seen with 8 connections at 20 ms:
// the machine 98 % busy, the camera list's p50 41 ms without the WAF and 106 ms with it, while the WAF
// itself used 11 % of a core). CPU of the WAF's nginx, HAProxy and the machine is sampled around each run. Needs the stack up (`tools/gtv up`); leaves its figures in bench/results/.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminToken, api } from '../lib/http.mjs';
import { cpuPercentBetween, cpuSnapshot, pidOnPort, pidsOnPort } from '../lib/proc.mjs';
import { writeResults } from '../lib/results.mjs';
import { edge, host, int, ports, root } from '../lib/stack.mjs';

const CONNECTIONS = int('BENCH_WAF_CONNECTIONS', 4);
const THINK_MS = int('BENCH_WAF_THINK_MS', 100);
const SECONDS = int('BENCH_WAF_SECONDS', 8);
// 40 detections, 4 connections, one batch a second each: 160 detections a second on the run's one camera,
// under ingest's per-camera limit (INGEST_RATE_PER_CAMERA, 200 a second), which would answer 429.
const BATCH = int('BENCH_WAF_BATCH', 40);
// Batches wait longer between requests: at the others' pace they would ingest thousands of detections a
// second and the run would measure Kafka and the sink rather than the hop.
const BATCH_THINK_MS = int('BENCH_WAF_BATCH_THINK_MS', 1000);
const inner = `http://${host}:${ports.GTV_EDGE_BEHIND_WAF_PORT}`;
const log = (...args) => console.log(...args);
const round1 = (v) => Math.round(v * 10) / 10;

/** A camera with LPR on (ingest accepts detections for it only) and an integrator key, made for this run. */
async function fixtures(admin) {
  const camera = await api('POST', '/api/cameras', {
    token: admin,
    body: {
      name: `bench waf ${randomUUID().slice(0, 8)}`,
      sourceUrl: `rtsp://${host}:${ports.GTV_MEDIAMTX_RTSP_PORT}/bench_waf`,
      enabled: false,
      lpr: { enabled: true, fps: 1 },
    },
  });
  const key = await api('POST', '/api/auth/api-keys', {
    token: admin,
    body: { name: `bench waf ${randomUUID().slice(0, 8)}`, role: 'integrator' },
  });
  return { camera, key };
}

/** A batch as an LPR unit sends it: every field the detection schema has. */
function batch(cameraId) {
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  const pick = () => letters[Math.floor(Math.random() * letters.length)];
  return {
    items: Array.from({ length: BATCH }, (_, i) => ({
      cameraId,
      plate: `${pick()}${pick()}${pick()}${i % 10}${pick()}${String(i).padStart(2, '0').slice(-2)}`,
      confidence: 0.9,
      capturedAt: new Date(Date.now() - i * 1000).toISOString(),
      bbox: { x: 0.41, y: 0.62, width: 0.12, height: 0.05 },
      vehicle: { type: 'car', colour: 'white', make: 'Fiat' },
      source: 'bench.waf',
    })),
  };
}

function runWrk(dir, base, scenario, pids) {
  const bodyFile = scenario.body ? join(dir, 'body.json') : '-';
  if (scenario.body) writeFileSync(bodyFile, JSON.stringify(scenario.body));
  const before = cpuSnapshot(pids);
  const out = execFileSync(
    'wrk',
    [
      '-t2',
      `-c${CONNECTIONS}`,
      `-d${SECONDS}s`,
      '--timeout',
      '5s',
      '-s',
      join(root, 'bench/waf/request.lua'),
      base,
      '--',
      scenario.method,
      scenario.path,
      scenario.header,
      scenario.value,
      bodyFile,
      String(scenario.think ?? THINK_MS),
    ],
    { encoding: 'utf8', timeout: (SECONDS + 60) * 1000 },
  );
  const after = cpuSnapshot(pids);
  const line = out.split('\n').find((l) => l.startsWith('WRK_RESULT '));
  if (!line) throw new Error(`wrk printed no result for ${scenario.name}:\n${out}`);
  const r = JSON.parse(line.slice('WRK_RESULT '.length));
  return { ...r, rps: r.requests / r.seconds, cpu: cpuPercentBetween(before, after) };
}

/** Two runs' figures as one: requests and statuses summed, percentiles as the mean of the two runs. */
function merge(a, b) {
  const mean = (k) => (a[k] + b[k]) / 2;
  const statuses = { ...a.statuses };
  for (const [code, n] of Object.entries(b.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  const cpu = {};
  for (const k of Object.keys(a.cpu)) cpu[k] = round1((a.cpu[k] + b.cpu[k]) / 2);
  return {
    requests: a.requests + b.requests,
    rps: mean('rps'),
    p50: mean('p50'),
    p95: mean('p95'),
    p99: mean('p99'),
    max: Math.max(a.max, b.max),
    errors: a.errors + b.errors + a.timeouts + b.timeouts,
    statuses,
    cpu,
  };
}

async function main() {
  execFileSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' });
  const admin = await adminToken();
  const { camera, key } = await fixtures(admin);
  const bearer = ['authorization', `Bearer ${admin}`];
  const scenarios = [
    {
      name: 'camera list',
      method: 'GET',
      path: '/api/cameras?limit=50',
      header: bearer[0],
      value: bearer[1],
    },
    {
      name: 'plate search',
      method: 'GET',
      path: `/api/detections?${new URLSearchParams({ plate: 'ABC', match: 'prefix', limit: '20' })}`,
      header: bearer[0],
      value: bearer[1],
    },
    {
      name: 'ingest one detection',
      method: 'POST',
      path: '/api/ingest/lpr',
      header: 'x-api-key',
      value: key.key,
      body: batch(camera.id).items[0],
    },
    {
      name: `ingest batch (${BATCH})`,
      method: 'POST',
      path: '/api/ingest/lpr/batch',
      header: 'x-api-key',
      value: key.key,
      body: batch(camera.id),
      think: BATCH_THINK_MS,
    },
  ];
  // The WAF's nginx: its master and workers all hold the listening socket; the workers do the inspecting.
  const pids = { haproxy: pidOnPort(ports.GTV_EDGE_HTTP_PORT) };
  pidsOnPort(ports.GTV_WAF_PORT).forEach((pid, i) => (pids[`waf ${i + 1}`] = pid));
  const dir = mkdtempSync(join(tmpdir(), 'gtv-bench-waf-'));
  const results = {};
  try {
    for (const scenario of scenarios) {
      const withWaf1 = runWrk(dir, edge, scenario, pids);
      const without1 = runWrk(dir, inner, scenario, pids);
      const without2 = runWrk(dir, inner, scenario, pids);
      const withWaf2 = runWrk(dir, edge, scenario, pids);
      const r = { with: merge(withWaf1, withWaf2), without: merge(without1, without2) };
      r.cost = {
        p50: r.with.p50 - r.without.p50,
        p95: r.with.p95 - r.without.p95,
      };
      results[scenario.name] = r;
      for (const [variant, f] of [
        ['with WAF', r.with],
        ['without', r.without],
      ])
        log(
          `${scenario.name.padEnd(20)} ${variant.padEnd(8)} ${f.rps.toFixed(0).padStart(5)} req/s  p50 ${f.p50.toFixed(2)}  p95 ${f.p95.toFixed(2)}  p99 ${f.p99.toFixed(2)}  max ${f.max.toFixed(0)} ms  statuses ${JSON.stringify(f.statuses)}  errors ${f.errors}  CPU % of a core ${JSON.stringify(f.cpu)}`,
        );
      log(
        `${scenario.name.padEnd(20)} WAF costs p50 +${r.cost.p50.toFixed(2)} ms, p95 +${r.cost.p95.toFixed(2)} ms`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await api('DELETE', `/api/auth/api-keys/${key.id}`, { token: admin }).catch(() => undefined);
    await api('DELETE', `/api/cameras/${camera.id}`, { token: admin }).catch(() => undefined);
  }
  const at = new Date().toISOString();
  const result = {
    bench: 'waf',
    at,
    cores: cpus().length,
    connections: CONNECTIONS,
    thinkMs: THINK_MS,
    secondsPerRun: SECONDS,
    batch: BATCH,
    load1: loadavg()[0],
    results,
  };
  const cpuOf = (f, pattern) =>
    round1(
      Object.entries(f.cpu)
        .filter(([k]) => pattern.test(k))
        .reduce((sum, [, v]) => sum + v, 0),
    );
  const md = [
    `# bench:waf ${at}`,
    '',
    `The same requests through the edge with the WAF hop, and to HAProxy's inner listener without it, alternating ` +
      `(with, without, without, with; ${SECONDS} s each). ${CONNECTIONS} connections, think ${THINK_MS} ms, ` +
      `wrk on loopback, ${result.cores} cores. Percentiles: mean of the two runs of each variant.`,
    '',
    '| request | variant | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | CPU WAF (nginx) | CPU HAProxy | machine busy |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...Object.entries(results).flatMap(([n, r]) =>
      [
        ['with WAF', r.with],
        ['without', r.without],
      ].map(
        ([v, f]) =>
          `| ${n} | ${v} | ${f.rps.toFixed(0)} | ${f.p50.toFixed(2)} | ${f.p95.toFixed(2)} | ${f.p99.toFixed(2)} | ${f.max.toFixed(0)} | ${f.errors} | ${cpuOf(f, /^waf/)} % | ${f.cpu.haproxy} % | ${f.cpu.machine} % |`,
      ),
    ),
    '',
    '| request | WAF cost p50 | WAF cost p95 |',
    '|---|---|---|',
    ...Object.entries(results).map(
      ([n, r]) => `| ${n} | +${r.cost.p50.toFixed(2)} ms | +${r.cost.p95.toFixed(2)} ms |`,
    ),
    '',
    'CPU: % of one core over the runs (the WAF: its master and workers); machine: % of all cores busy.',
    '',
  ].join('\n');
  writeResults('waf', result, md);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
