import { SNAPSHOT_DAY_PATTERN, snapshotKeyOf } from './snapshots';

describe('snapshotKeyOf', () => {
  it('files a snapshot under its camera and UTC capture day', () => {
    const key = snapshotKeyOf(
      12,
      '2026-12-02T23:59:59.900Z',
      '6f1c2b7e-0000-5000-8000-000000000001',
    );
    expect(key).toBe('12/2026-12-02/6f1c2b7e-0000-5000-8000-000000000001.jpg');
    expect(SNAPSHOT_DAY_PATTERN.test(key.split('/')[1])).toBe(true);
  });
});
