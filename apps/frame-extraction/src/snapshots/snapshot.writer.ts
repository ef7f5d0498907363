import { Injectable } from '@nestjs/common';
import { mkdir, open, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DetectionConfig } from '../config/frame-extraction.config';

/**
 * Writes a detection's JPEG into the snapshot store before the detection is published, so the
 * evidence a stored detection points at exists. Written to a temporary name, flushed to disk, then
 * renamed: a reader never sees half a file, and a crash leaves no truncated evidence.
 */
@Injectable()
export class SnapshotWriter {
  constructor(private readonly config: DetectionConfig) {}

  async write(key: string, jpeg: Buffer<ArrayBuffer>): Promise<void> {
    const target = join(this.config.SNAPSHOTS_DIR, key);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    const file = await open(temporary, 'w', 0o640);
    try {
      await file.writeFile(jpeg);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, target);
  }
}
