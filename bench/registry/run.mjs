#!/usr/bin/env node
// `npm run bench:registry`: 100 virtual users mixing login, the 250-camera list and camera get, through
// the edge (HAProxy), with a same-run reference straight to camera-registry and the edge floor.
//
// Needs the stack up (`tools/gtv up`). Every virtual user comes from 127.0.0.1, so the per-IP login
// limit (LOGIN_MAX_ATTEMPTS_PER_IP, 30/min by default) must be raised for the run; start the stack with
//   LOGIN_MAX_ATTEMPTS_PER_IP=5000 tools/gtv up
// (process-compose passes the caller's environment to camera-registry). The per-username limit stays at
// its default: the load logs in as BENCH_USERS viewer accounts taken in turn (≤ 6 logins/min each).
//
// Seeds (idempotent): 250 cameras "bench camera N" (tag "bench", registered disabled:
// bench/lib/bench-cameras.mjs) and the bench-viewer-N users (viewer role; a fresh random password each
// run, set on existing accounts).
// Load (see scenario.yml): a closed loop of BENCH_VUS VUs (default 110: ~100 users + ~10 reference),
// each user running BENCH_SESSIONS sessions (default 5) of login + 9 × (list, get, think 1 s): ~1 min.
// Loopback only; bounded: fixed VU and loop counts, request timeouts, a hard kill at 300 s. Artillery's telemetry is off and nothing is recorded to any cloud.
// Prints p50/p95/p99/max and errors per request type and writes bench/results/registry-<time>.json/.md.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runArtillery, summariseArtillery } from '../lib/artillery.mjs';
import { BENCH_CAMERAS, ensureBenchCameras } from '../lib/bench-cameras.mjs';
import { adminToken, api, inPool, login } from '../lib/http.mjs';
import { machineTicks, ownCpuSeconds, pidOnPort } from '../lib/proc.mjs';
import { writeResults } from '../lib/results.mjs';
import { edge, host, int, ports } from '../lib/stack.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const registry = `http://${host}:${ports.GTV_CAMERA_REGISTRY_PORT}`;

const USERS = int('BENCH_USERS', 100);
const VUS = int('BENCH_VUS', 110); // ~100 users + ~10 reference VUs
const SESSIONS = int('BENCH_SESSIONS', 5); // logins per user VU; 9 list+get rounds each
const REFERENCE_ROUNDS = SESSIONS * 9;
const HARD_LIMIT_SECONDS = 300;
const TARGET = { p95: 25, p99: 60 }; // brief §8 (API) and issue 4 (250-camera list through the edge)

async function seedUsers(token, password) {
  const listed = await api('GET', '/api/users', { token });
  const byName = new Map(
    (Array.isArray(listed) ? listed : listed.items).map((u) => [u.username, u.id]),
  );
  let created = 0;
  const names = Array.from({ length: USERS }, (_, i) => `bench-viewer-${i + 1}`);
  await inPool(names, 4, async (username) => {
    const id = byName.get(username);
    if (id) await api('PATCH', `/api/users/${id}`, { token, body: { password, disabled: false } });
    else {
      await api('POST', '/api/users', { token, body: { username, role: 'viewer', password } });
      created++;
    }
  });
  return { names, created };
}

/** Artillery's figures, plus the lists that came back without the 250 cameras asked for. */
function summarise(report) {
  const summary = summariseArtillery(report);
  const { counters, ...rest } = summary;
  return { ...rest, listNot250: counters['bench.list_not_250_items'] ?? 0 };
}

const f1 = (v) => (v === undefined ? '–' : Number(v).toFixed(1));

function markdown(result) {
  const s = result.summary;
  const rows = Object.entries(s.types).map(
    ([name, t]) =>
      `| ${name} | ${t.count} | ${f1(t.p50)} | ${f1(t.p95)} | ${f1(t.p99)} | ${f1(t.max)} | ${t.non2xx + t.errors} |`,
  );
  const cpu = result.cpu;
  return [
    `# bench:registry — ${result.startedAt}`,
    '',
    `${result.load.description}`,
    '',
    '| request | count | p50 ms | p95 ms | p99 ms | max ms | errors (non-2xx + transport) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `Requests: ${s.requests} in ${f1(s.seconds)} s (${f1(s.rps)} req/s). VUs created ${s.vusers.created}, ` +
      `completed ${s.vusers.completed}, failed ${s.vusers.failed}. Lists without 250 items: ${s.listNot250}. ` +
      `Errors: ${JSON.stringify(s.errors)}.`,
    '',
    `CPU during the run (${cpu.cores} cores): machine ${f1(cpu.machinePercent)} % busy; camera-registry ` +
      `${f1(cpu.registryPercentOfOneCore)} % of one core; HAProxy ${f1(cpu.haproxyPercentOfOneCore)} %; MediaMTX ` +
      `${f1(cpu.mediamtxPercentOfOneCore)} %; Artillery (the load generator) ${f1(cpu.artilleryPercentOfOneCore)} %. ` +
      `Load average before: ${result.machine.loadBefore.map((v) => v.toFixed(2)).join(' ')}.`,
    '',
    `Target (list-250 through the edge): p95 < ${TARGET.p95} ms, p99 < ${TARGET.p99} ms → ` +
      `**${result.verdict.listEdge}**.`,
    '',
    "Percentiles are Artillery's (metrics-by-endpoint plugin, per named request, whole run).",
    '',
  ].join('\n');
}

