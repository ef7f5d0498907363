// Artillery runs for the benchmarks (the pinned node_modules copy, telemetry and update checks off)
// and the per-request figures of its JSON report (metrics-by-endpoint plugin, named requests).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ownCpuSeconds } from './proc.mjs';
import { root } from './stack.mjs';

/**
 * Runs `artillery run` on a scenario file; resolves with the CPU seconds Artillery used (sampled
 * from /proc while it runs: its own process only, which is where it generates load). Killed after
 * `hardLimitSeconds`; its output is kept in `logPath`.
 */
export function runArtillery(scenario, { env, reportPath, logPath, hardLimitSeconds }) {
  const bin = join(root, 'node_modules/.bin/artillery');
  return new Promise((resolveRun, reject) => {
    const child = spawn(bin, ['run', '--output', reportPath, scenario], {
      cwd: dirname(scenario),
      env: {
        ...process.env,
        ...env,
        ARTILLERY_DISABLE_TELEMETRY: 'true',
        ARTILLERY_NO_UPDATE_CHECK: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    let cpuSeconds;
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), hardLimitSeconds * 1000);
    const sampler = setInterval(() => (cpuSeconds = ownCpuSeconds(child.pid) ?? cpuSeconds), 500);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(killer);
      clearInterval(sampler);
      writeFileSync(logPath, log);
      if (code !== 0)
        reject(new Error(`artillery exited with ${code}; its output:\n${log.slice(-3000)}`));
      else resolveRun(cpuSeconds);
    });
  });
}

/** Per named request: count, p50/p95/p99/max (ms), status codes, non-2xx and transport errors. */
export function summariseArtillery(report) {
  const agg = report.aggregate;
  const prefix = 'plugins.metrics-by-endpoint.';
  const types = {};
  for (const [key, s] of Object.entries(agg.summaries)) {
    if (!key.startsWith(`${prefix}response_time.`)) continue;
    const name = key.slice(`${prefix}response_time.`.length);
    const codes = {};
    for (const [ck, v] of Object.entries(agg.counters)) {
      const m =
        ck.startsWith(`${prefix}${name}.codes.`) && ck.slice(`${prefix}${name}.codes.`.length);
      if (m) codes[m] = v;
    }
    const errors = Object.entries(agg.counters)
      .filter(([ck]) => ck.startsWith(`${prefix}${name}.errors.`))
      .reduce((a, [, v]) => a + v, 0);
    const non2xx = Object.entries(codes)
      .filter(([c]) => !c.startsWith('2'))
      .reduce((a, [, v]) => a + v, 0);
    types[name] = {
      count: s.count,
      p50: s.median ?? s.p50,
      p95: s.p95,
      p99: s.p99,
      max: s.max,
      min: s.min,
      codes,
      non2xx,
      errors,
    };
  }
  const errors = Object.fromEntries(
    Object.entries(agg.counters).filter(([k]) => k.startsWith('errors.')),
  );
  const first = Number(agg.firstCounterAt ?? agg.firstMetricAt);
  const last = Number(agg.lastCounterAt ?? agg.lastMetricAt);
  const seconds = (last - first) / 1000;
  const requests = agg.counters['http.requests'] ?? 0;
  return {
    types,
    requests,
    seconds,
    rps: seconds > 0 ? requests / seconds : undefined,
    vusers: {
      created: agg.counters['vusers.created'] ?? 0,
      completed: agg.counters['vusers.completed'] ?? 0,
      failed: agg.counters['vusers.failed'] ?? 0,
    },
    counters: agg.counters,
    errors,
  };
}
