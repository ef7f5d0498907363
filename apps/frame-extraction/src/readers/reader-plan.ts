import type { ReaderInput } from './reader-args';

export interface PlannedGroup {
  inputs: ReaderInput[];
}

export interface ReaderRules<G extends PlannedGroup> {
  /** Most cameras one process reads. */
  perProcess: number;
  /** Cameras that failed inside a shared group: each is read by a process of its own. */
  isolated: ReadonlySet<number>;
  /** Running groups that may be restarted now to merge them into fewer processes (none: no merge). */
  mergeable: (group: G) => boolean;
}

export interface ReaderPlan<G extends PlannedGroup> {
  keep: G[];
  stop: G[];
  start: ReaderInput[][];
  /** Whether some group is stopped only to merge it with others (it lost no camera). */
  merged: boolean;
}

const sameInput = (a: ReaderInput, b: ReaderInput | undefined) =>
  b !== undefined && a.path === b.path && a.fps === b.fps;

/**
 * Which reader processes to keep, stop and start so that every wanted camera is read exactly once.
 * A running group is kept untouched while all its cameras are still wanted as they are; a group that
 * lost a camera or whose camera changed rate is restarted with the rest. `isolated` cameras get a
 * process each, so one bad camera cannot keep restarting its neighbours.
 *
 * New cameras go into new processes at once: a camera just enabled, or taken over from a replica that
 * died, is read without waiting. Cameras leased a few at a time would so end up in many small processes
 * (each ~15 MB of its own), so groups the caller marks `mergeable` are restarted together with the new
 * cameras into full processes, when that needs fewer processes than keeping them. A restart costs
 * its cameras a frame gap (the reader waits for the next keyframe), so the caller decides when that
 * is worth it (reader-pool.ts), and the plan restarts the fewest cameras that reach the fewest
 * processes: it keeps the largest groups and repacks the rest.
 */
export function planReaders<G extends PlannedGroup>(
  running: readonly G[],
  wanted: readonly ReaderInput[],
  rules: ReaderRules<G>,
): ReaderPlan<G> {
  const { perProcess, isolated } = rules;
  const byId = new Map(wanted.map((input) => [input.cameraId, input]));
  const intact: G[] = [];
  const stop: G[] = [];
  for (const group of running) {
    const unchanged = group.inputs.every((input) => sameInput(input, byId.get(input.cameraId)));
    const mixesIsolated =
      group.inputs.length > 1 && group.inputs.some((input) => isolated.has(input.cameraId));
    if (unchanged && !mixesIsolated) intact.push(group);
    else stop.push(group);
  }
  const covered = new Set(intact.flatMap((group) => group.inputs.map((input) => input.cameraId)));
  const uncovered = wanted.filter((input) => !covered.has(input.cameraId));
  const fresh = uncovered.filter((input) => !isolated.has(input.cameraId));
  const readsIsolated = (group: G) =>
    group.inputs.length === 1 && isolated.has(group.inputs[0].cameraId);
  const candidates = intact
    .filter((group) => !readsIsolated(group) && rules.mergeable(group))
    .sort((a, b) => b.inputs.length - a.inputs.length);
  const kept = fewestProcesses(
    candidates.map((group) => group.inputs.length),
    fresh.length,
    perProcess,
  );
  const merging = candidates.slice(kept);
  const keep = intact.filter((group) => !merging.includes(group));
  const shared = [...fresh, ...merging.flatMap((group) => group.inputs)].sort(byCamera);
  const start: ReaderInput[][] = uncovered
    .filter((input) => isolated.has(input.cameraId))
    .sort(byCamera)
    .map((input) => [input]);
  for (let i = 0; i < shared.length; i += perProcess) start.push(shared.slice(i, i + perProcess));
  return { keep, stop: [...stop, ...merging], start, merged: merging.length > 0 };
}

const byCamera = (a: ReaderInput, b: ReaderInput) => a.cameraId - b.cameraId;

/**
 * How many of the mergeable groups (sizes, largest first) to keep so that they plus the rest repacked
 * with `fresh` new cameras make the fewest processes; of equal counts, the one keeping the most (fewest
 * cameras restarted). Keeping all of them is the plan without a merge, so a merge always saves one.
 */
function fewestProcesses(sizes: readonly number[], fresh: number, perProcess: number): number {
  let best = sizes.length;
  let bestCount = Infinity;
  let repacked = fresh;
  for (let keep = sizes.length; keep >= 0; keep--) {
    if (keep < sizes.length) repacked += sizes[keep];
    const count = keep + Math.ceil(repacked / perProcess);
    if (count < bestCount) {
      best = keep;
      bestCount = count;
    }
  }
  return best;
}

/** Camera ids named in ffmpeg's error output (`…/cam_12: Server returned 404 Not Found`). */
export function camerasNamedIn(stderr: string, inputs: readonly ReaderInput[]): number[] {
  return inputs
    .filter((input) => new RegExp(`/${input.path}(?![0-9A-Za-z_])`).test(stderr))
    .map((input) => input.cameraId);
}
