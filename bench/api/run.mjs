#!/usr/bin/env node
// `npm run bench:api`: 100 concurrent users on the analytics read API through the edge (HAProxy), with
// BENCH_API_ROWS (default 10 000 000) detections stored over 30 days and 250 cameras: plate search
// (exact, prefix, substring, OCR-tolerant), search by camera and time, detection detail, the dashboard
// and the registry's camera list. Targets (brief §8): p95 < 25 ms, p99 < 60 ms; dashboard < 300 ms.
//
// The load generator is wrk (C, from Debian), one endpoint at a time: BENCH_API_USERS connections
// (default 100), each a user who logged in once (BENCH_API_LOGINS accounts, default 10, shared by the
// connections) and thinks BENCH_API_THINK_MS (default 1000 ms) between requests, for
// BENCH_API_SECONDS (default 20) per endpoint. CPU of each process is sampled around each endpoint.
// Needs the stack up (`tools/gtv up`). Seeding is idempotent: a second run reuses the rows.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cpuSecondsOf,
  edge,
  host,
  int,
  machineTicks,
  pidOnPort,
  ports,
  procCpuSeconds,
  psql,
  root,
  secrets,
  stamp,
} from '../lib/stack.mjs';
import { seed, SOURCE } from './seed.mjs';

const ROWS = int('BENCH_API_ROWS', 10_000_000);
const USERS = int('BENCH_API_USERS', 100);
const LOGINS = int('BENCH_API_LOGINS', 10);
const THINK_MS = int('BENCH_API_THINK_MS', 1000);
const SECONDS = int('BENCH_API_SECONDS', 20);
const DAYS = 30;
const CAMERAS = 250;
const TARGET = { p95: 25, p99: 60, dashboardP95: 300 };
const log = (...args) => console.log(...args);

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

/** The 250 cameras of the registry's own bench ("bench camera N"), created when missing. */
async function seedCameras(admin) {
  const existing = new Set();
  let cursor;
  for (let page = 0; page < 10; page++) {
    const r = await api(
      'GET',
      `/api/cameras?tag=bench&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token: admin },
    );
    for (const c of r.items) existing.add(c.name);
    if (!r.nextCursor) break;
    cursor = r.nextCursor;
  }
  let created = 0;
  for (let n = 1; n <= CAMERAS; n++) {
    if (existing.has(`bench camera ${n}`)) continue;
    await api('POST', '/api/cameras', {
      token: admin,
      body: {
        name: `bench camera ${n}`,
        sourceUrl: `rtsp://${host}:${ports.GTV_MEDIAMTX_RTSP_PORT}/bench_${n}`,
        tags: ['bench'],
      },
    });
    created += 1;
  }
  return created;
}