async function main() {
  const startedAt = new Date().toISOString();
  // (1) the stack is up and the edge routes to the registry
  const ready = await fetch(`${edge}/health/camera-registry/ready`, {
    signal: AbortSignal.timeout(5000),
  })
    .then((r) => r.status)
    .catch((e) => e.message);
  if (ready !== 200)
    throw new Error(
      `edge ${edge}/health/camera-registry/ready answered ${ready}: start the stack (see the header of this file)`,
    );

  // (2) seed
  const admin = await adminToken();
  const cams = await ensureBenchCameras(admin);
  const password = randomBytes(18).toString('base64url');
  const users = await seedUsers(admin, password);
  console.log(
    `seeded: ${BENCH_CAMERAS} bench cameras (${cams.created} new), ${USERS} bench users (${users.created} new)`,
  );
  const referenceToken = await login(users.names[0], password);

  const work = mkdtempSync(join(tmpdir(), 'bench-registry-'));
  try {
    const csv = join(work, 'users.csv');
    writeFileSync(csv, users.names.map((u) => `${u},${password}`).join('\n') + '\n', {
      mode: 0o600,
    });
    const reportPath = join(work, 'artillery-report.json');

    // (3)+(4) the load, with CPU sampled around it
    const registryPid = pidOnPort(ports.GTV_CAMERA_REGISTRY_PORT);
    const haproxyPid = pidOnPort(ports.GTV_EDGE_HTTP_PORT);
    const mediamtxPid = pidOnPort(ports.GTV_MEDIAMTX_API_PORT);
    const loadBefore = loadavg();
    const m0 = machineTicks();
    const r0 = registryPid && ownCpuSeconds(registryPid);
    const h0 = haproxyPid && ownCpuSeconds(haproxyPid);
    const x0 = mediamtxPid && ownCpuSeconds(mediamtxPid);
    const t0 = Date.now();
    console.log(`running Artillery: ${VUS} VUs, ${SESSIONS} sessions each …`);
    const artillerySeconds = await runArtillery(join(here, 'scenario.yml'), {
      env: {
        BENCH_EDGE: edge,
        BENCH_REGISTRY: registry,
        BENCH_VUS: String(VUS),
        BENCH_SESSIONS: String(SESSIONS),
        BENCH_REFERENCE_ROUNDS: String(REFERENCE_ROUNDS),
        BENCH_USERS_CSV: relative(here, csv), // Artillery resolves it from the scenario's directory
        BENCH_CAMERA_IDS: JSON.stringify(cams.ids),
        BENCH_REFERENCE_TOKEN: referenceToken,
      },
      reportPath,
      logPath: join(work, 'artillery.log'),
      hardLimitSeconds: HARD_LIMIT_SECONDS,
    });
    const wall = (Date.now() - t0) / 1000;
    const m1 = machineTicks();
    const r1 = registryPid && ownCpuSeconds(registryPid);
    const h1 = haproxyPid && ownCpuSeconds(haproxyPid);
    const x1 = mediamtxPid && ownCpuSeconds(mediamtxPid);

    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    const summary = summarise(report);
    const listEdge = summary.types['list-250 (edge)'];
    const result = {
      bench: 'registry',
      startedAt,
      load: {
        virtualUsers: VUS,
        sessionsPerUser: SESSIONS,
        cameras: BENCH_CAMERAS,
        benchUsers: USERS,
        description:
          `Closed loop of ${VUS} VUs started within 10 s (10 in 11 "user": ${SESSIONS} × [login, then 9 × (list 250 ` +
          `cameras, get 1 camera, think 1 s)] through the edge ${edge}; 1 in 11 "reference": ${REFERENCE_ROUNDS} × ` +
          `[same list straight to camera-registry ${registry}, /health/live via the edge, think 1 s]); ` +
          `${BENCH_CAMERAS} bench cameras registered.`,
      },
      summary,
      cpu: {
        cores: cpus().length,
        machinePercent: 100 * (1 - (m1.idle - m0.idle) / (m1.total - m0.total)),
        registryPercentOfOneCore:
          r0 !== undefined && r1 !== undefined ? (100 * (r1 - r0)) / wall : undefined,
        haproxyPercentOfOneCore:
          h0 !== undefined && h1 !== undefined ? (100 * (h1 - h0)) / wall : undefined,
        mediamtxPercentOfOneCore:
          x0 !== undefined && x1 !== undefined ? (100 * (x1 - x0)) / wall : undefined,
        // The load generator shares the 2 cores: what it takes is not available to the stack.
        artilleryPercentOfOneCore:
          artillerySeconds !== undefined ? (100 * artillerySeconds) / wall : undefined,
      },
      machine: { loadBefore, node: process.version },
      target: TARGET,
      verdict: {
        listEdge:
          listEdge && listEdge.p95 < TARGET.p95 && listEdge.p99 < TARGET.p99 ? 'met' : 'missed',
      },
    };
    const md = markdown(result);
    console.log('\n' + md);
    writeResults('registry', result, md, startedAt);
    const failed =
      Object.values(summary.types).reduce((a, t) => a + t.non2xx + t.errors, 0) +
      summary.vusers.failed +
      summary.listNot250;
    if (failed > 0) {
      console.error(`${failed} failed requests/VUs: the figures above are not a clean run`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`bench:registry: ${e.message}`);
  process.exit(1);
});
