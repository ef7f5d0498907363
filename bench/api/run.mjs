#!/usr/bin/env node
// `npm run bench:api`: 100 concurrent users on the analytics read API through the edge (HAProxy), with
// BENCH_API_ROWS (default 10 000 000) detections stored over 30 days and 250 cameras: plate search
// (exact, prefix, substring, OCR-tolerant), search by camera and time, detection detail, the dashboard
// and the registry's camera list. Targets (brief §8): p95 < 25 ms, p99 < 60 ms; dashboard < 300 ms.
//
// Two load generators, one after the other, each with BENCH_API_USERS users (default 100), each user
// its own viewer account, logged in once:
// - wrk (C, from Debian; a Node generator on the same 2 cores costs a third of a core): one endpoint at
//   a time, BENCH_API_USERS connections thinking between requests for a random time around
//   BENCH_API_THINK_MS (default 1000 ms; exponentially distributed, load.lua says why),
//   for BENCH_API_SECONDS (default 20) per endpoint: the latency figures of each request type, after
//   BENCH_API_WARMUP_SECONDS (default 5; 0: none) of every type that are printed but not counted;
//   then, as references in the same run (BENCH_API_REFERENCES=0 skips them), the same load on
//   HAProxy's inner listener (the edge without the WAF hop) and on the service itself, so the report
//   says what the edge and the WAF add to each type;
// - Artillery (the design card's tool, scenario.yml): the same users on the whole mix, each logging
//   in and running BENCH_API_ROUNDS rounds (default 6) of every request type with 1 s think times.
// CPU of each process on the read path (services, HAProxy, the WAF every API request passes,
// PgBouncer, PostgreSQL with its backends, Redis), of the trace and log stores every request feeds
// (Jaeger, VictoriaLogs with its agent), of the generator, and of everything else on the machine
// ("other": the demo cameras' recording, frame extraction and recognition, Kafka, ...) is sampled
// around each run, and once at rest before the first: the API shares these 2 cores with the rest of
// the stack, and the report says how much of them that took. Every user comes from 127.0.0.1, so
// start the stack with a raised per-IP login limit: `LOGIN_MAX_ATTEMPTS_PER_IP=5000 tools/gtv up`.
// Run it on the stack as it comes (4 demo cameras): the number of demo cameras is a setting `up`
// remembers, so a stack last brought up for bench:frames (10) or bench:video (16) carries their
// recognition load into this bench; the report names the number it ran with.
// Needs the stack up (`tools/gtv up`). Seeding is idempotent: a second run reuses the rows.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runArtillery, summariseArtillery } from '../lib/artillery.mjs';
import { BENCH_CAMERAS, ensureBenchCameras } from '../lib/bench-cameras.mjs';
import { adminToken, api, inPool, login } from '../lib/http.mjs';
import {
  childrenCpuSeconds,
  cpuPercentBetween,
  cpuSnapshot,
  masterOnPort,
  pidOnPort,
} from '../lib/proc.mjs';
import { writeResults } from '../lib/results.mjs';
import { edge, host, int, ports, psql, readEnvFile, root, state } from '../lib/stack.mjs';
import { seed, SOURCE } from './seed.mjs';

const ROWS = int('BENCH_API_ROWS', 10_000_000);
const USERS = int('BENCH_API_USERS', 100);
const THINK_MS = int('BENCH_API_THINK_MS', 1000);
const SECONDS = int('BENCH_API_SECONDS', 20);
const WARMUP_SECONDS = int('BENCH_API_WARMUP_SECONDS', 5, { min: 0 });
const REFERENCES = int('BENCH_API_REFERENCES', 1, { min: 0 }) !== 0;
const ROUNDS = int('BENCH_API_ROUNDS', 6);
const ARTILLERY_LIMIT_SECONDS = 600;
const here = dirname(fileURLToPath(import.meta.url));
const DAYS = 30;
const TARGET = { p95: 25, p99: 60, dashboardP95: 300 };
/** tools/stack/components/camera-simulator.sh's default. */
const DEFAULT_DEMO_CAMERAS = 4;
const REST_SECONDS = 15;
const log = (...args) => console.log(...args);

