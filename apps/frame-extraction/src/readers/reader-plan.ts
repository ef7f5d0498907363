import { FIRST_OUTPUT_FD, inputFd, type ReaderInput } from './reader-args';

export interface PlannedGroup {
  inputs: ReaderInput[];
  /**
   * Cameras this group no longer serves: they stalled in it and are read by a process of their own,
   * while the group goes on reading the others without a restart.
   */
  detached?: ReadonlySet<number>;
}

/** The cameras a group delivers frames for. */
export const servedBy = (group: PlannedGroup): ReaderInput[] =>
  group.inputs.filter((input) => !group.detached?.has(input.cameraId));

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
  /** Every camera still wanted, including those waiting out a backoff (not in `wanted` yet). */
  stillWanted: ReadonlySet<number> = new Set(wanted.map((input) => input.cameraId)),
): ReaderPlan<G> {
  const byId = new Map(wanted.map((input) => [input.cameraId, input]));
  const keep: G[] = [];
  const stop: G[] = [];
  const covered = new Set<number>();
  for (const group of running) {
    const served = servedBy(group);
    // A detached camera is not passed on, but its input may still be read: once it is no longer
    // wanted (its lease moved), the group restarts without it.
    const intact =
      served.length > 0 &&
      served.every((input) => sameInput(input, byId.get(input.cameraId))) &&
      [...(group.detached ?? [])].every((id) => stillWanted.has(id));
    const mixesIsolated = served.length > 1 && served.some((input) => isolated.has(input.cameraId));
    if (intact && !mixesIsolated) {
      keep.push(group);
      served.forEach((input) => covered.add(input.cameraId));
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

/**
 * Camera ids named in ffmpeg's error output, by path (`…/cam_12: Server returned 404 Not Found`) or by
 * one of the camera's pipes: a camera that cannot be opened (no stream yet, refused) fails its input
 * script's pipe (`pipe:34: Invalid data found when processing input`). Inputs in the group's order.
 */
export function camerasNamedIn(stderr: string, inputs: readonly ReaderInput[]): number[] {
  return inputs
    .filter((input, i) => {
      const pipes = `pipe:(?:${inputFd(i, inputs.length)}|${FIRST_OUTPUT_FD + i})(?![0-9])`;
      return new RegExp(`/${input.path}(?![0-9A-Za-z_])|${pipes}`).test(stderr);
    })
    .map((input) => input.cameraId);
}

export interface StallRules {
  /** A camera that delivered nothing for this long is stalled (FRAME_READER_STALL_MS). */
  stallMs: number;
  /** What a reader may take to open each of its cameras (FRAME_READER_OPEN_MS). */
  openMs: number;
}

/**
 * The cameras of a running group that are stalled at `now`. ffmpeg opens a process's inputs one after
 * another and none delivers before the last is open; each open waits for its camera's next keyframe
 * (the concat demuxer probes the RTSP stream), measured ~1 s a camera with the demo's 1 s keyframe
 * interval. So a camera that has not delivered since its group started is given the group's opening,
 * `openMs` a camera, before its stall time starts: counted from the start alone, a group of more than
 * a handful of cameras was restarted as stalled before it could open, again and again. A camera that
 * has delivered is stalled `stallMs` after its last frame, as before.
 */
export function stalledCameras(
  group: { inputs: readonly ReaderInput[]; startedAt: number },
  lastFrameAt: ReadonlyMap<number, number>,
  now: number,
  rules: StallRules,
): number[] {
  const opened = group.startedAt + group.inputs.length * rules.openMs;
  return group.inputs
    .filter((input) => {
      const last = lastFrameAt.get(input.cameraId) ?? 0;
      return now - (last >= group.startedAt ? last : opened) > rules.stallMs;
    })
    .map((input) => input.cameraId);
}

export interface MergeRules {
  /** A group runs this long, every camera delivering, before it may be merged (MERGE_SETTLE_MS). */
  settleMs: number;
  /** At most this long since a camera's last frame (FRAME_READER_STALL_MS). */
  stallMs: number;
  /** Merged readers one merge starts at most. */
  maxReaders: number;
}

export interface MergePlan<G extends PlannedGroup> {
  /** Groups to stop once the new ones deliver every camera. */
  retire: G[];
  start: ReaderInput[][];
}

/**
 * Small groups (at most half full: a camera added alone, a camera isolated after a failure, the last
 * few of a batch) and groups still holding detached cameras, repacked into as few processes as their
 * cameras need. Each process costs ~20 MB however few cameras it reads, so cameras enabled one by one,
 * or isolated during a restart of MediaMTX, would otherwise keep one process each for good. Only groups
 * that settled and whose cameras all deliver are taken: a camera still failing stays apart; at most
 * `maxReaders` full readers' worth at a time. Null when repacking would not save a process or drop a
 * dead input.
 */
export function planMerge<G extends PlannedGroup & { startedAt: number }>(
  groups: readonly G[],
  lastFrameAt: ReadonlyMap<number, number>,
  now: number,
  perProcess: number,
  rules: MergeRules,
): MergePlan<G> | null {
  const eligible = groups.filter((group) => {
    const served = servedBy(group);
    const small = served.length <= perProcess / 2 || served.length < group.inputs.length;
    const settled = now - group.startedAt >= rules.settleMs;
    // Its last frame or the one before came in: a camera stopping now is not taken (the merged reader
    // would wait for it until its deadline).
    const delivering = served.every(
      (input) =>
        now - (lastFrameAt.get(input.cameraId) ?? 0) <=
        Math.min(rules.stallMs, 2000 / input.fps + 1000),
    );
    return served.length > 0 && small && settled && delivering;
  });
  // Whole groups, smallest first, up to what `maxReaders` full readers hold; the rest wait their turn.
  const retire: G[] = [];
  let taken = 0;
  for (const group of [...eligible].sort((a, b) => servedBy(a).length - servedBy(b).length)) {
    const size = servedBy(group).length;
    if (taken + size > rules.maxReaders * perProcess) break;
    retire.push(group);
    taken += size;
  }
  const cameras = retire.flatMap(servedBy).sort((a, b) => a.cameraId - b.cameraId);
  const start: ReaderInput[][] = [];
  for (let i = 0; i < cameras.length; i += perProcess) start.push(cameras.slice(i, i + perProcess));
  const shedsDeadInputs = retire.some((group) => servedBy(group).length < group.inputs.length);
  return start.length < retire.length || shedsDeadInputs ? { retire, start } : null;
}
