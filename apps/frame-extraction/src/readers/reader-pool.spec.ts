import type { Counter, Gauge } from 'prom-client';
import type { ReaderConfig } from '../config/frame-extraction.config';
import type { ReaderInput } from './reader-args';
import { ReaderPool } from './reader-pool';

/** A reader whose stop the test ends by hand: ffmpeg may take up to 2 s to go. */
interface FakeReader {
  inputs: readonly ReaderInput[];
  stopped: boolean;
  finishStop: () => void;
  /** Hands over a frame of the camera, as ffmpeg would. */
  frame: (cameraId: number) => void;
}
const readers: FakeReader[] = [];
/** Set for the shutdown after each test: every stop then ends at once. */
let stopsAtOnce = false;

jest.mock('./reader-process', () => ({
  ReaderProcess: class {
    private readonly fake: FakeReader;
    constructor(
      _ffmpeg: string,
      _source: unknown,
      inputs: readonly ReaderInput[],
      onFrame: (frame: { cameraId: number; jpeg: Buffer; takenAt: number }) => void,
    ) {
      this.fake = {
        inputs,
        stopped: false,
        finishStop: () => undefined,
        frame: (cameraId) => onFrame({ cameraId, jpeg: Buffer.alloc(0), takenAt: Date.now() }),
      };
      readers.push(this.fake);
    }
    stop(): Promise<void> {
      return new Promise((resolve) => {
        this.fake.finishStop = () => {
          this.fake.stopped = true;
          resolve();
        };
        if (stopsAtOnce) this.fake.finishStop();
      });
    }
  },
}));

const camera = (cameraId: number): ReaderInput => ({ cameraId, path: `cam_${cameraId}`, fps: 1 });
const config = {
  FFMPEG_PATH: 'ffmpeg',
  MEDIAMTX_RTSP_URL: 'rtsp://127.0.0.1:8554',
  INTERNAL_SERVICE_TOKEN: 'token',
  FRAME_READER_CAMERAS_PER_PROCESS: 32,
  FRAME_READER_START_CAMERAS: 32,
  FRAME_READER_STALL_MS: 60_000,
  FRAME_READER_OPEN_MS: 2_500,
} as unknown as ReaderConfig;
const metric = { set: jest.fn(), inc: jest.fn() };

/** Cameras read by readers not stopped, one entry per reader input. */
const readCameras = () =>
  readers
    .filter((r) => !r.stopped)
    .flatMap((r) => r.inputs.map((i) => i.cameraId))
    .sort();

