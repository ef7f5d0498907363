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
