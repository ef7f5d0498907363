// The latency bench's camera: a live picture of this machine's wall clock (clock-code.mjs), FPS frames a
// second made at the moment they are due, encoded by Debian's ffmpeg as a low-latency camera encodes
// (libx264 ultrafast/zerolatency: no lookahead, no B-frames, one-second GOP) and published over RTSP to the
// bench's own server (rtsp-camera.mjs), which the stack's MediaMTX pulls from like an IP camera's stream. A
// frame's time is when it was made, so the latency measured from it includes the encoder, as a camera's
// glass-to-glass latency does.
import { spawn } from 'node:child_process';
import { clockCode } from './clock-code.mjs';

export const CLOCK_FPS = 25;
const STOP_GRACE_MS = 3000;

/**
 * Raw gray frames on stdin, timestamped by ffmpeg's own wall clock as they arrive (millisecond time base),
 * so a frame skipped on a busy machine leaves a gap in the stream's time, as a live camera's would, rather
 * than slowing the stream's clock; passthrough keeps ffmpeg from inventing frames for that gap.
 */
function publishArgs(url, { width, height }) {
  return [
    ['-nostdin', '-hide_banner', '-loglevel', 'error'],
    ['-f', 'rawvideo', '-pix_fmt', 'gray', '-video_size', `${width}x${height}`],
    ['-framerate', '1000', '-use_wallclock_as_timestamps', '1', '-i', 'pipe:0'],
    ['-fps_mode', 'passthrough', '-pix_fmt', 'yuv420p'],
    ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-bf', '0'],
    ['-g', String(CLOCK_FPS), '-keyint_min', String(CLOCK_FPS)],
    // The bench's server accepts only TCP (rtspTransports in rtsp-camera.mjs).
    ['-f', 'rtsp', '-rtsp_transport', 'tcp', url],
  ].flat();
}

/**
 * Starts publishing to `url`; `stop()` ends it. `exited` settles when ffmpeg ends (on its own: an error,
 * with its stderr). Frames are made only while ffmpeg has taken the previous one, so none wait in a queue
 * with a stale time: a late one is skipped and counted.
 */
export function startClockPublisher(url) {
  const code = clockCode();
  // setpriv --pdeathsig: ffmpeg goes when the bench does, even killed; closing its stdin ends it otherwise.
  const child = spawn(
    'setpriv',
    ['--pdeathsig', 'TERM', '--', 'ffmpeg', ...publishArgs(url, code)],
    {
      stdio: ['pipe', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-2000)));
  // EPIPE when ffmpeg has gone: `exited` reports why.
  child.stdin.on('error', () => undefined);
  const exited = new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, stderr: error.message }));
    child.once('close', (code, signal) => resolve({ code, signal, stderr: stderr.trim() }));
  });

  const counts = { made: 0, skipped: 0 };
  const interval = 1000 / CLOCK_FPS;
  let due = performance.now();
  let timer;
  const tick = () => {
    if (child.stdin.writableLength === 0) {
      child.stdin.write(code.draw(Date.now()));
      counts.made++;
    } else counts.skipped++;
    due += interval;
    timer = setTimeout(tick, Math.max(0, due - performance.now()));
  };
  tick();
  void exited.then(() => clearTimeout(timer));

  return {
    exited,
    counts: () => ({ ...counts }),
    async stop() {
      clearTimeout(timer);
      child.stdin.end();
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      try {
        return await exited;
      } finally {
        clearTimeout(kill);
      }
    },
  };
}
