import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { join } from 'node:path';
import type { Counter, Gauge } from 'prom-client';
import { Poller } from '@gt-vision/backend-poller';
import { listRecordings, oldestFirst } from './recording-segments';
import { RecordingsFs, usedRatio } from './recordings-fs';
import { StorageConfig } from './storage.config';
import {
  DISK_PRESSURE_METRIC,
  DISK_USED_RATIO_METRIC,
  EVICTED_BYTES_METRIC,
  EVICTED_SEGMENTS_METRIC,
} from './storage.metrics';

/**
 * Files examined per pass. Each deletion is two awaited syscalls plus a statfs, so a pass stays well
 * under a second and shutdown (which waits for it) stays prompt; the next pass continues.
 */
export const MAX_FILES_PER_PASS = 200;

/**
 * A segment modified this recently may still be open in MediaMTX (segments are 10 min; a part is
 * flushed every second or so), whatever its name says.
 */
export const RECENTLY_WRITTEN_MS = 2 * 60 * 1000;

export interface PassSummary {
  files: number;
  bytes: number;
  /** Segments whose deletion failed (other than already gone), with the first reason. */
  failed: number;
  failure?: string;
  cameras: number;
  usedBefore: number;
  usedAfter: number;
}

/**
 * Keeps the recordings disk from filling. MediaMTX deletes segments by age (per-camera
 * recordDeleteAfter = retention days); this guard is the last resort when the disk fills before
 * retention runs out: from the high watermark it deletes the oldest segments of any camera until the
 * low watermark, and reports pressure when it cannot get there.
 */
@Injectable()
export class StorageGuard implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StorageGuard.name);
  private readonly poller: Poller;
  /** Hysteresis: once past the high watermark, passes keep deleting until the low one. */
  private evicting = false;
  /** Logged once when nothing deletable is left, not every pass. */
  private exhausted = false;

  constructor(
    private readonly config: StorageConfig,
    private readonly fs: RecordingsFs,
    @InjectMetric(DISK_USED_RATIO_METRIC) private readonly usedGauge: Gauge<string>,
    @InjectMetric(DISK_PRESSURE_METRIC) private readonly pressureGauge: Gauge<string>,
    @InjectMetric(EVICTED_SEGMENTS_METRIC) private readonly evictedSegments: Counter<string>,
    @InjectMetric(EVICTED_BYTES_METRIC) private readonly evictedBytes: Counter<string>,
  ) {
    this.poller = new Poller('storage guard', config.STORAGE_GUARD_INTERVAL_MS, async () => {
      await this.pass();
    });
  }

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.poller.stop();
  }

  async pass(): Promise<PassSummary> {
    const high = this.config.RECORDINGS_DISK_HIGH_WATERMARK_PERCENT / 100;
    const low = this.config.RECORDINGS_DISK_LOW_WATERMARK_PERCENT / 100;
    const usedBefore = await this.measure(high);
    const summary: PassSummary = {
      files: 0,
      bytes: 0,
      failed: 0,
      cameras: 0,
      usedBefore,
      usedAfter: usedBefore,
    };
    if (usedBefore >= high) this.evicting = true;
    if (!this.evicting) return summary;

    const root = this.config.RECORDINGS_DIR;
    const listing = await listRecordings(this.fs, root);
    await this.removeEmptyDirs(root, listing.emptyDirs);
    const candidates = oldestFirst(listing, MAX_FILES_PER_PASS);
    const cameras = new Set<string>();
    let used = usedBefore;
    let examined = 0;
    for (const { camera, name } of candidates) {
      if (used <= low) break;
      examined++;
      const freed = await this.evict(join(root, camera, name), summary);
      if (freed === undefined) continue;
      summary.files++;
      summary.bytes += freed;
      cameras.add(camera);
      used = await this.measure(high);
    }
    summary.cameras = cameras.size;
    summary.usedAfter = used;
    this.evictedSegments.inc(summary.files);
    this.evictedBytes.inc(summary.bytes);
    const exhausted = used > low && examined === candidates.length && examined < MAX_FILES_PER_PASS;
    // Done, or nothing left to delete: only the high watermark starts the next listing, so a disk
    // parked between the watermarks is not walked every pass.
    if (used <= low || exhausted) this.evicting = false;
    this.report(summary, exhausted);
    return summary;
  }

  /** Sets both gauges from one statfs, so pressure and ratio never disagree on a scrape. */
  private async measure(high: number): Promise<number> {
    const used = usedRatio(await this.fs.statfs(this.config.RECORDINGS_DIR));
    this.usedGauge.set(used);
    this.pressureGauge.set(used >= high ? 1 : 0);
    return used;
  }

  /** Bytes freed, or undefined when the file was skipped (still being written, already gone, refused). */
  private async evict(path: string, summary: PassSummary): Promise<number | undefined> {
    try {
      const { size, mtimeMs } = await this.fs.stat(path);
      if (Date.now() - mtimeMs < RECENTLY_WRITTEN_MS) return undefined;
      await this.fs.unlink(path);
      return size;
    } catch (error) {
      // ENOENT: MediaMTX's own retention removed it between listing and now — nothing to do.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        summary.failed++;
        summary.failure ??= (error as Error).message;
      }
      return undefined;
    }
  }

  /**
   * Directories of cameras that no longer record. Only old ones: MediaMTX creates a path's directory
   * just before its first segment, and removing it in between would fail that segment.
   */
  private async removeEmptyDirs(root: string, dirs: string[]): Promise<void> {
    for (const dir of dirs) {
      const path = join(root, dir);
      try {
        if (Date.now() - (await this.fs.stat(path)).mtimeMs < RECENTLY_WRITTEN_MS) continue;
        await this.fs.rmdir(path);
      } catch {
        // ENOTEMPTY or ENOENT: MediaMTX got there first; the directory is in use or already gone.
      }
    }
  }

  /** One line per pass, never per file: with 250 cameras per-file lines would drown the log. */
  private report(summary: PassSummary, exhausted: boolean): void {
    const pct = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
    if (summary.files > 0) {
      this.logger.log(
        `evicted ${summary.files} segments (${(summary.bytes / 1e6).toFixed(1)} MB) of ` +
          `${summary.cameras} cameras; recordings disk ${pct(summary.usedBefore)} → ${pct(summary.usedAfter)}`,
      );
    }
    if (summary.failed > 0) {
      this.logger.warn(`could not delete ${summary.failed} segments: ${summary.failure}`);
    }
    if (exhausted && !this.exhausted) {
      this.logger.warn(
        `recordings disk at ${pct(summary.usedAfter)} and no segment left to evict ` +
          '(only the newest of each camera, or files not written by MediaMTX, remain)',
      );
    }
    this.exhausted = exhausted;
  }
}
