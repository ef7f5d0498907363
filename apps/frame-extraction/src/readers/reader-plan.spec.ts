import type { ReaderInput } from './reader-args';
import { camerasNamedIn, planMerge, planReaders, stalledCameras } from './reader-plan';

const cam = (id: number, fps = 1): ReaderInput => ({ cameraId: id, path: `cam_${id}`, fps });
const group = (...inputs: ReaderInput[]) => ({ inputs });
const ids = (groups: ReaderInput[][]) => groups.map((g) => g.map((i) => i.cameraId));

describe('planReaders', () => {
  it('packs new cameras into processes of at most the configured size', () => {
    const plan = planReaders([], [cam(3), cam(1), cam(2), cam(5), cam(4)], 2, new Set());
    expect(ids(plan.start)).toEqual([[1, 2], [3, 4], [5]]);
    expect(plan.keep).toEqual([]);
  });

  it('leaves a group alone while all its cameras are wanted unchanged, and reads an added camera apart', () => {
    const running = group(cam(1), cam(2));
    const plan = planReaders([running], [cam(1), cam(2), cam(3)], 4, new Set());
    expect(plan.keep).toEqual([running]);
    expect(plan.stop).toEqual([]);
    expect(ids(plan.start)).toEqual([[3]]);
  });

  it('restarts a group that lost a camera or whose camera changed rate, with the rest', () => {
    const a = group(cam(1), cam(2));
    const b = group(cam(3), cam(4));
    const plan = planReaders([a, b], [cam(1), cam(3, 2), cam(4)], 4, new Set());
    expect(plan.stop).toEqual([a, b]);
    expect(ids(plan.start)).toEqual([[1, 3, 4]]);
    expect(plan.start[0][1].fps).toBe(2);
  });

  it('gives an isolated camera a process of its own and stops the group it shared', () => {
    const shared = group(cam(1), cam(2), cam(3));
    const plan = planReaders([shared], [cam(1), cam(2), cam(3)], 4, new Set([2]));
    expect(plan.stop).toEqual([shared]);
    expect(ids(plan.start)).toEqual([[2], [1, 3]]);
  });

  it('keeps an isolated camera that already reads alone', () => {
    const solo = group(cam(2));
    expect(planReaders([solo], [cam(2)], 4, new Set([2])).keep).toEqual([solo]);
  });

  it('keeps a group that reads on without its detached camera, which gets a process of its own', () => {
    const shared = { inputs: [cam(1), cam(2), cam(3)], detached: new Set([2]) };
    const plan = planReaders([shared], [cam(1), cam(2), cam(3)], 4, new Set([2]));
    expect(plan.keep).toEqual([shared]);
    expect(ids(plan.start)).toEqual([[2]]);
  });

  it('restarts a group whose detached camera is no longer wanted: its input may still be read', () => {
    const shared = { inputs: [cam(1), cam(2), cam(3)], detached: new Set([2]) };
    const plan = planReaders([shared], [cam(1), cam(3)], 4, new Set());
    expect(plan.stop).toEqual([shared]);
    expect(ids(plan.start)).toEqual([[1, 3]]);
  });

  it('stops everything when no camera is wanted', () => {
    const plan = planReaders([group(cam(1))], [], 4, new Set());
    expect(plan.stop).toHaveLength(1);
    expect(plan.start).toEqual([]);
  });
});

describe('camerasNamedIn', () => {
  it('finds the cameras ffmpeg names in an error, and not cam_1 inside cam_12', () => {
    const stderr = 'rtsp://***@127.0.0.1:8554/cam_12: Server returned 404 Not Found';
    expect(camerasNamedIn(stderr, [cam(1), cam(12)])).toEqual([12]);
  });

  it("finds a camera by its input script's pipe or its output pipe, and not pipe:3 inside pipe:34", () => {
    // 32 cameras: camera i reads its script from fd 35 + i and writes its JPEGs to fd 3 + i.
    const inputs = Array.from({ length: 32 }, (_, i) => cam(i + 1));
    expect(camerasNamedIn('pipe:36: Invalid data found when processing input', inputs)).toEqual([
      2,
    ]);
    expect(camerasNamedIn('pipe:34: Broken pipe', inputs)).toEqual([32]);
  });
});