/**
 * One viewer account per user (a fresh password each run), each logged in once for wrk; Artillery's
 * users log in themselves. A user name may log in only a few times a minute: two logins per run fit.
 */
async function loginViewers(admin) {
  const listed = await api('GET', '/api/users', { token: admin });
  const byName = new Map(
    (Array.isArray(listed) ? listed : listed.items).map((u) => [u.username, u.id]),
  );
  const password = randomBytes(18).toString('base64url');
  const names = Array.from({ length: USERS }, (_, i) => `bench-api-viewer-${i + 1}`);
  const tokens = new Map();
  await inPool(names, 4, async (username) => {
    if (byName.has(username))
      await api('PATCH', `/api/users/${byName.get(username)}`, {
        token: admin,
        body: { password, disabled: false },
      });
    else
      await api('POST', '/api/users', {
        token: admin,
        body: { username, role: 'viewer', password },
      });
    tokens.set(username, await login(username, password));
  });
  return { names, password, tokens: names.map((n) => tokens.get(n)) };
}

/** Real plates and ids from the seeded rows, so every query asks for something that exists. */
function samples() {
  const rows = psql(
    `SELECT id, plate, camera_id, captured_at FROM analytics.detections TABLESAMPLE SYSTEM (0.05)
      WHERE source = '${SOURCE}' LIMIT 500`,
  )
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, plate, cameraId, capturedAt] = line.split('|');
      return { id, plate, cameraId, capturedAt };
    });
  if (rows.length < 50) throw new Error(`only ${rows.length} sample rows; is the seed there?`);
  return rows;
}

const LOOK_ALIKE = {
  B: '8',
  8: 'B',
  O: '0',
  0: 'O',
  S: '5',
  5: 'S',
  Z: '2',
  2: 'Z',
  G: '6',
  6: 'G',
  I: '1',
  1: 'I',
};
const lookAlike = (p) => [...p].map((c) => LOOK_ALIKE[c] ?? c).join('');

/** The services the request types go to, for the references without the edge. */
const analytics = `http://${host}:${ports.GTV_ANALYTICS_PORT}`;
const registry = `http://${host}:${ports.GTV_CAMERA_REGISTRY_PORT}`;

/** Each request type: its paths (one per request, round robin) and the service that answers it. */
function scenarios(rows) {
  const q = (params) => `/api/detections?${new URLSearchParams(params)}`;
  const hour = 3_600_000;
  const ofAnalytics = (paths) => ({ paths, service: analytics });
  return {
    'search exact': ofAnalytics(rows.map((r) => q({ plate: r.plate, match: 'exact' }))),
    'search prefix (4)': ofAnalytics(
      rows.map((r) => q({ plate: r.plate.slice(0, 4), match: 'prefix' })),
    ),
    'search substring (4)': ofAnalytics(
      rows.map((r) => q({ plate: r.plate.slice(2, 6), match: 'contains' })),
    ),
    'search OCR-tolerant': ofAnalytics(
      rows.map((r) => q({ plate: lookAlike(r.plate), match: 'ocr' })),
    ),
    'search camera + time': ofAnalytics(
      rows.map((r) => {
        const at = Date.parse(r.capturedAt);
        return q({
          cameraId: r.cameraId,
          from: new Date(at - hour).toISOString(),
          to: new Date(at + hour).toISOString(),
        });
      }),
    ),
    'detection detail': ofAnalytics(rows.map((r) => `/api/detections/${r.id}`)),
    dashboard: ofAnalytics(['/api/analytics/dashboard']),
    'camera list (250)': { paths: ['/api/cameras?tag=bench&limit=250'], service: registry },
  };
}

/** HAProxy's inner listener: what the WAF forwards to, so the edge without the WAF hop. */
const withoutWaf = `http://${host}:${ports.GTV_EDGE_BEHIND_WAF_PORT}`;

