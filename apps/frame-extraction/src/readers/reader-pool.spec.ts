import type { Counter, Gauge } from 'prom-client';
import type { ReaderConfig } from '../config/frame-extraction.config';
import type { ReaderInput } from './reader-args';
import { ReaderPool } from './reader-pool';
import type { Frame } from './reader-process';

/** A reader whose stop the test ends by hand: ffmpeg may take up to 2 s to go. */
interface FakeReader {
  inputs: readonly ReaderInput[];
  stopped: boolean;
  finishStop: () => void;
  deliver: (cameraId: number) => void;
}
const readers: FakeReader[] = [];

jest.mock('./reader-process', () => ({
  ReaderProcess: class {
    private readonly fake: FakeReader;
    constructor(
      _ffmpeg: string,
      _source: unknown,
      inputs: readonly ReaderInput[],
      onFrame: (frame: Frame) => void,
    ) {
      this.fake = {
        inputs,
        stopped: false,
        finishStop: () => undefined,
        deliver: (cameraId) => onFrame({ cameraId, jpeg: Buffer.alloc(0), takenAt: Date.now() }),
      };
      readers.push(this.fake);
    }
    stop(): Promise<void> {
      return new Promise((resolve) => {
        this.fake.finishStop = () => {
          this.fake.stopped = true;
          resolve();
        };
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
  FRAME_READER_STALL_MS: 8000,
} as unknown as ReaderConfig;
const metric = { set: jest.fn(), inc: jest.fn() };

const live = () => readers.filter((r) => !r.stopped);
/** Cameras read by readers not stopped, one entry per reader input. */
const readCameras = () =>
  live()
    .flatMap((r) => r.inputs.map((i) => i.cameraId))
    .sort();
const groups = () => live().map((r) => r.inputs.map((i) => i.cameraId));

/**
 * Lets `seconds` pass one at a time (fake clock): each second every running reader delivers a frame of
 * each of its cameras but the `silent` ones, and readers being stopped finish stopping.
 */
async function run(seconds: number, silent: number[] = []): Promise<void> {
  for (let s = 0; s < seconds; s++) {
    for (const reader of live()) {
      reader.inputs
        .filter((i) => !silent.includes(i.cameraId))
        .forEach((i) => reader.deliver(i.cameraId));
    }
    await jest.advanceTimersByTimeAsync(1000);
    readers.forEach((r) => r.finishStop());
    await jest.advanceTimersByTimeAsync(0);
  }
}

describe('ReaderPool', () => {
  let pool: ReaderPool;

  beforeEach(() => {
    readers.length = 0;
    pool = new ReaderPool(config, metric as unknown as Gauge, metric as unknown as Counter);
  });

  afterEach(async () => {
    const shutdown = pool.onApplicationShutdown();
    readers.forEach((r) => r.finishStop());
    await shutdown;
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

  describe('on a clock', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('merges the readers of cameras leased a few at a time once they have run 10 s, at most once a minute', async () => {
      await pool.setCameras([camera(1), camera(2)]);
      await pool.setCameras([camera(1), camera(2), camera(3)]);
      await pool.setCameras([camera(1), camera(2), camera(3), camera(4)]);
      expect(groups()).toEqual([[1, 2], [3], [4]]);

      await run(5);
      expect(groups()).toHaveLength(3);
      await run(6);
      expect(groups()).toEqual([[1, 2, 3, 4]]);

      await pool.setCameras([1, 2, 3, 4, 5].map(camera));
      await run(30);
      expect(groups()).toEqual([[1, 2, 3, 4], [5]]);
      await run(31);
      expect(groups()).toEqual([[1, 2, 3, 4, 5]]);
    });

    it('lets an isolated camera share again after a minute of frames, and a twice isolated one after two', async () => {
      await pool.setCameras([camera(1), camera(2), camera(3)]);
      await run(10, [3]);
      expect(groups()).toEqual([[1, 2], [3]]);

      await run(55);
      expect(groups()).toEqual([[1, 2], [3]]);
      await run(10);
      expect(groups()).toEqual([[1, 2, 3]]);

      await run(10, [3]);
      expect(groups()).toEqual([[1, 2], [3]]);
      await run(70);
      expect(groups()).toEqual([[1, 2], [3]]);
      await run(60);
      expect(groups()).toEqual([[1, 2, 3]]);
      expect(readCameras()).toEqual([1, 2, 3]);
    });
  });
});
