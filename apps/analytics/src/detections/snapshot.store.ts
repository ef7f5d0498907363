import { Injectable, NotFoundException } from '@nestjs/common';
import { createReadStream, type ReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve, sep } from 'node:path';
import { domainToASCII } from 'node:url';
import { DetectionsConfig } from './detections.config';

/** What a detection's snapshot reference points at; `refused` says why it is not served. */
export type SnapshotLocation =
  | { kind: 'external'; url: string }
  | { kind: 'store'; key: string }
  | { kind: 'refused'; reason: string };

/**
 * An `https` reference on one of `externalHosts` (host names as `URL` gives them: lower case, IDN in
 * punycode), any port; a key of the store for anything else. Other `https` references are refused.
 */
export function locateSnapshot(ref: string, externalHosts: ReadonlySet<string>): SnapshotLocation {
  if (!/^https:\/\//i.test(ref)) return { kind: 'store', key: ref };
  let url: URL;
  try {
    url = new URL(ref);
  } catch {
    return { kind: 'refused', reason: 'is not a valid URL' };
  }
  // Credentials in the URL would be handed to every client that follows the redirect.
  if (url.username || url.password) return { kind: 'refused', reason: 'URL carries credentials' };
  if (!externalHosts.has(url.hostname)) {
    return { kind: 'refused', reason: 'is on a host that is not an allowed snapshot host' };
  }
  return { kind: 'external', url: url.href };
}

/** A configured host name as `URL.hostname` would give it, so that entries and references compare. */
export function snapshotHostOf(name: string): string {
  return domainToASCII(name.toLowerCase());
}

function missing(): NotFoundException {
  return new NotFoundException('snapshot not found');
}

/**
 * Reads JPEG evidence from the snapshot store (a directory frame extraction writes). A key is a path
 * relative to the store; one that leaves it (`..`, an absolute path, a symlink pointing out) is
 * refused as missing rather than read.
 */
@Injectable()
export class SnapshotStore {
  constructor(private readonly config: DetectionsConfig) {}

  async open(key: string): Promise<{ stream: ReadStream; size: number }> {
    if (key === '' || isAbsolute(key) || key.includes('\0')) throw missing();
    const root = resolve(this.config.SNAPSHOTS_DIR);
    const candidate = resolve(root, key);
    if (!candidate.startsWith(root + sep)) throw missing();
    try {
      const realRoot = await realpath(root);
      const real = await realpath(candidate);
      if (!real.startsWith(realRoot + sep)) throw missing();
      const info = await stat(real);
      if (!info.isFile()) throw missing();
      return { stream: createReadStream(real), size: info.size };
    } catch (error) {
      if (error instanceof NotFoundException) throw error;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missing();
      throw error;
    }
  }
}
