import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIP_SECONDS } from './plate-schedule';
import { backgroundInput, ClipParams, clipFilter } from './scene-filter';

export interface Still {
  /** Seconds into the clip, as `plateAt()` and `plateGeometryAt()` take it. */
  second: number;
  jpeg: Buffer;
}

export interface StillOptions {
  /** Stills per second of clip (e.g. 0.5: one every 2 s, starting at 0). */
  rate: number;
  /** Filters applied to the composed picture (blur, noise, rotation, scaling). */
  extra?: string[];
  /** JPEG quality scale of ffmpeg's encoder, 2 (best) to 31. */
  qscale?: number;
}

/**
 * Renders stills of a demo camera's clip with the simulator's own filter graph, as JPEG: the frames
 * a camera shows, without encoding the H.264 clip. Used by the LPR engine's accuracy test and bench.
 */
export async function renderStills(
  params: Omit<ClipParams, 'fps'>,
  options: StillOptions,
): Promise<Still[]> {
  const dir = await mkdtemp(join(tmpdir(), 'gtv-stills-'));
  try {
    const p = { ...params, fps: options.rate };
    const args = [
      '-nostdin',
      '-hide_banner',
      '-loglevel',
      'error',
      ...backgroundInput(p),
      '-filter_complex',
      clipFilter(p, options.extra),
      '-frames:v',
      String(Math.round(options.rate * CLIP_SECONDS)),
      '-q:v',
      String(options.qscale ?? 3),
      join(dir, '%04d.jpg'),
    ];
    await run('ffmpeg', args);
    const files = (await readdir(dir)).sort();
    return Promise.all(
      files.map(async (file, i) => ({
        second: i / options.rate,
        jpeg: await readFile(join(dir, file)),
      })),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr}`)),
    );
  });
}
