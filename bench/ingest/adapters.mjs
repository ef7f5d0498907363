// The HTTP-layer comparison of bench:ingest: ingest's routes, validation pipe and per-item work
// (adapter-app.ts) under Express and under Fastify, with the compiled schema and with class-validator
// alone, loaded direct by wrk (no edge, nothing behind), one after the other in the same run. Each
// figure is requests/s and the app's CPU per request, which is what the adapter or validator changes.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ownCpuSeconds } from '../lib/proc.mjs';
import { host, root } from '../lib/stack.mjs';
import { parseWrk, run } from './wrk.mjs';

const PORT = 3091;
export const VARIANTS = [
  ['express', 'class-validator'],
  ['express', 'compiled'],
  ['fastify', 'class-validator'],
  ['fastify', 'compiled'],
];

function startApp(adapter, validator) {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(root, 'bench/ingest/adapter-app.ts'),
      adapter,
      validator,
      String(PORT),
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        TS_NODE_PROJECT: join(root, 'tsconfig.base.json'),
        TS_NODE_COMPILER_OPTIONS: '{"module":"commonjs"}',
      },
    },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`adapter-app ${adapter} did not listen within 120 s`));
    }, 120_000);
    child.once('exit', (code) => reject(new Error(`adapter-app ${adapter} exited with ${code}`)));
    child.stdout.on('data', (d) => {
      if (!String(d).includes('listening')) return;
      clearTimeout(timer);
      resolve(child);
    });
  });
}

async function load(child, { script, path, connections, seconds, env, perRequest }) {
  const url = `http://${host}:${PORT}${path}`;
  // A short warm-up so that both adapters are measured after the JIT settled.
  await run('wrk', ['-t1', `-c${connections}`, '-d2s', '-s', script, url], {
    env,
    limitSeconds: 60,
  });
  const before = ownCpuSeconds(child.pid);
  const started = performance.now();
  const out = await run(
    'wrk',
    ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, url],
    { env, limitSeconds: seconds + 60 },
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = (ownCpuSeconds(child.pid) - before) / elapsed;
  const r = parseWrk(out.out);
  const ok = r.requests - r.non2xx;
  return {
    okPerSecond: r.okPerSecond,
    itemsPerSecond: r.okPerSecond * perRequest,
    non2xx: r.non2xx + r.socketErrors,
    p50Ms: r.p50Ms,
    p99Ms: r.p99Ms,
    appCores: +cpu.toFixed(2),
    appCpuMicrosPerItem: ok > 0 ? Math.round((cpu * elapsed * 1e6) / (ok * perRequest)) : null,
  };
}

/** Runs every variant in turn; `single` and `batch` say what wrk sends (see single.lua, batch.lua). */
export async function compareAdapters({ seconds, single, batch }) {
  const results = [];
  for (const [adapter, validator] of VARIANTS) {
    const child = await startApp(adapter, validator);
    try {
      const one = await load(child, { ...single, path: '/api/ingest/lpr', seconds, perRequest: 1 });
      const many = await load(child, { ...batch, path: '/api/ingest/lpr/batch', seconds });
      results.push({ adapter, validator, single: one, batch: many });
      console.log(
        `${adapter} + ${validator}: single ${one.okPerSecond} req/s (${one.appCpuMicrosPerItem} µs CPU each), ` +
          `batched ${many.itemsPerSecond} det/s (${many.appCpuMicrosPerItem} µs CPU each)`,
      );
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
  }
  return results;
}