/** The demo cameras the stack runs: the setting `up` recorded, else the simulator's default. */
function demoCameras() {
  try {
    const recorded = readEnvFile(join(state, 'stack.env')).GTV_DEMO_CAMERAS;
    return recorded ? Number(recorded) : DEFAULT_DEMO_CAMERAS;
  } catch {
    return DEFAULT_DEMO_CAMERAS;
  }
}

/**
 * CPU of the processes on the read path and of the stores every request feeds; PostgreSQL and the
 * WAF as their whole process trees (backends, workers).
 */
const cpuSample = ({ postgres, waf, ...pids }) => cpuSnapshot(pids, {}, { postgres, waf });
const round1 = (v) => Math.round(v * 10) / 10;

/** Whatever the machine spent beyond the processes listed, in % of one core. */
function withOther(cpu) {
  const listed = Object.entries(cpu)
    .filter(([k]) => k !== 'machine')
    .reduce((sum, [, v]) => sum + v, 0);
  return { ...cpu, other: round1(Math.max(0, cpu.machine * cpus().length - listed)) };
}

/** The stack at rest before any load: what the API will share the machine with. */
async function atRest(pids) {
  const load1 = loadavg()[0];
  const before = cpuSample(pids);
  await new Promise((resolve) => setTimeout(resolve, REST_SECONDS * 1000));
  return { cpu: withOther(cpuPercentBetween(before, cpuSample(pids))), load1 };
}

function runWrk(dir, name, paths, tokens, pids, { seconds = SECONDS, base = edge } = {}) {
  const pathsFile = join(dir, `${name.replace(/\W+/g, '-')}.txt`);
  writeFileSync(pathsFile, paths.join('\n') + '\n');
  const tokensFile = join(dir, 'tokens.txt');
  writeFileSync(tokensFile, tokens.join('\n') + '\n');
  const before = cpuSample(pids);
  const wrk0 = childrenCpuSeconds();
  const out = execFileSync(
    'wrk',
    [
      '-t2',
      `-c${USERS}`,
      `-d${seconds}s`,
      '--timeout',
      '5s',
      '-s',
      join(root, 'bench/api/load.lua'),
      base,
      '--',
      pathsFile,
      tokensFile,
      String(THINK_MS),
    ],
    { encoding: 'utf8', timeout: (seconds + 60) * 1000 },
  );
  const wrkSeconds = childrenCpuSeconds() - wrk0;
  const after = cpuSample(pids);
  const line = out.split('\n').find((l) => l.startsWith('WRK_RESULT '));
  if (!line) throw new Error(`wrk printed no result for ${name}:\n${out}`);
  const result = JSON.parse(line.slice('WRK_RESULT '.length));
  const cpu = cpuPercentBetween(before, after);
  cpu.wrk = round1((wrkSeconds / ((after.at - before.at) / 1000)) * 100);
  return {
    ...result,
    rps: result.requests / result.seconds,
    cpu: withOther(cpu),
    load1: loadavg()[0],
  };
}

/** The whole mix under Artillery: per request type figures, CPU of each process and of Artillery. */
async function runMix(dir, users, rows, pids) {
  const csv = join(dir, 'users.csv');
  writeFileSync(csv, users.names.map((u) => `${u},${users.password}`).join('\n') + '\n', {
    mode: 0o600,
  });
  const samplesFile = join(dir, 'samples.json');
  writeFileSync(samplesFile, JSON.stringify(rows));
  const reportPath = join(dir, 'artillery-report.json');
  const loadBefore = loadavg()[0];
  const before = cpuSample(pids);
  const artillerySeconds = await runArtillery(join(here, 'scenario.yml'), {
    env: {
      BENCH_EDGE: edge,
      BENCH_API_USERS: String(USERS),
      BENCH_API_ROUNDS: String(ROUNDS),
      BENCH_USERS_CSV: relative(here, csv), // Artillery resolves it from the scenario's directory
      BENCH_API_SAMPLES: samplesFile,
    },
    reportPath,
    logPath: join(dir, 'artillery.log'),
    hardLimitSeconds: ARTILLERY_LIMIT_SECONDS,
  });
  const after = cpuSample(pids);
  const measured = cpuPercentBetween(before, after);
  measured.artillery = round1(((artillerySeconds ?? 0) / ((after.at - before.at) / 1000)) * 100);
  const cpu = withOther(measured);
  const { counters, ...summary } = summariseArtillery(JSON.parse(readFileSync(reportPath, 'utf8')));
  for (const [name, t] of Object.entries(summary.types)) {
    const target =
      name === 'login'
        ? undefined
        : name === 'dashboard'
          ? { p95: TARGET.dashboardP95, p99: Infinity }
          : TARGET;
    t.meets = target && t.p95 < target.p95 && t.p99 < target.p99 && t.non2xx + t.errors === 0;
  }
  return {
    ...summary,
    listNot250: counters['bench.list_not_250_items'] ?? 0,
    cpu,
    load1: { before: loadBefore, after: loadavg()[0] },
  };
}

