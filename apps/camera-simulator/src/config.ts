import { isAbsolute, join } from 'node:path';

/** Everything the simulator reads from its environment, validated once at start. */
export interface SimulatorConfig {
  /** Number of demo cameras, served as sim_1..sim_N (registered as cameras by `gtv up`). */
  cameras: number;
  /**
   * `rtsp://user:password@host:port`: where the publisher's RTSP server listens, and the one credential
   * its readers (MediaMTX pulling the demo cameras) must present.
   */
  rtspUrl: string;
  /** The publisher program (apps/camera-simulator/publisher), built by tools/install/sim-publisher.sh. */
  publisher: string;
  width: number;
  height: number;
  fps: number;
  /** Port of the control endpoint on 127.0.0.1. */
  port: number;
  /** Where clips and their plate schedules are cached: $GTV_CACHE/camera-simulator. */
  clipDir: string;
  /** Clip encodes running at once; the rest of the machine (and the running publishers) need the other cores. */
  buildJobs: number;
}

/** A bad variable: the message names it, so the operator knows what to fix. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  // Number() alone would accept "1e2", "0x10" or " 4 "; a config value should be written plainly.
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function evenInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = integer(env, name, fallback, min, max);
  // yuv420p subsamples chroma by two in both directions; libx264 refuses odd sizes.
  if (value % 2 !== 0) throw new ConfigError(`${name} must be even, got ${value}`);
  return value;
}

/** Errors never echo the value: it holds the demo cameras' password. */
function rtspUrl(env: Env): string {
  const raw = env['SIMULATOR_RTSP_URL'] ?? '';
  const shape = 'rtsp://user:password@host:port';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`SIMULATOR_RTSP_URL must be ${shape}`);
  }
  if (url.protocol !== 'rtsp:' || !url.username || !url.password || !url.port) {
    throw new ConfigError(`SIMULATOR_RTSP_URL must be ${shape}`);
  }
  if (url.pathname.replace(/\/+/g, '') || url.search || url.hash) {
    throw new ConfigError(`SIMULATOR_RTSP_URL must have no path, query or fragment (${shape})`);
  }
  return raw.replace(/\/+$/, '');
}

function publisher(env: Env): string {
  const raw = env['SIMULATOR_PUBLISHER'];
  if (raw === undefined || raw === '' || !isAbsolute(raw)) {
    throw new ConfigError(
      `SIMULATOR_PUBLISHER must be the absolute path of the publisher program, got "${raw ?? ''}"`,
    );
  }
  return raw;
}

function cacheRoot(env: Env, home: string): string {
  const raw = env['GTV_CACHE'];
  if (raw === undefined || raw === '') return join(home, '.cache', 'gt-vision');
  // A relative cache would move with the working directory and silently rebuild every clip.
  if (!isAbsolute(raw)) throw new ConfigError(`GTV_CACHE must be an absolute path, got "${raw}"`);
  return raw;
}

export function loadConfig(env: Env, home: string): SimulatorConfig {
  return {
    cameras: integer(env, 'SIMULATOR_CAMERAS', 4, 1, 250),
    rtspUrl: rtspUrl(env),
    publisher: publisher(env),
    width: evenInteger(env, 'SIMULATOR_WIDTH', 640, 160, 1920),
    height: evenInteger(env, 'SIMULATOR_HEIGHT', 360, 90, 1080),
    fps: integer(env, 'SIMULATOR_FPS', 15, 1, 30),
    port: integer(env, 'SIMULATOR_PORT', 3010, 1, 65535),
    clipDir: join(cacheRoot(env, home), 'camera-simulator'),
    buildJobs: integer(env, 'SIMULATOR_BUILD_JOBS', 2, 1, 16),
  };
}
