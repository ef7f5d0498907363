import { Logger } from '@nestjs/common';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Counter, Gauge } from 'prom-client';
import { NodeRecordingsFs } from './recordings-fs';
import { StorageGuard } from './storage-guard';
import { StorageConfig } from './storage.config';

/**
 * The real filesystem adapter on a temp directory; only statfs is faked (a test cannot fill a disk),
 * as 1 000 blocks of which 800 are used by other things plus one block per byte of segment files.
 */
class TempDirFs extends NodeRecordingsFs {
  constructor(private readonly root: string) {
    super();
  }

  override async statfs() {
    let recorded = 0;
    for (const dir of await readdir(this.root)) {
      for (const name of await readdir(join(this.root, dir))) {
        recorded += (await this.stat(join(this.root, dir, name))).size;
      }
    }
    return { blocks: 1000, bavail: 1000 - 800 - recorded };
  }
}

const metric = () => ({ set: jest.fn(), inc: jest.fn() });

describe('StorageGuard on a real directory', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'gtv-recordings-'));
    jest.spyOn(Logger.prototype, 'log').mockImplementation();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  it('deletes the oldest segments first and keeps the newest of every camera', async () => {
    const segments: Record<string, string[]> = {
      cam_1: ['2026-11-01_10-00-00-000000.mp4', '2026-11-03_10-00-00-000000.mp4'],
      cam_2: ['2026-11-02_10-00-00-000000.mp4', '2026-11-04_10-00-00-000000.mp4'],
      cam_3: ['2026-11-05_10-00-00-000000.mp4'],
    };
    const old = new Date('2026-11-06T00:00:00Z');
    for (const [camera, names] of Object.entries(segments)) {
      await mkdir(join(root, camera));
      for (const name of names) {
        await writeFile(join(root, camera, name), Buffer.alloc(40));
        await utimes(join(root, camera, name), old, old);
      }
    }
    // 800 + 5 × 40 = 1 000 blocks: 100 % used; 85 % needs 150 blocks freed, i.e. four files — but
    // only two are not the newest of their camera.
    const config = Object.assign(new StorageConfig(), { RECORDINGS_DIR: root });
    const guard = new StorageGuard(
      config,
      new TempDirFs(root),
      metric() as unknown as Gauge<string>,
      metric() as unknown as Gauge<string>,
      metric() as unknown as Counter<string>,
      metric() as unknown as Counter<string>,
    );
    jest.spyOn(Logger.prototype, 'warn').mockImplementation();

    expect(await guard.pass()).toMatchObject({ files: 2, bytes: 80, cameras: 2 });

    expect((await readdir(join(root, 'cam_1'))).sort()).toEqual(['2026-11-03_10-00-00-000000.mp4']);
    expect((await readdir(join(root, 'cam_2'))).sort()).toEqual(['2026-11-04_10-00-00-000000.mp4']);
    expect(await readdir(join(root, 'cam_3'))).toEqual(['2026-11-05_10-00-00-000000.mp4']);
  });
});