/** BENCH_API_LOGINS viewer accounts (a fresh password each run), each logged in once. */
async function loginViewers(admin) {
  const listed = await api('GET', '/api/users', { token: admin });
  const byName = new Map(
    (Array.isArray(listed) ? listed : listed.items).map((u) => [u.username, u.id]),
  );
  const password = `bench-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const tokens = [];
  for (let i = 1; i <= LOGINS; i++) {
    const username = `bench-api-viewer-${i}`;
    if (byName.has(username))
      await api('PATCH', `/api/users/${byName.get(username)}`, {
        token: admin,
        body: { password },
      });
    else
      await api('POST', '/api/users', {
        token: admin,
        body: { username, role: 'viewer', password },
      });
    tokens.push(
      (await api('POST', '/api/auth/login', { body: { username, password } })).accessToken,
    );
  }
  return tokens;
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

function scenarios(rows) {
  const q = (params) => `/api/detections?${new URLSearchParams(params)}`;
  const hour = 3_600_000;
  return {
    'search exact': rows.map((r) => q({ plate: r.plate, match: 'exact' })),
    'search prefix (4)': rows.map((r) => q({ plate: r.plate.slice(0, 4), match: 'prefix' })),
    'search substring (4)': rows.map((r) => q({ plate: r.plate.slice(2, 6), match: 'contains' })),
    'search OCR-tolerant': rows.map((r) => q({ plate: lookAlike(r.plate), match: 'ocr' })),
    'search camera + time': rows.map((r) => {
      const at = Date.parse(r.capturedAt);
      return q({
        cameraId: r.cameraId,
        from: new Date(at - hour).toISOString(),
        to: new Date(at + hour).toISOString(),
      });
    }),
    'detection detail': rows.map((r) => `/api/detections/${r.id}`),
    dashboard: ['/api/analytics/dashboard'],
    'camera list (250)': ['/api/cameras?tag=bench&limit=250'],
  };
}

function cpuSample(pids) {
  const out = { at: performance.now(), machine: machineTicks() };
  for (const [name, pid] of Object.entries(pids)) out[name] = procCpuSeconds(pid) ?? 0;
  out.postgres = cpuSecondsOf(/^postgres: /);
  return out;
}

function cpuPercent(a, b) {
  const seconds = (b.at - a.at) / 1000;
  const out = {
    machine:
      Math.round(((b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total)) * 1000) /
      10,
  };
  for (const k of Object.keys(a))
    if (!['at', 'machine'].includes(k)) out[k] = Math.round(((b[k] - a[k]) / seconds) * 1000) / 10;
  return out;
}

function runWrk(dir, name, paths, tokens, pids) {
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
      `-d${SECONDS}s`,
      '--timeout',
      '5s',
      '-s',
      join(root, 'bench/api/load.lua'),
      edge,
      '--',
      pathsFile,
      tokensFile,
      String(THINK_MS),
    ],
    { encoding: 'utf8', timeout: (SECONDS + 60) * 1000 },
  );
  const wrkSeconds = childrenCpuSeconds() - wrk0;
  const after = cpuSample(pids);
  const line = out.split('\n').find((l) => l.startsWith('WRK_RESULT '));
  if (!line) throw new Error(`wrk printed no result for ${name}:\n${out}`);
  const result = JSON.parse(line.slice('WRK_RESULT '.length));
  const cpu = cpuPercent(before, after);
  cpu.wrk = Math.round((wrkSeconds / ((after.at - before.at) / 1000)) * 1000) / 10;
  return { ...result, rps: result.requests / result.seconds, cpu };
}

/** CPU seconds of this process's waited-for children: wrk's own, once it has exited. */
function childrenCpuSeconds() {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(f[13]) + Number(f[14])) / 100;
}

async function main() {
  const hardStop = setTimeout(() => {
    console.error('bench:api exceeded 90 minutes; stopping');
    process.exit(1);
  }, 90 * 60_000);
  hardStop.unref();
  const admin = (
    await api('POST', '/api/auth/login', {
      body: { username: 'admin', password: secrets().GTV_ADMIN_PASSWORD },
    })
  ).accessToken;
  const camerasCreated = await seedCameras(admin);
  log(`cameras: ${CAMERAS} bench cameras (${camerasCreated} new)`);
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
  const tokens = await loginViewers(admin);
  const rows = samples();
  const pids = {
    analytics: pidOnPort(ports.GTV_ANALYTICS_PORT),
    registry: pidOnPort(ports.GTV_CAMERA_REGISTRY_PORT),
    haproxy: pidOnPort(ports.GTV_EDGE_HTTP_PORT),
    pgbouncer: pidOnPort(ports.GTV_PGBOUNCER_PORT),
    redis: pidOnPort(ports.GTV_REDIS_PORT),
  };
  const dir = mkdtempSync(join(tmpdir(), 'gtv-bench-api-'));
  const results = {};
  try {
    for (const [name, paths] of Object.entries(scenarios(rows))) {
      const r = runWrk(dir, name, paths, tokens, pids);
      const target = name === 'dashboard' ? { p95: TARGET.dashboardP95, p99: Infinity } : TARGET;
      r.meets = r.p95 < target.p95 && r.p99 < target.p99 && r.errors === 0;
      results[name] = r;
      log(
        `${name.padEnd(22)} ${r.rps.toFixed(0).padStart(5)} req/s  p50 ${r.p50.toFixed(1)}  p95 ${r.p95.toFixed(1)}  p99 ${r.p99.toFixed(1)}  max ${r.max.toFixed(0)} ms  errors ${r.errors}  ${r.meets ? 'meets' : 'MISSES'}  CPU % of a core: ${JSON.stringify(r.cpu)}`,
      );
    }
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
    logins: LOGINS,
    thinkMs: THINK_MS,
    secondsPerEndpoint: SECONDS,
    target: TARGET,
    results,
  };
  const resultsDir = join(root, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const name = `api-${stamp()}`;
  writeFileSync(join(resultsDir, `${name}.json`), JSON.stringify(result, null, 2) + '\n');
  const md = [
    `# bench:api ${at}`,
    '',
    `${tableRows.toLocaleString('en')} detections (${tableSize} with indexes) over ${DAYS} days and ${CAMERAS} cameras` +
      (seeded.seconds
        ? `; seeded ${seeded.seededRows.toLocaleString('en')} rows in ${seeded.seconds.toFixed(0)} s`
        : '; seed reused') +
      `. ${USERS} users (wrk connections, ${LOGINS} logins), think ${THINK_MS} ms, ${SECONDS} s per endpoint, through HAProxy, ${result.cores} cores.`,
    '',
    '| endpoint | req/s | p50 ms | p95 ms | p99 ms | max ms | errors | target | CPU analytics | registry | PostgreSQL | PgBouncer | HAProxy | Redis | wrk | machine |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...Object.entries(results).map(
      ([n, r]) =>
        `| ${n} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(0)} | ${r.errors} | ${r.meets ? 'meets' : 'misses'} | ${r.cpu.analytics} % | ${r.cpu.registry} % | ${r.cpu.postgres} % | ${r.cpu.pgbouncer} % | ${r.cpu.haproxy} % | ${r.cpu.redis} % | ${r.cpu.wrk} % | ${r.cpu.machine} % |`,
    ),
    '',
    "CPU: % of one core over the endpoint's run; machine: % of all cores busy.",
    '',
  ].join('\n');
  writeFileSync(join(resultsDir, `${name}.md`), md);
  log(`written: bench/results/${name}.json and .md`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