describe('stalledCameras', () => {
  const rules = { stallMs: 8_000, openMs: 2_500 };
  const inputs = Array.from({ length: 32 }, (_, i) => ({
    cameraId: i + 1,
    path: `cam_${i + 1}`,
    fps: 1,
  }));
  const reader = { inputs, startedAt: 100_000 };

  it('gives a group time to open every camera before any of them counts as stalled', () => {
    // 32 cameras opened one after another: 80 s of opening, then the 8 s stall time.
    expect(stalledCameras(reader, new Map(), 100_000 + 30_000, rules)).toEqual([]);
    expect(stalledCameras(reader, new Map(), 100_000 + 88_000, rules)).toEqual([]);
    expect(stalledCameras(reader, new Map(), 100_000 + 88_001, rules)).toHaveLength(32);
  });

  it('counts a camera that has delivered from its last frame', () => {
    const lastFrameAt = new Map([
      [1, 100_000 + 90_000],
      [2, 100_000 + 95_000],
    ]);
    const stalled = stalledCameras(reader, lastFrameAt, 100_000 + 100_000, rules);
    expect(stalled).toContain(1);
    expect(stalled).not.toContain(2);
  });

  it('ignores frames from before the group started (its previous reader)', () => {
    const small = { inputs: inputs.slice(0, 2), startedAt: 100_000 };
    const lastFrameAt = new Map([[1, 99_000]]);
    // Two cameras: 5 s of opening + 8 s; the old frame of camera 1 does not shorten it.
    expect(stalledCameras(small, lastFrameAt, 100_000 + 12_000, rules)).toEqual([]);
    expect(stalledCameras(small, lastFrameAt, 100_000 + 13_001, rules)).toEqual([1, 2]);
  });
});

describe('planMerge', () => {
  const rules = { settleMs: 30_000, stallMs: 8_000, maxReaders: 2 };
  const now = 1_000_000;
  const settled = (...inputs: ReaderInput[]) => ({ inputs, startedAt: now - 60_000 });
  const delivering = (...idsOf: number[]) => new Map(idsOf.map((id) => [id, now - 1_000]));

  it('packs small readers whose cameras deliver into as few processes as they need', () => {
    const singles = [settled(cam(5)), settled(cam(2)), settled(cam(9))];
    const pair = settled(cam(7), cam(8));
    const plan = planMerge([...singles, pair], delivering(2, 5, 7, 8, 9), now, 4, rules);
    expect(plan?.retire).toEqual([...singles, pair]);
    expect(ids(plan?.start ?? [])).toEqual([[2, 5, 7, 8], [9]]);
  });

  it('leaves out readers that have not settled, a camera that does not deliver, and half-full ones', () => {
    const young = { inputs: [cam(1)], startedAt: now - 10_000 };
    const silent = settled(cam(2));
    const big = settled(cam(10), cam(11), cam(12));
    const plan = planMerge(
      [young, silent, big, settled(cam(3)), settled(cam(4))],
      delivering(1, 3, 4, 10, 11, 12),
      now,
      4,
      rules,
    );
    expect(ids(plan?.start ?? [])).toEqual([[3, 4]]);
  });

  it('merges nothing when it would not save a process', () => {
    expect(planMerge([settled(cam(1))], delivering(1), now, 4, rules)).toBeNull();
    expect(planMerge([settled(cam(1), cam(2))], delivering(1, 2), now, 4, rules)).toBeNull();
  });

  it('repacks at most maxReaders full readers at a time, smallest groups first', () => {
    const pairs = [
      settled(cam(1), cam(2)),
      settled(cam(3)),
      settled(cam(4), cam(5)),
      settled(cam(6), cam(7)),
      settled(cam(8), cam(9)),
    ];
    const plan = planMerge(pairs, delivering(1, 2, 3, 4, 5, 6, 7, 8, 9), now, 4, {
      ...rules,
      maxReaders: 1,
    });
    expect(ids(plan?.start ?? [])).toEqual([[1, 2, 3]]);
    expect(plan?.retire).toEqual([pairs[1], pairs[0]]);
  });

  it('repacks a group holding a detached camera, to drop its dead input', () => {
    const group = { ...settled(cam(1), cam(2), cam(3), cam(4)), detached: new Set([3]) };
    const plan = planMerge([group], delivering(1, 2, 4), now, 4, rules);
    expect(ids(plan?.start ?? [])).toEqual([[1, 2, 4]]);
  });
});
