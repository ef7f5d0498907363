import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { of } from 'rxjs';
import type { ClientNats } from '@nestjs/microservices';
import type { DetectionConfig } from '../config/frame-extraction.config';
import { expiredDays, SnapshotPruner } from './snapshot.pruner';

describe('expiredDays', () => {
  it('lists the day directories older than the retention, ignoring anything else', () => {
    const now = new Date('2026-12-10T12:00:00Z');
    expect(expiredDays(['2026-12-01', '2026-12-02', '2026-12-03', 'tmp'], 8, now)).toEqual([
      '2026-12-01',
    ]);
  });
});

describe('SnapshotPruner', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'gtv-snapshots-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("keeps each camera's snapshots for its recording retention, and unknown cameras' for the longest", async () => {
    for (const dir of [
      '1/2026-12-01',
      '1/2026-12-08',
      '2/2026-12-01',
      '3/2026-10-01',
      '3/2026-11-20',
    ]) {
      mkdirSync(join(root, dir), { recursive: true });
      writeFileSync(join(root, dir, 'x.jpg'), 'jpeg');
    }
    const requests: unknown[] = [];
    const client = {
      send: (_subject: string, payload: unknown) => {
        requests.push(payload);
        return of({
          version: 1,
          cameras: [
            { id: 1, recording: { retentionDays: 3 } },
            { id: 2, recording: { retentionDays: 30 } },
          ],
        });
      },
    } as unknown as ClientNats;
    const pruner = new SnapshotPruner({ SNAPSHOTS_DIR: root } as DetectionConfig, client);
    expect(await pruner.prune(new Date('2026-12-10T12:00:00Z'))).toBe(2);
    expect(requests).toEqual([{ ids: [1, 2, 3] }]);
    expect(readdirSync(join(root, '1'))).toEqual(['2026-12-08']);
    expect(readdirSync(join(root, '2'))).toEqual(['2026-12-01']);
    expect(readdirSync(join(root, '3'))).toEqual(['2026-11-20']);
  });
});
