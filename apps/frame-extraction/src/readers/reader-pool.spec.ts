import type { Counter, Gauge } from 'prom-client';
import type { ReaderConfig } from '../config/frame-extraction.config';
import type { ReaderInput } from './reader-args';
import { ReaderPool } from './reader-pool';

/** A reader whose stop the test ends by hand: ffmpeg may take up to 2 s to go. */
interface FakeReader {
  inputs: readonly ReaderInput[];
  stopped: boolean;
  finishStop: () => void;
}
const readers: FakeReader[] = [];

jest.mock('./reader-process', () => ({
  ReaderProcess: class {
    private readonly fake: FakeReader;
    constructor(_ffmpeg: string, _source: unknown, inputs: readonly ReaderInput[]) {
      this.fake = { inputs, stopped: false, finishStop: () => undefined };
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
});
