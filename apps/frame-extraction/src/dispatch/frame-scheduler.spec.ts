import type { Frame } from '../readers/reader-process';
import type { SkipReason } from '../metrics/frame.metrics';
import { FrameScheduler } from './frame-scheduler';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const frame = (cameraId: number, takenAt: number, tag = 0): Frame => ({
  cameraId,
  takenAt,
  jpeg: Buffer.from([tag]),
});

describe('FrameScheduler', () => {
  let now: number;
  let sent: Frame[];
  let gates: ReturnType<typeof deferred>[];
  let skipped: SkipReason[];
  let scheduler: FrameScheduler;

  beforeEach(() => {
    now = 1000;
    sent = [];
    gates = [];
    skipped = [];
    scheduler = new FrameScheduler(
      { concurrency: 2, maxAgeMs: 3000, now: () => now },
      (f) => {
        sent.push(f);
        const gate = deferred();
        gates.push(gate);
        return gate.promise;
      },
      (reason) => skipped.push(reason),
    );
  });

  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('sends at most `concurrency` frames at once and keeps only the newest waiting frame per camera', async () => {
    scheduler.offer(frame(1, 1000, 1));
    scheduler.offer(frame(2, 1000, 1));
    scheduler.offer(frame(3, 1000, 1));
    scheduler.offer(frame(3, 1100, 2));
    scheduler.offer(frame(3, 1200, 3));
    expect(sent.map((f) => f.cameraId)).toEqual([1, 2]);
    expect(scheduler.waitingCount).toBe(1);
    expect(skipped).toEqual(['superseded', 'superseded']);
    gates[0].resolve();
    await settle();
    expect(sent[2]).toEqual(frame(3, 1200, 3));
  });

  it('never has two frames of one camera in flight; the next waits as the newest', async () => {
    scheduler.offer(frame(1, 1000, 1));
    scheduler.offer(frame(1, 1100, 2));
    expect(sent).toHaveLength(1);
    expect(scheduler.inFlightCount).toBe(1);
    gates[0].resolve();
    await settle();
    expect(sent.map((f) => f.jpeg[0])).toEqual([1, 2]);
  });

  it('drops a frame that waited past its maximum age as stale', async () => {
    scheduler.offer(frame(1, 1000));
    scheduler.offer(frame(2, 1000));
    scheduler.offer(frame(3, 1000));
    now = 5000;
    gates[0].resolve();
    await settle();
    expect(skipped).toEqual(['stale']);
    expect(sent).toHaveLength(2);
  });

  it('serves cameras in the order they started waiting, so a busy camera cannot starve others', async () => {
    scheduler.offer(frame(1, 1000));
    scheduler.offer(frame(2, 1000));
    scheduler.offer(frame(3, 1000));
    scheduler.offer(frame(4, 1000));
    scheduler.offer(frame(3, 1001));
    gates[0].resolve();
    gates[1].resolve();
    await settle();
    expect(sent.map((f) => f.cameraId)).toEqual([1, 2, 3, 4]);
  });

  it('forgets a camera that is no longer read', () => {
    scheduler.offer(frame(1, 1000));
    scheduler.offer(frame(2, 1000));
    scheduler.offer(frame(3, 1000));
    scheduler.forget(3);
    expect(scheduler.waitingCount).toBe(0);
  });
});
