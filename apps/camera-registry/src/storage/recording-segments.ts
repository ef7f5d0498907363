import { join } from 'node:path';
import { RecordingsFs } from './recordings-fs';

/**
 * A segment file as MediaMTX names it from recordPath `%path/%Y-%m-%d_%H-%M-%S-%f` (fMP4 → `.mp4`).
 * Only such files are ever deleted: anything else in the directory (an operator's export, a
 * half-copied file) is not ours to remove.
 */
const SEGMENT_NAME = /^\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}-\d{6}\.mp4$/;

export function isSegmentName(name: string): boolean {
  return SEGMENT_NAME.test(name);
}

export interface Segment {
  camera: string;
  name: string;
}

export interface RecordingsListing {
  /** Per camera path directory, its deletable segments oldest first (the newest is left out). */
  cameras: { camera: string; segments: string[] }[];
  /** Camera directories with nothing in them (a camera deleted or no longer recording). */
  emptyDirs: string[];
}

/**
 * Lists `<root>/<path>/<segment>`: path names are `cam_<id>` (cameraPath), one directory level.
 * Ordered by the start time in the file name, not by mtime: the name is what MediaMTX's own playback
 * and cleaner go by, it needs no stat call per file (a year of 250 cameras is over a million files),
 * and it does not move when a file is touched or restored from a backup. Zero-padded fields make
 * string order chronological.
 */
export async function listRecordings(fs: RecordingsFs, root: string): Promise<RecordingsListing> {
  const listing: RecordingsListing = { cameras: [], emptyDirs: [] };
  for (const dir of await fs.list(root)) {
    if (!dir.isDirectory) continue;
    const entries = await fs.list(join(root, dir.name));
    if (entries.length === 0) listing.emptyDirs.push(dir.name);
    const segments = entries
      .filter((e) => !e.isDirectory && isSegmentName(e.name))
      .map((e) => e.name)
      .sort();
    // The newest segment of a path is the one MediaMTX may be writing right now.
    segments.pop();
    if (segments.length > 0) listing.cameras.push({ camera: dir.name, segments });
  }
  return listing;
}

/**
 * The `limit` oldest segments across all cameras, merging the per-camera sorted lists rather than
 * sorting every file on the disk: the cost is cameras × limit comparisons, whatever the archive size.
 */
export function oldestFirst(listing: RecordingsListing, limit: number): Segment[] {
  const next = listing.cameras.map(() => 0);
  const picked: Segment[] = [];
  while (picked.length < limit) {
    let best = -1;
    listing.cameras.forEach(({ segments }, i) => {
      const name = segments[next[i]];
      if (name === undefined) return;
      if (best < 0 || name < listing.cameras[best].segments[next[best]]) best = i;
    });
    if (best < 0) break;
    picked.push({
      camera: listing.cameras[best].camera,
      name: listing.cameras[best].segments[next[best]],
    });
    next[best]++;
  }
  return picked;
}
