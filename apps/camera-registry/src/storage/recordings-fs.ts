import { Injectable } from '@nestjs/common';
import { readdir, rmdir, stat, statfs, unlink } from 'node:fs/promises';

/** The two statfs fields the guard needs, in blocks. */
export interface FsUsage {
  blocks: number;
  /** Blocks free to an unprivileged writer (MediaMTX), i.e. without the root reserve. */
  bavail: number;
}

export interface RecordingsEntry {
  name: string;
  isDirectory: boolean;
}

export interface RecordingsFileInfo {
  size: number;
  mtimeMs: number;
}

/**
 * Everything the storage guard does to the disk, behind one port so unit tests run on an in-memory
 * tree with whatever usage they need (a real "disk at 95 %" is not something a test can arrange).
 */
export abstract class RecordingsFs {
  abstract statfs(dir: string): Promise<FsUsage>;
  abstract list(dir: string): Promise<RecordingsEntry[]>;
  abstract stat(path: string): Promise<RecordingsFileInfo>;
  abstract unlink(path: string): Promise<void>;
  /** Removes an empty directory; fails (ENOTEMPTY) if MediaMTX wrote into it meanwhile. */
  abstract rmdir(path: string): Promise<void>;
}

/** The used share of a filesystem as `df` shows it: the root reserve counts as used. */
export function usedRatio(usage: FsUsage): number {
  return usage.blocks > 0 ? 1 - usage.bavail / usage.blocks : 0;
}

@Injectable()
export class NodeRecordingsFs extends RecordingsFs {
  async statfs(dir: string): Promise<FsUsage> {
    const { blocks, bavail } = await statfs(dir);
    return { blocks, bavail };
  }

  async list(dir: string): Promise<RecordingsEntry[]> {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
  }

  async stat(path: string): Promise<RecordingsFileInfo> {
    const { size, mtimeMs } = await stat(path);
    return { size, mtimeMs };
  }

  unlink(path: string): Promise<void> {
    return unlink(path);
  }

  rmdir(path: string): Promise<void> {
    return rmdir(path);
  }
}