const ms = (v) => v.toFixed(1);
/** A wrk run's percentiles for the log line. */
const percentiles = (r) => `p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  p99 ${ms(r.p99)}`;
const added = (edgeMs, refMs) => `${edgeMs >= refMs ? '+' : ''}${ms(edgeMs - refMs)}`;

/** The references' section of the report: what the WAF hop and the whole edge add to each type. */
function referencesTable(results, references) {
  if (Object.keys(references).length === 0) return [];
  return [
    `## References: the same load without the WAF (HAProxy's inner listener) and on the service directly, each run right after the edge's`,
    '',
    "The edge (and its inner listener) gzips JSON answers with libslz; the service direct answers uncompressed. The references ask for the same paths right after the edge's run and find the caches it warmed, so what they say the edge adds is an upper bound.",
    '',
    '| endpoint | edge p50 / p95 / p99 ms | without the WAF | service direct | WAF hop adds p50 / p95 | edge adds p50 / p95 | errors |',
    '|---|---|---|---|---|---|---|',
    ...Object.entries(references).map(([n, { withoutWaf: w, direct: d }]) => {
      const e = results[n];
      const triple = (r) => `${ms(r.p50)} / ${ms(r.p95)} / ${ms(r.p99)}`;
      return `| ${n} | ${triple(e)} | ${triple(w)} | ${triple(d)} | ${added(e.p50, w.p50)} / ${added(e.p95, w.p95)} | ${added(e.p50, d.p50)} / ${added(e.p95, d.p95)} | ${w.errors + d.errors} |`;
    }),
    '',
  ];
}

