import { useTestDatabase } from '@gt-vision/backend-testing';
import { migrations } from '../migrations';
import { SystemAlertsRepository, type NewSystemAlert } from './system-alerts.repository';

const db = useTestDatabase({ schema: 'analytics', migrations });

const alert = (fields: Partial<NewSystemAlert> = {}): NewSystemAlert => ({
  fingerprint: 'f1',
  name: 'CameraOffline',
  status: 'firing',
  severity: 'warning',
  summary: 'camera 4 offline',
  description: null,
  labels: { alertname: 'CameraOffline', camera_id: '4', severity: 'warning' },
  starts_at: new Date('2026-12-02T08:00:00Z'),
  ends_at: null,
  ...fields,
});

describe('SystemAlertsRepository on PostgreSQL', () => {
  it('keeps one row per alert, from firing to resolved, and answers only what changed', async () => {
    const repository = new SystemAlertsRepository(db().database);
    expect((await repository.upsert([alert()])).map((row) => row.status)).toEqual(['firing']);
    // Alertmanager repeats a firing alert: nothing changes.
    expect(await repository.upsert([alert()])).toEqual([]);
    const resolved = await repository.upsert([
      alert({ status: 'resolved', ends_at: new Date('2026-12-02T08:05:00Z') }),
    ]);
    expect(resolved).toHaveLength(1);
    expect(resolved[0].ends_at?.toISOString()).toBe('2026-12-02T08:05:00.000Z');
    expect(await repository.list(10)).toHaveLength(1);
  });

  it('does not let a late notification of the old firing undo a resolution', async () => {
    const repository = new SystemAlertsRepository(db().database);
    await repository.upsert([
      alert({ fingerprint: 'f2', status: 'resolved', ends_at: new Date() }),
    ]);
    expect(await repository.upsert([alert({ fingerprint: 'f2' })])).toEqual([]);
    // The same alert firing again later is a new firing.
    const again = await repository.upsert([
      alert({ fingerprint: 'f2', starts_at: new Date('2026-12-02T09:00:00Z') }),
    ]);
    expect(again.map((row) => row.status)).toEqual(['firing']);
  });

  it('lists firing alerts first, critical before warning, and filters by status', async () => {
    const repository = new SystemAlertsRepository(db().database);
    await repository.upsert([
      alert({ fingerprint: 'a', status: 'resolved', severity: 'critical', ends_at: new Date() }),
      alert({ fingerprint: 'b', severity: 'warning' }),
      alert({ fingerprint: 'c', severity: 'critical' }),
    ]);
    const all = await repository.list(10);
    // Other tests of this file share the database: look at this test's alerts only.
    const ours = all.filter((row) => ['a', 'b', 'c'].includes(row.fingerprint));
    expect(ours.map((row) => row.fingerprint)).toEqual(['c', 'b', 'a']);
    const firing = await repository.list(10, 'firing');
    expect(firing.every((row) => row.status === 'firing')).toBe(true);
  });

  it('prunes only resolved alerts older than the retention', async () => {
    const repository = new SystemAlertsRepository(db().database);
    await repository.upsert([
      alert({ fingerprint: 'old', status: 'resolved', ends_at: new Date() }),
      alert({ fingerprint: 'on' }),
    ]);
    await db().database.query(
      `UPDATE analytics.system_alerts SET updated_at = now() - interval '40 days'`,
    );
    expect(await repository.pruneResolved(30)).toBeGreaterThanOrEqual(1);
    const left = await repository.list(100);
    expect(left.some((row) => row.fingerprint === 'on')).toBe(true);
    expect(left.some((row) => row.status === 'resolved')).toBe(false);
  });
});
