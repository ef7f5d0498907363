// Child processes of bench:ingest (wrk, java, node), bounded in time, with the CPU each used; wrk's output.
import { spawn } from 'node:child_process';
import { ownCpuSeconds } from '../lib/proc.mjs';

/** Runs a child to completion (bounded); resolves with its stdout and the CPU seconds it used. */
export function run(cmd, args, { env, limitSeconds, onPid } = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(cmd, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onPid?.(child.pid);
    let out = '';
    let err = '';
    let cpuSeconds;
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const sampler = setInterval(() => (cpuSeconds = ownCpuSeconds(child.pid) ?? cpuSeconds), 250);
    const killer = setTimeout(() => child.kill('SIGKILL'), limitSeconds * 1000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(sampler);
      clearTimeout(killer);
      if (code !== 0) reject(new Error(`${cmd} exited with ${code}: ${(err || out).slice(-2000)}`));
      else resolveRun({ out, generatorCpuSeconds: cpuSeconds });
    });
  });
}

export function parseWrk(out) {
  const requests = Number(out.match(/(\d+) requests in/)?.[1] ?? 0);
  const seconds = Number(out.match(/requests in ([\d.]+)s/)?.[1] ?? 0);
  const non2xx = Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  const socketErrors = out.match(
    /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/,
  );
  const toMs = (v, unit) => Number(v) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
  const pct = (p) => {
    const m = out.match(new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`));
    return m ? +toMs(m[1], m[2]).toFixed(2) : undefined;
  };
  const ok = requests - non2xx;
  return {
    requests,
    non2xx,
    socketErrors: socketErrors
      ? socketErrors
          .slice(1)
          .map(Number)
          .reduce((a, b) => a + b, 0)
      : 0,
    okPerSecond: Math.round(ok / seconds),
    p50Ms: pct(50),
    p90Ms: pct(90),
    p99Ms: pct(99),
  };
}
