import { NotFoundException } from '@nestjs/common';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DetectionsConfig } from './detections.config';
import { locateSnapshot, snapshotHostOf, SnapshotStore } from './snapshot.store';

describe('SnapshotStore', () => {
  let base: string;
  let store: SnapshotStore;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'gtv-snapshots-'));
    mkdirSync(join(base, 'store', 'cam_1'), { recursive: true });
    writeFileSync(join(base, 'store', 'cam_1', 'a.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    writeFileSync(join(base, 'secret.txt'), 'outside');
    symlinkSync(join(base, 'secret.txt'), join(base, 'store', 'cam_1', 'link.jpg'));
    store = new SnapshotStore({ SNAPSHOTS_DIR: join(base, 'store') } as DetectionsConfig);
  });

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('streams a stored file with its size', async () => {
    const { stream, size } = await store.open('cam_1/a.jpg');
    stream.destroy();
    expect(size).toBe(4);
  });

  it.each([
    ['a missing file', 'cam_1/none.jpg'],
    ['a path leaving the store', '../secret.txt'],
    ['an absolute path', '/etc/hostname'],
    ['a symlink pointing out', 'cam_1/link.jpg'],
    ['a directory', 'cam_1'],
  ])('answers 404 for %s', async (_, key) => {
    await expect(store.open(key)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('tells store keys from external URLs, following only the allowed hosts', () => {
    const hosts = new Set(['evidence.example', 'cam.local', snapshotHostOf('Bücher.example')]);
    expect(locateSnapshot('https://Evidence.Example/x.jpg', hosts)).toEqual({
      kind: 'external',
      url: 'https://evidence.example/x.jpg',
    });
    expect(locateSnapshot('https://cam.local:8443/a/b.jpg?t=1', hosts)).toEqual({
      kind: 'external',
      url: 'https://cam.local:8443/a/b.jpg?t=1',
    });
    expect(locateSnapshot('https://bücher.example/x.jpg', hosts)).toEqual({
      kind: 'external',
      url: 'https://xn--bcher-kva.example/x.jpg',
    });
    expect(locateSnapshot('cam_1/a.jpg', hosts)).toEqual({ kind: 'store', key: 'cam_1/a.jpg' });
    const refused = (reason: string) => ({ kind: 'refused', reason });
    const elsewhere = refused('is on a host that is not an allowed snapshot host');
    for (const ref of [
      'https://attacker.example/x.jpg',
      'https://evidence.example.attacker.example/x.jpg',
    ]) {
      expect(locateSnapshot(ref, hosts)).toEqual(elsewhere);
    }
    for (const ref of [
      'https://user:pass@evidence.example/x.jpg',
      'https://evidence.example@attacker.example/x.jpg',
    ]) {
      expect(locateSnapshot(ref, hosts)).toEqual(refused('URL carries credentials'));
    }
    expect(locateSnapshot('https://', hosts)).toEqual(refused('is not a valid URL'));
    expect(locateSnapshot('https://evidence.example/x.jpg', new Set())).toEqual(elsewhere);
  });
});
