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
