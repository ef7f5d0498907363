import { useTestDatabase } from '@gt-vision/backend-testing';
import { randomUUID } from 'node:crypto';
import { detectionEvent } from '../consumer/detection-event.fixture';
import { toInsertRow } from '../detections/detection.row';
import { DetectionsRepository } from '../detections/detections.repository';
import { migrations } from '../migrations';
import { partitionOf } from '../partitions/partition-plan';
import { PartitionsRepository, PLATE_COUNTS_KEPT_HOURS } from '../partitions/partitions.repository';
import { DashboardRepository } from './dashboard.repository';

const db = useTestDatabase({ schema: 'analytics', migrations });
const detections = new DetectionsRepository();
const partitions = new PartitionsRepository();
const dashboard = new DashboardRepository();
const HOUR = 3_600_000;
const hourStart = (at: number) => Math.floor(at / HOUR) * HOUR;
const now = Date.now();
const thisHour = hourStart(now);
const lastHour = thisHour - HOUR;
const at = (hour: number, minutes: number) => new Date(hour + minutes * 60_000).toISOString();
const seen = (cameraId: number, plate: string, capturedAt: string) =>
  detectionEvent({ id: randomUUID(), cameraId, plate, capturedAt, alternatives: [] });

describe('dashboard counts kept by the detection insert', () => {
  it('counts each stored detection once per hour, camera and plate, re-deliveries not again', async () => {
    await db().database.transaction(async (tx) => {
      for (const t of [lastHour, thisHour]) await partitions.create(tx, partitionOf(new Date(t)));
    });
    const batch = [
      seen(1, 'AAA1A11', at(lastHour, 5)),
      seen(1, 'AAA1A11', at(lastHour, 50)),
      seen(2, 'BBB2B22', at(lastHour, 55)),
      seen(2, 'AAA1A11', at(thisHour, 1)),
    ];
    await detections.insertBatch(db().database, batch.map(toInsertRow));
    // A re-delivery of two of them with one new detection: only the new one counts.
    const late = seen(2, 'BBB2B22', at(thisHour, 2));
    await detections.insertBatch(db().database, [batch[0], batch[3], late].map(toInsertRow));

    const since = new Date(lastHour);
    const perHour = await dashboard.perHour(db().database, since);
    expect(perHour.sort((a, b) => a.hour.localeCompare(b.hour))).toEqual([
      { hour: new Date(lastHour).toISOString(), count: 3 },
      { hour: new Date(thisHour).toISOString(), count: 2 },
    ]);
    expect(await dashboard.perCamera(db().database, since)).toEqual([
      { cameraId: 2, count: 3 },
      { cameraId: 1, count: 2 },
    ]);
    expect(await dashboard.topPlates(db().database, since, 1)).toEqual([
      { plate: 'AAA1A11', count: 3 },
    ]);
    expect(await dashboard.topPlates(db().database, new Date(thisHour), 10)).toEqual([
      { plate: 'AAA1A11', count: 1 },
      { plate: 'BBB2B22', count: 1 },
    ]);

    // A caller granted camera 1 only: its figures, nothing of camera 2.
    expect(await dashboard.perCamera(db().database, since, [1])).toEqual([
      { cameraId: 1, count: 2 },
    ]);
    expect(await dashboard.perHour(db().database, since, [1])).toEqual([
      { hour: new Date(lastHour).toISOString(), count: 2 },
    ]);
    expect(await dashboard.topPlatesOf(db().database, since, 10, [2])).toEqual([
      { plate: 'BBB2B22', count: 2 },
      { plate: 'AAA1A11', count: 1 },
    ]);
    expect(await dashboard.perCamera(db().database, since, [])).toEqual([]);
  });

  it('drops camera counts with their partitions and plate counts past the dashboard window', async () => {
    const old = thisHour - (PLATE_COUNTS_KEPT_HOURS + 1) * HOUR;
    await db().database.transaction((tx) => partitions.create(tx, partitionOf(new Date(old))));
    await detections.insertBatch(db().database, [seen(3, 'OLD3C33', at(old, 0))].map(toInsertRow));
    const since = new Date(old);
    expect(await dashboard.topPlates(db().database, since, 100)).toContainEqual({
      plate: 'OLD3C33',
      count: 1,
    });

    await db().database.transaction((tx) =>
      partitions.trimCounts(tx, new Date(old - HOUR), new Date(now)),
    );
    expect(await dashboard.topPlates(db().database, since, 100)).not.toContainEqual(
      expect.objectContaining({ plate: 'OLD3C33' }),
    );
    expect(await dashboard.perCamera(db().database, since)).toContainEqual({
      cameraId: 3,
      count: 1,
    });

    await db().database.transaction((tx) =>
      partitions.trimCounts(tx, new Date(old + HOUR), new Date(now)),
    );
    expect(await dashboard.perCamera(db().database, since)).not.toContainEqual(
      expect.objectContaining({ cameraId: 3 }),
    );
  });
});
