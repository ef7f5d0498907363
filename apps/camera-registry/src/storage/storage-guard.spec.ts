import { Logger } from '@nestjs/common';
import type { Counter, Gauge } from 'prom-client';
import { FakeRecordingsFs } from './recordings-fs.fake';
import { MAX_FILES_PER_PASS, StorageGuard } from './storage-guard';
import { StorageConfig } from './storage.config';

const ROOT = '/rec';
const seg = (day: number, minute = 0) =>
  `2026-11-${String(day).padStart(2, '0')}_00-${String(minute).padStart(2, '0')}-00-000000.mp4`;

/** MediaMTX's segment name for a start `minutes` after 2026-01-01T00:00Z. */
const segAt = (minutes: number) =>
  new Date(Date.UTC(2026, 0, 1) + minutes * 60_000)
    .toISOString()
    .replace(/^(\d+-\d+-\d+)T(\d+):(\d+):(\d+)\.\d+Z$/, '$1_$2-$3-$4-000000.mp4');

class FakeMetric {
  value = 0;
  set(value: number): void {
    this.value = value;
  }
  inc(by = 1): void {
    this.value += by;
  }
}

function setup(fs: FakeRecordingsFs, interval = 30000) {
  const config = Object.assign(new StorageConfig(), {
    RECORDINGS_DIR: ROOT,
    STORAGE_GUARD_INTERVAL_MS: interval,
  });
  const m = {
    used: new FakeMetric(),
    pressure: new FakeMetric(),
    segments: new FakeMetric(),
    bytes: new FakeMetric(),
  };
  const guard = new StorageGuard(
    config,
    fs,
    m.used as unknown as Gauge<string>,
    m.pressure as unknown as Gauge<string>,
    m.segments as unknown as Counter<string>,
    m.bytes as unknown as Counter<string>,
  );
  return { guard, m };
}

/** A 1000-byte disk, 690 bytes used by other things; two cameras with three 50-byte segments each. */
function twoCameras(): FakeRecordingsFs {
  const fs = new FakeRecordingsFs(1000, 690);
  fs.addDir(ROOT);
  for (const day of [1, 3, 5]) fs.addFile(`${ROOT}/cam_1/${seg(day)}`, 50);
  for (const day of [2, 4, 6]) fs.addFile(`${ROOT}/cam_2/${seg(day)}`, 50);
  return fs;
}

describe('StorageGuard', () => {
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation();
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation();
  });
  afterEach(() => jest.restoreAllMocks());

  it('below the high watermark only measures: nothing is listed or deleted', async () => {
    const fs = new FakeRecordingsFs(1000, 500);
    fs.addFile(`${ROOT}/cam_1/${seg(1)}`, 50);
    fs.addFile(`${ROOT}/cam_1/${seg(2)}`, 50);
    const list = jest.spyOn(fs, 'list');
    const { guard, m } = setup(fs);

    expect(await guard.pass()).toMatchObject({ files: 0, usedAfter: 0.6 });
    expect(list).not.toHaveBeenCalled();
    expect(m.used.value).toBe(0.6);
    expect(m.pressure.value).toBe(0);
  });

  it('deletes the oldest segments across cameras until the low watermark, one log line per pass', async () => {
    const fs = twoCameras();
    const { guard, m } = setup(fs);

    const summary = await guard.pass();

    expect(fs.unlinked).toEqual([
      `${ROOT}/cam_1/${seg(1)}`,
      `${ROOT}/cam_2/${seg(2)}`,
      `${ROOT}/cam_1/${seg(3)}`,
    ]);
    expect(summary).toMatchObject({ files: 3, bytes: 150, cameras: 2, usedBefore: 0.99 });
    expect(summary.usedAfter).toBeCloseTo(0.84);
    expect(m.segments.value).toBe(3);
    expect(m.bytes.value).toBe(150);
    expect(m.pressure.value).toBe(0);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toMatch(
      /evicted 3 segments .* of 2 cameras; recordings disk 99\.0% → 84\.0%/,
    );
  });

  it('never deletes the newest segment of a camera, a recently written file or a file MediaMTX did not name', async () => {
    const fs = new FakeRecordingsFs(1000, 850);
    fs.addFile(`${ROOT}/cam_1/${seg(1)}`, 50, Date.now() - 1000);
    fs.addFile(`${ROOT}/cam_1/export.mp4`, 50);
    fs.addFile(`${ROOT}/cam_1/${seg(2)}`, 50);
    const { guard, m } = setup(fs);

    expect(await guard.pass()).toMatchObject({ files: 0 });
    expect(fs.unlinked).toEqual([]);
    expect(m.pressure.value).toBe(1);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/no segment left to evict/));

    await guard.pass();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('works through a backlog a bounded number of files per pass, down to the low watermark', async () => {
    // 4 cameras × 1 200 segments × 20 bytes + 10 = 96 010 of 100 000 bytes used: 551 files to 85 %.
    const fs = new FakeRecordingsFs(100_000, 10);
    for (let i = 0; i < 1200; i++) {
      for (let cam = 0; cam < 4; cam++) fs.addFile(`${ROOT}/cam_${cam}/${segAt(i * 10 + cam)}`, 20);
    }
    const { guard, m } = setup(fs);

    const first = await guard.pass();
    expect(first.files).toBe(MAX_FILES_PER_PASS);
    const oldest200 = Array.from({ length: 200 }, (_, k) => {
      const [i, cam] = [Math.floor(k / 4), k % 4];
      return `${ROOT}/cam_${cam}/${segAt(i * 10 + cam)}`;
    });
    expect(fs.unlinked).toEqual(oldest200);
    expect(m.pressure.value).toBe(1);

    // 88 %: under the high watermark, but the guard goes on to the low one.
    expect((await guard.pass()).files).toBe(MAX_FILES_PER_PASS);
    expect(m.pressure.value).toBe(0);
    expect((await guard.pass()).files).toBe(151);
    expect((await guard.pass()).files).toBe(0);
    expect(m.segments.value).toBe(551);
  });

  it('skips a segment it may not delete and goes on with the next', async () => {
    const fs = twoCameras();
    fs.refuse.add(`${ROOT}/cam_1/${seg(1)}`);
    const { guard } = setup(fs);

    expect(await guard.pass()).toMatchObject({ files: 3 });
    expect(fs.unlinked).toEqual([
      `${ROOT}/cam_2/${seg(2)}`,
      `${ROOT}/cam_1/${seg(3)}`,
      `${ROOT}/cam_2/${seg(4)}`,
    ]);
    expect(warn).toHaveBeenCalledWith('could not delete 1 segments: EACCES: /rec/cam_1/' + seg(1));
  });

  it('removes empty camera directories, except ones MediaMTX just created', async () => {
    const fs = twoCameras();
    fs.addDir(`${ROOT}/cam_9`);
    fs.addDir(`${ROOT}/cam_10`, Date.now());
    const { guard } = setup(fs);

    await guard.pass();

    expect(fs.dirs.has(`${ROOT}/cam_9`)).toBe(false);
    expect(fs.dirs.has(`${ROOT}/cam_10`)).toBe(true);
  });

  it('runs on its interval from bootstrap and stops on shutdown', async () => {
    const fs = twoCameras();
    const statfs = jest.spyOn(fs, 'statfs');
    const { guard } = setup(fs, 5);

    guard.onApplicationBootstrap();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await guard.onApplicationShutdown();
    const calls = statfs.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 30));

    expect(calls).toBeGreaterThan(1);
    expect(statfs.mock.calls.length).toBe(calls);
  });
});
