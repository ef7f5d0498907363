import type { ReaderInput } from './reader-args';
import { camerasNamedIn, planReaders } from './reader-plan';

const cam = (id: number, fps = 1): ReaderInput => ({ cameraId: id, path: `cam_${id}`, fps });
const group = (...inputs: ReaderInput[]) => ({ inputs });
const ids = (groups: ReaderInput[][]) => groups.map((g) => g.map((i) => i.cameraId));
const rules = (perProcess: number, isolated: number[] = [], mergeable = (_: unknown) => false) => ({
  perProcess,
  isolated: new Set(isolated),
  mergeable,
});
const always = () => true;

describe('planReaders', () => {
  it('packs new cameras into processes of at most the configured size', () => {
    const plan = planReaders([], [cam(3), cam(1), cam(2), cam(5), cam(4)], rules(2));
    expect(ids(plan.start)).toEqual([[1, 2], [3, 4], [5]]);
    expect(plan.keep).toEqual([]);
  });

  it('leaves a group alone while all its cameras are wanted unchanged, and reads an added camera apart unless merging', () => {
    const running = group(cam(1), cam(2));
    const plan = planReaders([running], [cam(1), cam(2), cam(3)], rules(4));
    expect(plan.keep).toEqual([running]);
    expect(plan.stop).toEqual([]);
    expect(ids(plan.start)).toEqual([[3]]);
    expect(plan.merged).toBe(false);
  });

  it('merges small groups and new cameras into full processes, keeping the largest group', () => {
    const full = group(cam(1), cam(2), cam(3), cam(4));
    const pair = group(cam(5), cam(6));
    const single = group(cam(7));
    const wanted = [1, 2, 3, 4, 5, 6, 7, 8].map((id) => cam(id));
    const plan = planReaders([single, full, pair], wanted, rules(4, [], always));
    expect(plan.keep).toEqual([full]);
    expect(plan.stop).toEqual([pair, single]);
    expect(ids(plan.start)).toEqual([[5, 6, 7, 8]]);
    expect(plan.merged).toBe(true);
  });

  it('does not restart groups when merging them saves no process', () => {
    const a = group(cam(1), cam(2), cam(3));
    const b = group(cam(4), cam(5), cam(6));
    const plan = planReaders(
      [a, b],
      [1, 2, 3, 4, 5, 6].map((id) => cam(id)),
      rules(4, [], always),
    );
    expect(plan.keep).toEqual([a, b]);
    expect(plan.merged).toBe(false);
  });

  it('merges only the groups it may restart now, and never an isolated camera', () => {
    const settled = group(cam(1), cam(2));
    const young = group(cam(3));
    const solo = group(cam(5));
    const plan = planReaders(
      [settled, young, solo],
      [1, 2, 3, 4, 5].map((id) => cam(id)),
      rules(4, [5], (g) => g !== young),
    );
    expect(plan.keep).toEqual([young, solo]);
    expect(plan.stop).toEqual([settled]);
    expect(ids(plan.start)).toEqual([[1, 2, 4]]);
  });

  it('merges a camera that shares again with the others', () => {
    const formerlyIsolated = group(cam(2));
    const rest = group(cam(1), cam(3));
    const plan = planReaders(
      [formerlyIsolated, rest],
      [cam(1), cam(2), cam(3)],
      rules(4, [], always),
    );
    expect(plan.keep).toEqual([]);
    expect(ids(plan.start)).toEqual([[1, 2, 3]]);
  });

  it('restarts a group that lost a camera or whose camera changed rate, with the rest', () => {
    const a = group(cam(1), cam(2));
    const b = group(cam(3), cam(4));
    const plan = planReaders([a, b], [cam(1), cam(3, 2), cam(4)], rules(4));
    expect(plan.stop).toEqual([a, b]);
    expect(ids(plan.start)).toEqual([[1, 3, 4]]);
    expect(plan.start[0][1].fps).toBe(2);
  });

  it('gives an isolated camera a process of its own and stops the group it shared', () => {
    const shared = group(cam(1), cam(2), cam(3));
    const plan = planReaders([shared], [cam(1), cam(2), cam(3)], rules(4, [2]));
    expect(plan.stop).toEqual([shared]);
    expect(ids(plan.start)).toEqual([[2], [1, 3]]);
  });

  it('keeps an isolated camera that already reads alone', () => {
    const solo = group(cam(2));
    expect(planReaders([solo], [cam(2)], rules(4, [2])).keep).toEqual([solo]);
  });

  it('stops everything when no camera is wanted', () => {
    const plan = planReaders([group(cam(1))], [], rules(4));
    expect(plan.stop).toHaveLength(1);
    expect(plan.start).toEqual([]);
  });
});

describe('camerasNamedIn', () => {
  it('finds the cameras ffmpeg names in an error, and not cam_1 inside cam_12', () => {
    const stderr = 'rtsp://***@127.0.0.1:8554/cam_12: Server returned 404 Not Found';
    expect(camerasNamedIn(stderr, [cam(1), cam(12)])).toEqual([12]);
  });
});
