import { useTestDatabase } from '@gt-vision/backend-testing';
import { randomUUID } from 'node:crypto';
import { migrations } from '../migrations';
import { AlertsRepository, type NewAlert } from './alerts.repository';

const db = useTestDatabase({ schema: 'analytics', migrations });

const alert = (fields: Partial<NewAlert> = {}): NewAlert => ({
  detectionId: randomUUID(),
  entryId: randomUUID(),
  watchlistId: randomUUID(),
  cameraId: 4,
  plate: 'ABC1D23',
  entryPlate: 'ABC1D23',
  match: 'exact',
  reason: 'stolen',
  severity: 'critical',
  capturedAt: new Date().toISOString(),
  ...fields,
});

describe('AlertsRepository on PostgreSQL', () => {
  it('raises an alert per detection × entry once, however often the detection comes', async () => {
    const alerts = new AlertsRepository(db().database);
    const first = alert();
    const second = alert({ detectionId: first.detectionId });
    const raised = await db().database.transaction((tx) => alerts.insertNew(tx, [first, second]));
    expect(raised.map((row) => row.entry_id).sort()).toEqual(
      [first.entryId, second.entryId].sort(),
    );
    const again = await db().database.transaction((tx) => alerts.insertNew(tx, [first]));
    expect(again).toEqual([]);
  });

  it('counts the window by severity and what is not acknowledged, leaving older alerts out', async () => {
    const alerts = new AlertsRepository(db().database);
    const since = new Date();
    const before = await alerts.countBySeveritySince(since);
    const [, , critical] = await db().database.transaction((tx) =>
      alerts.insertNew(tx, [
        alert({ severity: 'warning' }),
        alert({ severity: 'info' }),
        alert({ severity: 'critical' }),
      ]),
    );
    await alerts.acknowledge(critical.id, 'user-1');
    const counts = await alerts.countBySeveritySince(since);
    expect(before).toEqual([]);
    expect(counts.sort((a, b) => a.severity.localeCompare(b.severity))).toEqual([
      { severity: 'critical', raised: 1, unacknowledged: 0 },
      { severity: 'info', raised: 1, unacknowledged: 1 },
      { severity: 'warning', raised: 1, unacknowledged: 1 },
    ]);
    expect(await alerts.countBySeveritySince(new Date(Date.now() + 60_000))).toEqual([]);
    // Restricted to cameras the caller is granted: none of these (camera 4) for a camera-5 caller.
    expect(await alerts.countBySeveritySince(since, [5])).toEqual([]);
    expect(await alerts.countBySeveritySince(since, [4, 5])).toHaveLength(3);
  });

  it('lists only the granted cameras’ alerts when restricted', async () => {
    const alerts = new AlertsRepository(db().database);
    const since = new Date().toISOString();
    const [seven, eight] = await db().database.transaction((tx) =>
      alerts.insertNew(tx, [alert({ cameraId: 7 }), alert({ cameraId: 8 })]),
    );
    const listed = await alerts.list({ from: since, cameraIds: [7], limit: 10 });
    expect(listed.map((row) => row.id)).toEqual([seven.id]);
    const both = await alerts.list({ from: since, cameraIds: [7, 8], limit: 10 });
    expect(both.map((row) => row.id).sort()).toEqual([seven.id, eight.id].sort());
    expect(await alerts.list({ from: since, cameraIds: [], limit: 10 })).toEqual([]);
  });

  it('keeps the first acknowledgement', async () => {
    const alerts = new AlertsRepository(db().database);
    const [row] = await db().database.transaction((tx) => alerts.insertNew(tx, [alert()]));
    const first = await alerts.acknowledge(row.id, 'user-1');
    const second = await alerts.acknowledge(row.id, 'user-2');
    expect(first?.acknowledged_by).toBe('user-1');
    expect(second?.acknowledged_by).toBe('user-1');
    expect(second?.acknowledged_at).toEqual(first?.acknowledged_at);
    expect(await alerts.acknowledge(randomUUID(), 'user-1')).toBeNull();
  });
});
