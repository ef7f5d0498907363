// Where the latency bench's clock camera streams from: an RTSP server of the bench's own, for the run only,
// which the clock publisher (clock-publisher.mjs) pushes to and the stack's MediaMTX pulls from, as it pulls
// an IP camera. The stack's MediaMTX accepts no publishing, so the camera has to serve its stream itself.
// It is MediaMTX as well, the binary the stack runs (tools/stack/components/mediamtx.sh), with RTSP on loopback
// and nothing else, and one user, with a password made for this run, that may publish and read the one path.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { root } from '../lib/stack.mjs';

const ADDRESS = '127.0.0.1';
const USER = 'bench';
const PATH = 'clock';
const START_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 3000;

/** The stack's MediaMTX, where the install scripts build it. */
function mediamtxBinary() {
  const script =
    'source "$1/tools/install/lib.sh"; source "$1/tools/install/versions.sh"; ' +
    'echo "$GTV_CACHE/bin/mediamtx-$MEDIAMTX_VERSION"';
  const bin = execFileSync('bash', ['-c', script, 'bash', root], { encoding: 'utf8' }).trim();
  if (!existsSync(bin)) throw new Error(`${bin} is not built; run tools/install/mediamtx.sh`);
  return bin;
}

/** A port nothing listens on: the kernel's pick for a listener, closed at once. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, ADDRESS, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether something takes a connection on the port now (on loopback either answer is immediate). */
function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect(port, ADDRESS);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Every key not set keeps MediaMTX's default, which for these listeners is on, on every interface. */
function config(port, password) {
  return {
    // Its log is kept for error messages: MediaMTX writes to stdout, a file or syslog, not stderr.
    logDestinations: ['stdout'],
    authMethod: 'internal',
    authInternalUsers: [
      {
        user: USER,
        pass: password,
        permissions: [
          { action: 'publish', path: PATH },
          { action: 'read', path: PATH },
        ],
      },
    ],
    rtsp: true,
    // ffmpeg publishes and the stack's MediaMTX pulls over TCP; UDP would open RTP/RTCP listeners.
    rtspTransports: ['tcp'],
    rtspAddress: `${ADDRESS}:${port}`,
    rtmp: false,
    hls: false,
    webrtc: false,
    srt: false,
    moq: false,
    api: false,
    metrics: false,
    pprof: false,
    playback: false,
    // No other path: a publisher or reader of any other name is refused.
    paths: { [PATH]: { source: 'publisher', record: false } },
  };
}

/**
 * Starts the server and waits until it listens. `url` publishes and reads its one path; `exited` settles
 * when MediaMTX ends (on its own: an error, with the end of its log); `stop()` ends it.
 */
export async function startRtspCamera() {
  const bin = mediamtxBinary();
  const port = await freePort();
  const password = randomBytes(16).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'bench-rtsp-camera-'));
  const file = join(dir, 'mediamtx.yml');
  // JSON is YAML. Only the bench's user may read it, as it holds the password; it is removed when MediaMTX
  // ends (a killed bench leaves it behind, with the password of a server that has gone with the bench).
  writeFileSync(file, JSON.stringify(config(port, password), null, 2), { mode: 0o600 });
  // setpriv --pdeathsig: MediaMTX goes when the bench does, even killed. Its working directory is the
  // temporary one, so anything it might write lands there; its environment holds no MTX_* (or legacy
  // RTSP_*) variables, which MediaMTX would apply over the file.
  const child = spawn('setpriv', ['--pdeathsig', 'TERM', '--', bin, file], {
    cwd: dir,
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // MediaMTX logs to stdout; stderr has what setpriv or the Go runtime may say.
  let log = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => (log = (log + chunk).slice(-2000)));
  }
  const exited = new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, log: error.message }));
    child.once('close', (code, signal) => resolve({ code, signal, log: log.trim() }));
  });
  let exit;
  void exited.then((result) => {
    exit = result;
    rmSync(dir, { recursive: true, force: true });
  });

  async function stop() {
    child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    try {
      return await exited;
    } finally {
      clearTimeout(kill);
    }
  }

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await accepts(port))) {
    if (exit) throw new Error(`MediaMTX exited (${exit.code ?? exit.signal}): ${exit.log}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`MediaMTX does not listen on ${ADDRESS}:${port}: ${log.trim()}`);
    }
    await sleep(100);
  }
  return { url: `rtsp://${USER}:${password}@${ADDRESS}:${port}/${PATH}`, exited, stop };
}
