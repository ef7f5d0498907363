import { createHash } from 'node:crypto';
import { access, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ClipParams, clipArgs, subClipArgs } from '@gt-vision/demo-scene';
import { FfmpegRun } from './ffmpeg-process';

export interface Clip {
  file: string;
  /** Its low-resolution copy, published as the camera's sub-stream. */
  subFile: string;
  /** True when an earlier run had already rendered both. */
  cached: boolean;
}

/**
 * The cache key is a hash of the exact ffmpeg arguments, so any change to the picture (size, fps, plates,
 * layout, encoder settings) renders a new clip instead of reusing a stale one, with no version to bump.
 */
function cachedName(dir: string, stem: string, args: string[]): string {
  const key = createHash('sha256').update(args.join('\0')).digest('hex').slice(0, 12);
  return join(dir, `${stem}-${key}.mp4`);
}

export function clipPath(dir: string, params: ClipParams): string {
  return cachedName(dir, `cam_${params.schedule.camera}`, clipArgs(params));
}

/** The sub-stream clip's name follows from the main clip's (in its arguments), so it changes with it. */
export function subClipPath(dir: string, clip: string, params: ClipParams): string {
  return cachedName(dir, `cam_${params.schedule.camera}-sub`, subClipArgs(clip, params));
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

/**
 * Renders the camera's clip and its sub-stream clip unless they are cached, and (re)writes its plate
 * schedule beside them.
 */
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
  const subFile = subClipPath(dir, file, params);
  const mainCached = await render(file, clipArgs(params), signal);
  const subCached = await render(subFile, subClipArgs(file, params), signal);
  return { file, subFile, cached: mainCached && subCached };
}

/** Runs ffmpeg with `args` into `file` unless it exists; true when it did (a cached file). */
async function render(file: string, args: string[], signal: AbortSignal): Promise<boolean> {
  if (await exists(file)) return true;

  // ffmpeg writes to a private name that becomes the cached clip only once complete: an interrupted
  // render (shutdown, crash, full disk) never leaves a truncated clip that later runs would trust.
  const partial = `${file}.${process.pid}.part`;
  const run = new FfmpegRun([...args, '-y', '-f', 'mp4', partial]);
  const abort = () => void run.stop();
  signal.addEventListener('abort', abort, { once: true });
  try {
    const exit = await run.exited;
    signal.throwIfAborted();
    if (exit.code !== 0) {
      throw new Error(`ffmpeg exited with ${exit.code ?? exit.signal}: ${exit.stderr}`);
    }
    await rename(partial, file);
    return false;
  } finally {
    signal.removeEventListener('abort', abort);
    await rm(partial, { force: true });
  }
}
