import { dirname } from 'node:path';
import type { FsUsage, RecordingsEntry, RecordingsFileInfo } from './recordings-fs';
import { RecordingsFs } from './recordings-fs';

/**
 * In-memory recordings tree for unit tests. Usage follows the files: a disk of `capacity` bytes of
 * which `otherBytes` belong to something else (1 block = 1 byte), so deleting a segment frees its size.
 */
export class FakeRecordingsFs extends RecordingsFs {
  readonly files = new Map<string, RecordingsFileInfo>();
  readonly dirs = new Map<string, number>();
  readonly unlinked: string[] = [];
  /** Paths whose unlink fails with EACCES. */
  readonly refuse = new Set<string>();

  constructor(
    private readonly capacity: number,
    public otherBytes = 0,
  ) {
    super();
  }

  addDir(path: string, mtimeMs = 0): void {
    this.dirs.set(path, mtimeMs);
  }

  addFile(path: string, size: number, mtimeMs = 0): void {
    this.addDir(dirname(path));
    this.files.set(path, { size, mtimeMs });
  }

  async statfs(): Promise<FsUsage> {
    const recorded = [...this.files.values()].reduce((sum, f) => sum + f.size, 0);
    return { blocks: this.capacity, bavail: this.capacity - this.otherBytes - recorded };
  }

  async list(dir: string): Promise<RecordingsEntry[]> {
    const children = (paths: Iterable<string>) => [...paths].filter((p) => dirname(p) === dir);
    return [
      ...children(this.dirs.keys()).map((p) => ({
        name: p.slice(dir.length + 1),
        isDirectory: true,
      })),
      ...children(this.files.keys()).map((p) => ({
        name: p.slice(dir.length + 1),
        isDirectory: false,
      })),
    ];
  }

  async stat(path: string): Promise<RecordingsFileInfo> {
    const file = this.files.get(path);
    if (file) return file;
    const dirMtime = this.dirs.get(path);
    if (dirMtime !== undefined) return { size: 0, mtimeMs: dirMtime };
    throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  }

  async unlink(path: string): Promise<void> {
    if (this.refuse.has(path))
      throw Object.assign(new Error(`EACCES: ${path}`), { code: 'EACCES' });
    if (!this.files.delete(path))
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    this.unlinked.push(path);
  }

  async rmdir(path: string): Promise<void> {
    if ((await this.list(path)).length > 0)
      throw Object.assign(new Error('ENOTEMPTY'), { code: 'ENOTEMPTY' });
    this.dirs.delete(path);
  }
}