async function main() {
  const hardStop = setTimeout(() => {
    console.error('bench:api exceeded 90 minutes; stopping');
    process.exit(1);
  }, 90 * 60_000);
  hardStop.unref();
  const admin = await adminToken();
  const { created: camerasCreated } = await ensureBenchCameras(admin);
  log(`cameras: ${BENCH_CAMERAS} bench cameras (${camerasCreated} new)`);
  const seeded = await seed(ROWS, DAYS, log);
  const tableRows = Number(psql('SELECT count(*) FROM analytics.detections'));
  const tableSize = psql(
    `SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) FROM pg_inherits WHERE inhparent = 'analytics.detections'::regclass`,
  );
  log(
    `detections: ${tableRows.toLocaleString('en')} rows, ${tableSize} with indexes` +
      (seeded.seconds
        ? `; seeded ${seeded.seededRows.toLocaleString('en')} in ${seeded.seconds.toFixed(0)} s`
        : ''),
  );
  const users = await loginViewers(admin);
  const rows = samples();
  const pids = {
    analytics: pidOnPort(ports.GTV_ANALYTICS_PORT),
    registry: pidOnPort(ports.GTV_CAMERA_REGISTRY_PORT),
    haproxy: pidOnPort(ports.GTV_EDGE_HTTP_PORT),
    pgbouncer: pidOnPort(ports.GTV_PGBOUNCER_PORT),
    redis: pidOnPort(ports.GTV_REDIS_PORT),
    postgres: pidOnPort(ports.GTV_POSTGRES_PORT),
    waf: masterOnPort(ports.GTV_WAF_PORT),
    jaeger: pidOnPort(ports.GTV_JAEGER_OTLP_PORT),
    victorialogs: pidOnPort(ports.GTV_VICTORIALOGS_PORT),
    vlagent: pidOnPort(ports.GTV_VLAGENT_PORT),
  };
  const cameras = demoCameras();
  const rest = await atRest(pids);
  log(
    `at rest (${cameras} demo cameras): machine ${rest.cpu.machine} % busy, CPU % of a core: ${JSON.stringify(rest.cpu)}, load ${rest.load1.toFixed(1)}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'gtv-bench-api-'));
  const results = {};
  const references = {};
  const warmUp = {};
  let mix;
  try {
    // Every request type once at the same load, not counted: a service just (re)started compiles its
    // code paths and PostgreSQL plans the search functions once per pooled connection, and the types
    // measured first paid for that (exact and prefix search, measured first, had the worst p95 in the
    // cold runs of 2026-12-04; warm-up p95 of prefix 449 ms, measured after it 51 ms). The targets are
    // about the running system; the cold figures are still printed and kept in the JSON.
    const types = Object.entries(scenarios(rows));
    for (const [name, { paths }] of WARMUP_SECONDS > 0 ? types : []) {
      const r = runWrk(dir, name, paths, users.tokens, pids, { seconds: WARMUP_SECONDS });
      warmUp[name] = { p50: r.p50, p95: r.p95, p99: r.p99, errors: r.errors };
      log(`warm-up ${name.padEnd(22)} ${percentiles(r)} ms (not counted)`);
    }
    for (const [name, { paths, service }] of types) {
      const r = runWrk(dir, name, paths, users.tokens, pids);
      const target = name === 'dashboard' ? { p95: TARGET.dashboardP95, p99: Infinity } : TARGET;
      r.meets = r.p95 < target.p95 && r.p99 < target.p99 && r.errors === 0;
      results[name] = r;
      log(
        `${name.padEnd(22)} ${r.rps.toFixed(0).padStart(5)} req/s  ${percentiles(r)}  max ${r.max.toFixed(0)} ms  errors ${r.errors}  ${r.meets ? 'meets' : 'MISSES'}  CPU % of a core: ${JSON.stringify(r.cpu)}  load ${r.load1.toFixed(1)}`,
      );
      if (!REFERENCES) continue;
      // Right after the edge's run, so the three see the same machine as nearly as one run can; on
      // the same paths, so the references meet caches the edge's run warmed (a bias in their favour).
      references[name] = {
        withoutWaf: runWrk(dir, name, paths, users.tokens, pids, { base: withoutWaf }),
        direct: runWrk(dir, name, paths, users.tokens, pids, { base: service }),
      };
      const { withoutWaf: w, direct: d } = references[name];
      log(
        `${''.padEnd(22)} without the WAF ${percentiles(w)}; service direct ${percentiles(d)} ms  errors ${w.errors + d.errors}`,
      );
    }
    log(
      `Artillery: ${USERS} users, each logging in once and running ${ROUNDS} rounds of the mix …`,
    );
    mix = await runMix(dir, users, rows, pids);
    for (const [name, t] of Object.entries(mix.types))
      log(
        `mix ${name.padEnd(22)} n ${String(t.count).padStart(5)}  p50 ${t.p50}  p95 ${t.p95}  p99 ${t.p99}  max ${t.max} ms  errors ${t.non2xx + t.errors}  ${t.meets === undefined ? '' : t.meets ? 'meets' : 'MISSES'}`,
      );
    log(
      `mix: ${mix.requests} requests in ${mix.seconds.toFixed(0)} s (${mix.rps.toFixed(0)} req/s), lists without 250 items ${mix.listNot250}, CPU % of a core: ${JSON.stringify(mix.cpu)}, load ${mix.load1.before.toFixed(1)} → ${mix.load1.after.toFixed(1)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const at = new Date().toISOString();
  const result = {
    bench: 'api',
    at,
    cores: cpus().length,
    rows: tableRows,
    tableSize,
    seeded,
    users: USERS,
    rounds: ROUNDS,
    thinkMs: THINK_MS,
    thinkModel: { wrk: 'exponential, mean thinkMs, at most 5 × thinkMs', artillery: 'fixed 1 s' },
    secondsPerEndpoint: SECONDS,
    warmUpSecondsPerEndpoint: WARMUP_SECONDS,
    warmUp,
    demoCameras: cameras,
    atRest: rest,
    target: TARGET,
    results,
    references,
    mix,
  };
  const md = [
    `# bench:api ${at}`,
    '',
    `${tableRows.toLocaleString('en')} detections (${tableSize} with indexes) over ${DAYS} days and ${BENCH_CAMERAS} cameras` +
      (seeded.seconds
        ? `; seeded ${seeded.seededRows.toLocaleString('en')} rows in ${seeded.seconds.toFixed(0)} s`
        : '; seed reused') +
      `. ${USERS} users (one account each, logged in once), think ${THINK_MS} ms on average (wrk: exponentially distributed; Artillery: fixed), through HAProxy and the WAF, ${result.cores} cores.`,
    '',
    `Stack at rest before the runs, ${REST_SECONDS} s with ${cameras} demo cameras${cameras === DEFAULT_DEMO_CAMERAS ? ' (the default)' : ` (the default is ${DEFAULT_DEMO_CAMERAS})`}: machine ${rest.cpu.machine} % busy; ` +
      `CPU, % of one core: ${Object.entries(rest.cpu)
        .filter(([k]) => k !== 'machine')
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; load average (1 min) ${rest.load1.toFixed(1)}.`,
    '',
    `## wrk: one request type at a time, ${SECONDS} s each` +
      (WARMUP_SECONDS > 0
        ? `, after a ${WARMUP_SECONDS} s warm-up of every type (not counted)`
        : ''),
    '',
    '| endpoint | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | target | CPU analytics | registry | PostgreSQL | PgBouncer | HAProxy | WAF | Redis | Jaeger | logs | wrk | other | machine |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...Object.entries(results).map(
      ([n, r]) =>
        `| ${n} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(0)} | ${r.errors} | ${r.meets ? 'meets' : 'misses'} | ${r.cpu.analytics} % | ${r.cpu.registry} % | ${r.cpu.postgres} % | ${r.cpu.pgbouncer} % | ${r.cpu.haproxy} % | ${r.cpu.waf} % | ${r.cpu.redis} % | ${r.cpu.jaeger} % | ${round1(r.cpu.victorialogs + r.cpu.vlagent)} % | ${r.cpu.wrk} % | ${r.cpu.other} % | ${r.cpu.machine} % |`,
    ),
    '',
    "CPU: % of one core over the endpoint's run (PostgreSQL: the server with all its backends; WAF: nginx with its workers; logs: VictoriaLogs and its agent; other: the rest of the machine, demo cameras included); machine: % of all cores busy.",
    '',
    ...referencesTable(results, references),
    `## Artillery: the whole mix, ${ROUNDS} rounds per user, 1 s think`,
    '',
    '| request | count | p50 ms | p95 ms | p99 ms | max ms | errors | target |',
    '|---|---|---|---|---|---|---|---|',
    ...Object.entries(mix.types).map(
      ([n, t]) =>
        `| ${n} | ${t.count} | ${t.p50} | ${t.p95} | ${t.p99} | ${t.max} | ${t.non2xx + t.errors} | ${t.meets === undefined ? '–' : t.meets ? 'meets' : 'misses'} |`,
    ),
    '',
    `${mix.requests} requests in ${mix.seconds.toFixed(0)} s (${mix.rps.toFixed(0)} req/s); VUs created ${mix.vusers.created}, failed ${mix.vusers.failed}; camera lists without 250 items: ${mix.listNot250}. ` +
      `CPU, % of one core: ${Object.entries(mix.cpu)
        .filter(([k]) => k !== 'machine')
        .map(([k, v]) => `${k} ${v}`)
        .join(
          ', ',
        )}; machine ${mix.cpu.machine} % busy. Load average (1 min) ${mix.load1.before.toFixed(1)} before, ${mix.load1.after.toFixed(1)} after.`,
    '',
  ].join('\n');
  writeResults('api', result, md);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
