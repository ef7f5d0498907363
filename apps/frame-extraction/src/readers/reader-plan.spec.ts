import type { ReaderInput } from './reader-args';
import { camerasNamedIn, planReaders } from './reader-plan';

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
});
