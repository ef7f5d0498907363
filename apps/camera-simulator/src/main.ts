/**
 * GT-Vision camera simulator: serves sim_1..sim_N over RTSP, as IP cameras do (MediaMTX pulls them like any
 * camera), each a looping clip with licence plates passing by, so a fresh install has live video and plates
 * to read, and beside each its low-resolution sub-stream sim_N_sub, as IP cameras offer one.
 */
import { access, mkdir } from 'node:fs/promises';
import { Server } from 'node:http';
import { homedir } from 'node:os';
import { ensureClip, removeStalePartials } from './clip';
import { ConfigError, SimulatorConfig, loadConfig } from './config';
import { controlServer } from './control-server';
import { log } from './log';
import { LABEL_FONT, PLATE_FONT, plateSchedule } from '@gt-vision/demo-scene';
import { forEachLimited } from './pool';
import { Publisher } from './publisher';
import { PublisherProcess } from './publisher-process';

function fail(message: string, fields: Record<string, unknown> = {}): never {
  log('error', message, fields);
  process.exit(1);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the endpoint can take cameras offline and has no authentication.
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

async function main(): Promise<void> {
  let config: SimulatorConfig;
  try {
    config = loadConfig(process.env, homedir());
  } catch (error) {
    if (error instanceof ConfigError) fail(`invalid configuration: ${error.message}`);
    throw error;
  }
  for (const font of [PLATE_FONT, LABEL_FONT]) {
    await access(font).catch(() =>
      fail(`font ${font} is missing; install the Debian package fonts-dejavu-core`),
    );
  }
  await mkdir(config.clipDir, { recursive: true });

  const publisher = new PublisherProcess(config.publisher, config.rtspUrl);
  const publishers = new Map<number, Publisher>();
  for (let camera = 1; camera <= config.cameras; camera++) {
    publishers.set(camera, new Publisher(camera, publisher, plateSchedule(camera)));
  }

  // Listening before rendering, so GET /cameras shows which clips are still being rendered.
  const server = controlServer(publishers);
  await listen(server, config.port).catch((error: Error) =>
    fail(`control endpoint cannot listen on 127.0.0.1:${config.port}: ${error.message}`),
  );
  log('info', 'control endpoint listening', { port: config.port });

  const rendering = new AbortController();
  const renders = renderClips(config, [...publishers.values()], rendering.signal);
  let stopping = false;
  const shutdown = async (reason: string, exitCode: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log('info', 'stopping', { reason });
    rendering.abort();
    server.close();
    server.closeAllConnections();
    // Every render gets SIGTERM at once and SIGKILL after its grace period; waiting for them lets them
    // delete their partial files before we exit. The publisher closes every camera's streams and exits
    // (SIGKILL after its grace period), which also settles every camera's stop.
    await Promise.all([
      renders.catch(() => undefined),
      ...[...publishers.values()].map((p) => p.stop()),
      publisher.close(),
    ]);
    log('info', 'stopped');
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.on('SIGINT', () => void shutdown('SIGINT', 0));

  try {
    await renders;
  } catch (error) {
    if (stopping) return;
    log('error', 'clip rendering failed', {
      error: error instanceof Error ? error.message : String(error),
    });
    await shutdown('clip rendering failed', 1);
  }
}

/** Renders (or finds cached) every camera's clip, starting each camera as soon as its own clip is ready. */
async function renderClips(
  config: SimulatorConfig,
  publishers: Publisher[],
  signal: AbortSignal,
): Promise<void> {
  const started = Date.now();
  let ready = 0;
  let rendered = 0;
  const { width, height, fps, clipDir, buildJobs } = config;
  log('info', 'preparing clips', { cameras: publishers.length, dir: clipDir, jobs: buildJobs });
  await removeStalePartials(clipDir);
  // Starting cameras one by one means the first ones are live within seconds, even when a first run
  // with many cameras renders for minutes.
  await forEachLimited(publishers, buildJobs, async (publisher) => {
    const begun = Date.now();
    const params = { width, height, fps, schedule: publisher.schedule };
    const clip = await ensureClip(clipDir, params, signal);
    ready++;
    if (!clip.cached) rendered++;
    log('info', clip.cached ? 'clip cached' : 'clip rendered', {
      camera: publisher.camera,
      clip: clip.file,
      seconds: (Date.now() - begun) / 1000,
      progress: `${ready}/${publishers.length}`,
    });
    publisher.publish({ main: clip.file, sub: clip.subFile });
  });
  log('info', 'all clips ready', {
    cameras: publishers.length,
    rendered,
    seconds: (Date.now() - started) / 1000,
  });
}

main().catch((error: unknown) =>
  fail('simulator crashed', { error: error instanceof Error ? error.stack : String(error) }),
);
