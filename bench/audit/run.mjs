#!/usr/bin/env node
// `npm run bench:audit`: how fast one service can write the audit trail. Every plate search and
// detection view appends a hash-chained record before it answers, and the chain's advisory lock
// serialises those appends across every replica, so the append rate caps the rate of audited requests.
//
// Needs no stack: appends.ts starts a throwaway PostgreSQL (libs/backend/testing, with fsync and
// synchronous commits on, as the stack's) and runs AuditLog.append as a service does. BENCH_AUDIT_CALLERS
// (default 100) concurrent callers share BENCH_AUDIT_APPENDS (default 2000) appends over a pool of
// BENCH_AUDIT_POOL (default 10, DATABASE_POOL_SIZE) connections. Prints appends/s and the latency of
// one append (p50/p95/p99/max), checks the chain verifies, and writes bench/results/audit-<time>.json/.md.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { writeResults } from '../lib/results.mjs';
import { int, root } from '../lib/stack.mjs';
import { percentile } from '../lib/stats.mjs';

const APPENDS = int('BENCH_AUDIT_APPENDS', 2000);
const CALLERS = int('BENCH_AUDIT_CALLERS', 100);
const POOL = int('BENCH_AUDIT_POOL', 10);
const round = (n) => Math.round(n * 10) / 10;
const load = () => loadavg().map((v) => v.toFixed(2));

const at = new Date().toISOString();
const loadBefore = load();
const output = execFileSync(
  process.execPath,
  [
    '-r',
    'ts-node/register/transpile-only',
    '-r',
    'tsconfig-paths/register',
    join(root, 'bench/audit/appends.ts'),
    String(APPENDS),
    String(CALLERS),
    String(POOL),
  ],
  {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 30 * 60_000,
    env: {
      ...process.env,
      TS_NODE_PROJECT: join(root, 'tsconfig.base.json'),
      TS_NODE_COMPILER_OPTIONS: '{"module":"commonjs"}',
    },
  },
);
const measured = JSON.parse(output.trim().split('\n').pop());
const sorted = measured.latencies.sort((a, b) => a - b);

const result = {
  at,
  commit: execFileSync('git', ['describe', '--always', '--dirty'], {
    cwd: root,
    encoding: 'utf8',
  }).trim(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, loadBefore, loadAfter: load() },
  settings: { appends: APPENDS, callers: CALLERS, pool: POOL },
  appendsPerSecond: round(APPENDS / measured.seconds),
  seconds: round(measured.seconds),
  latencyMs: Object.fromEntries(
    [
      ['p50', 50],
      ['p95', 95],
      ['p99', 99],
      ['max', 100],
    ].map(([name, p]) => [name, round(percentile(sorted, p))]),
  ),
  verification: measured.verification,
};
result.pass = result.verification.intact && result.verification.checked === APPENDS + CALLERS;

const l = result.latencyMs;
const md = [
  `# bench:audit — ${at}`,
  '',
  `AuditLog.append at ${result.commit}: ${CALLERS} concurrent callers, ${APPENDS} appends, a pool of ${POOL}`,
  `connections, on a throwaway PostgreSQL 15 with fsync and synchronous commits on. Machine:`,
  `${result.machine.cpus} × ${result.machine.model}, load ${loadBefore.join(' ')} before, ${result.machine.loadAfter.join(' ')} after.`,
  '',
  '| appends/s | p50 ms | p95 ms | p99 ms | max ms |',
  '| --- | --- | --- | --- | --- |',
  `| ${result.appendsPerSecond} | ${l.p50} | ${l.p95} | ${l.p99} | ${l.max} |`,
  '',
  `Chain after the run: ${result.verification.intact ? 'intact' : 'BROKEN'}, ${result.verification.checked} records` +
    ` (${APPENDS + CALLERS} expected, with the warm-up) — ${result.pass ? 'PASS' : 'FAIL'}.`,
  '',
].join('\n');
console.log('\n' + md);
writeResults('audit', result, md, at);
process.exit(result.pass ? 0 : 1);
