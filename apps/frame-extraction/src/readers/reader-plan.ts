import type { ReaderInput } from './reader-args';

export interface PlannedGroup {
  inputs: ReaderInput[];
}

export interface ReaderPlan<G extends PlannedGroup> {
  keep: G[];
  stop: G[];
  start: ReaderInput[][];
}

const sameInput = (a: ReaderInput, b: ReaderInput | undefined) =>
  b !== undefined && a.path === b.path && a.fps === b.fps;

/**
 * Which reader processes to keep, stop and start so that every wanted camera is read exactly once.
 * A running group is kept untouched while all its cameras are still wanted as they are; a group that
 * lost a camera or whose camera changed rate is restarted with the rest. New cameras fill new groups of
 * up to `perProcess`; `isolated` cameras (they failed inside a shared group) get a process each, so
 * one bad camera cannot keep restarting its neighbours.
 */
export function planReaders<G extends PlannedGroup>(
  running: readonly G[],
  wanted: readonly ReaderInput[],
  perProcess: number,
  isolated: ReadonlySet<number>,
): ReaderPlan<G> {
  const byId = new Map(wanted.map((input) => [input.cameraId, input]));
  const keep: G[] = [];
  const stop: G[] = [];
  const covered = new Set<number>();
  for (const group of running) {
    const intact = group.inputs.every((input) => sameInput(input, byId.get(input.cameraId)));
    const mixesIsolated =
      group.inputs.length > 1 && group.inputs.some((input) => isolated.has(input.cameraId));
    if (intact && !mixesIsolated) {
      keep.push(group);
      group.inputs.forEach((input) => covered.add(input.cameraId));
    } else {
      stop.push(group);
    }
  }
  const uncovered = wanted
    .filter((input) => !covered.has(input.cameraId))
    .sort((a, b) => a.cameraId - b.cameraId);
  const start: ReaderInput[][] = uncovered
    .filter((input) => isolated.has(input.cameraId))
    .map((input) => [input]);
  const shared = uncovered.filter((input) => !isolated.has(input.cameraId));
  for (let i = 0; i < shared.length; i += perProcess) start.push(shared.slice(i, i + perProcess));
  return { keep, stop, start };
}

/** Camera ids named in ffmpeg's error output (`…/cam_12: Server returned 404 Not Found`). */
export function camerasNamedIn(stderr: string, inputs: readonly ReaderInput[]): number[] {
  return inputs
    .filter((input) => new RegExp(`/${input.path}(?![0-9A-Za-z_])`).test(stderr))
    .map((input) => input.cameraId);
}