describe('ReaderPool', () => {
  let pool: ReaderPool;

  beforeEach(() => {
    readers.length = 0;
    stopsAtOnce = false;
    pool = new ReaderPool(config, metric as unknown as Gauge, metric as unknown as Counter);
  });

  afterEach(async () => {
    stopsAtOnce = true;
    readers.forEach((r) => r.finishStop());
    await pool.onApplicationShutdown();
    jest.useRealTimers();
  });

  /** Live readers (not stopped), as the cameras each reads. */
  const live = () => readers.filter((r) => !r.stopped).map((r) => r.inputs.map((i) => i.cameraId));
  /** Every live reader delivers a frame of each camera, then time moves on. */
  const tick = async (ms: number, silent: number[] = []) => {
    for (const reader of readers.filter((r) => !r.stopped)) {
      reader.inputs.forEach((i) => silent.includes(i.cameraId) || reader.frame(i.cameraId));
    }
    await jest.advanceTimersByTimeAsync(ms);
    readers.forEach((r) => r.finishStop());
    await jest.advanceTimersByTimeAsync(0);
  };

  it('reads a stalled camera apart while its groupmates read on, without a restart', async () => {
    jest.useFakeTimers();
    const frames: number[] = [];
    pool.onFrame((frame) => frames.push(frame.cameraId));
    await pool.setCameras([camera(1), camera(2), camera(3)]);
    // Stalled after 3 × 2.5 s of opening and the 60 s stall time, then read apart after its backoff.
    for (let s = 0; s < 90 && live().length < 2; s++) await tick(1000, [2]);

    expect(live()).toEqual([[1, 2, 3], [2]]);
    expect(readers[0].stopped).toBe(false);
    // Camera 2's frames now come from its own reader only.
    frames.length = 0;
    readers[0].frame(2);
    readers[1].frame(2);
    expect(frames).toEqual([2]);
  });

  it('shares one queued reconcile among the changes made while a slow one runs', async () => {
    await pool.setCameras([camera(1), camera(2)]);
    // Camera 2 goes: its reader's stop hangs (ffmpeg slow to exit on a loaded machine).
    const first = pool.setCameras([camera(1)]);
    await new Promise((resolve) => setImmediate(resolve));
    const started = readers.length;
    metric.set.mockClear();
    // Meanwhile the lease ticks bring cameras 2 and 3, then 3 and 4: one reconcile, the last set.
    const changes = [
      pool.setCameras([camera(1), camera(2), camera(3)]),
      pool.setCameras([camera(1), camera(3), camera(4)]),
    ];
    readers.forEach((r) => r.finishStop());
    await Promise.all([first, ...changes]);
    // [1] is the first reconcile's restart of the group without camera 2.
    expect(readers.slice(started).map((r) => r.inputs.map((i) => i.cameraId))).toEqual([
      [1],
      [3, 4],
    ]);
    expect(metric.set).toHaveBeenCalledTimes(2);
    expect(readCameras()).toEqual([1, 3, 4]);
  });

  it('gives up a merge whose cameras change, and stops its reader before the change returns', async () => {
    jest.useFakeTimers();
    await pool.setCameras([camera(1)]);
    await pool.setCameras([camera(1), camera(2)]);
    for (let s = 0; s < 35 && live().length < 3; s++) await tick(1000);
    expect(live()).toEqual([[1], [2], [1, 2]]);

    // Camera 2's lease moves away while the merged reader opens.
    let returned = false;
    const change = pool.setCameras([camera(1)]).then(() => (returned = true));
    // The merged reader stops first, then the reader of camera 2: each stop takes its time.
    for (let round = 0; round < 3; round++) {
      expect(returned).toBe(false);
      await jest.advanceTimersByTimeAsync(0);
      readers.forEach((r) => r.finishStop());
    }
    await change;
    expect(live()).toEqual([[1]]);
  });

  it('merges small readers make-before-break: the old ones stop only once the new one delivers all', async () => {
    jest.useFakeTimers();
    const frames: number[] = [];
    pool.onFrame((frame) => frames.push(frame.cameraId));
    // Cameras enabled one at a time get a reader each.
    await pool.setCameras([camera(1)]);
    await pool.setCameras([camera(1), camera(2)]);
    await pool.setCameras([camera(1), camera(2), camera(3)]);
    expect(live()).toEqual([[1], [2], [3]]);
    // Settled and delivering: a merged reader starts beside them.
    for (let s = 0; s < 35 && live().length < 4; s++) await tick(1000);
    expect(live()).toEqual([[1], [2], [3], [1, 2, 3]]);

    // Until it has delivered every camera, only the old readers' frames count.
    const merged = readers[3];
    frames.length = 0;
    merged.frame(1);
    merged.frame(2);
    expect(frames).toEqual([]);
    expect(live()).toHaveLength(4);

    merged.frame(3);
    await jest.advanceTimersByTimeAsync(0);
    readers.forEach((r) => r.finishStop());
    await jest.advanceTimersByTimeAsync(0);
    expect(live()).toEqual([[1, 2, 3]]);
    merged.frame(1);
    expect(frames).toEqual([1]);
  });

  it('starts one reader per camera when a change arrives while the last one still stops its readers', async () => {
    await pool.setCameras([camera(1), camera(2), camera(3)]);
    expect(readCameras()).toEqual([1, 2, 3]);

    // A lease moved away: the shared group restarts without camera 3, and its ffmpeg takes its time.
    const first = pool.setCameras([camera(1), camera(2)]);
    // Meanwhile another change (or a stall check) reconciles again.
    const second = pool.setCameras([camera(1), camera(2)]);
    await Promise.resolve();
    readers[0].finishStop();
    await Promise.all([first, second]);

    expect(readCameras()).toEqual([1, 2]);
    expect(pool.readingCameras().sort()).toEqual([1, 2]);
  });
});
