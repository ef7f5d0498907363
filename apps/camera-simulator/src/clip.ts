import { createHash } from 'node:crypto';
import { access, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ClipParams, clipArgs } from '@gt-vision/demo-scene';
import { FfmpegRun } from './ffmpeg-process';

export interface Clip {
  file: string;
  /** True when an earlier run had already rendered it. */
  cached: boolean;
}

/**
 * The cache key is a hash of the exact ffmpeg arguments, so any change to the picture (size, fps, plates,
 * layout, encoder settings) renders a new clip instead of reusing a stale one, with no version to bump.
 */
export function clipPath(dir: string, params: ClipParams): string {
  const key = createHash('sha256').update(clipArgs(params).join('\0')).digest('hex').slice(0, 12);
  return join(dir, `cam_${params.schedule.camera}-${key}.mp4`);
}

/** cam_N.plates.json: the ground truth a test compares with what the AI read from cam_N. */
export function schedulePath(dir: string, camera: number): string {
  return join(dir, `cam_${camera}.plates.json`);
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes partial files (named after the pid that wrote them) left by a simulator that was killed
 * mid-render; a graceful stop removes its own. Those of a simulator still running are left alone.
 */
export async function removeStalePartials(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const pid = /\.(\d+)\.(part|tmp)$/.exec(name)?.[1];
    if (pid !== undefined && !alive(Number(pid))) await rm(join(dir, name), { force: true });
  }
}

/** Write-then-rename, so a reader never sees a half-written file. */
async function writeAtomically(file: string, data: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}

/** Renders the camera's clip unless it is cached, and (re)writes its plate schedule beside it. */
export async function ensureClip(
  dir: string,
  params: ClipParams,
  signal: AbortSignal,
): Promise<Clip> {
  // The pool may hand out the next camera after shutdown began; an abort listener added now would never fire.
  signal.throwIfAborted();
  const file = clipPath(dir, params);
  await writeAtomically(
    schedulePath(dir, params.schedule.camera),
    `${JSON.stringify({ clip: basename(file), ...params.schedule }, null, 2)}\n`,
  );
  if (await exists(file)) return { file, cached: true };

  // ffmpeg writes to a private name that becomes the cached clip only once complete: an interrupted
  // render (shutdown, crash, full disk) never leaves a truncated clip that later runs would trust.
  const partial = `${file}.${process.pid}.part`;
  const run = new FfmpegRun([...clipArgs(params), '-y', '-f', 'mp4', partial]);
  const abort = () => void run.stop();
  signal.addEventListener('abort', abort, { once: true });
  try {
    const exit = await run.exited;
    signal.throwIfAborted();
    if (exit.code !== 0) {
      throw new Error(`ffmpeg exited with ${exit.code ?? exit.signal}: ${exit.stderr}`);
    }
    await rename(partial, file);
    return { file, cached: false };
  } finally {
    signal.removeEventListener('abort', abort);
    await rm(partial, { force: true });
  }
}
