// The LPR engine alone: ms per frame one at a time, frames/s two at a time and frames per CPU-second.
import { execFileSync } from 'node:child_process';
import { inPool } from '../lib/http.mjs';
import { ownCpuSeconds } from '../lib/proc.mjs';
import { percentile } from '../lib/stats.mjs';
import { host, ports } from '../lib/stack.mjs';

const ENGINE = `http://${host}:${ports.GTV_LPR_ENGINE_PORT || 3005}`;
const FRAMES = Number(process.env.BENCH_ENGINE_FRAMES || 60);

/** One keyframe of a demo camera as frame extraction sends it (MJPEG from the RTSP stream). */
export async function demoFrame(camera, token) {
  return execFileSync(
    'ffmpeg',
    [
      ...['-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-skip_frame', 'nokey'],
      ...['-i', `rtsp://bench:${token}@${host}:${ports.GTV_MEDIAMTX_RTSP_PORT}/${camera.path}`],
      ...['-frames:v', '1', '-c:v', 'mjpeg', '-q:v', '4', '-f', 'image2pipe', 'pipe:1'],
    ],
    { timeout: 20000 },
  );
}

export async function benchEngine(jpeg, token, enginePid) {
  const post = async () => {
    const t = performance.now();
    const res = await fetch(`${ENGINE}/v1/recognize`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${token}` },
      body: jpeg,
      signal: AbortSignal.timeout(15000),
    });
    const body = await res.json();
    if (!res.ok) throw new Error(`engine answered ${res.status}`);
    return { roundTrip: performance.now() - t, engine: body.elapsedMs };
  };
  const one = [];
  for (let i = 0; i < FRAMES; i++) one.push(await post());
  const engineMs = one.map((r) => r.engine).sort((a, b) => a - b);
  const roundTrip = one.map((r) => r.roundTrip).sort((a, b) => a - b);
  const cpu0 = ownCpuSeconds(enginePid);
  const t0 = performance.now();
  await inPool(Array.from({ length: FRAMES }), 2, post);
  const wallSeconds = (performance.now() - t0) / 1000;
  const cpuSeconds = ownCpuSeconds(enginePid) - cpu0;
  return {
    available: true,
    frames: FRAMES,
    msPerFrame: { p50: percentile(engineMs, 50), p95: percentile(engineMs, 95) },
    roundTripMs: { p50: percentile(roundTrip, 50), p95: percentile(roundTrip, 95) },
    framesPerSecondTwoAtATime: FRAMES / wallSeconds,
    framesPerCpuSecond: FRAMES / cpuSeconds,
  };
}
