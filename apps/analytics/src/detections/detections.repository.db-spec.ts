import { useTestDatabase } from '@gt-vision/backend-testing';
import { DetectionSearchQueryDto } from '@gt-vision/shared-types';
import { plainToInstance } from 'class-transformer';
import { randomUUID } from 'node:crypto';
import { detectionEvent } from '../consumer/detection-event.fixture';
import { migrations } from '../migrations';
import { partitionOf } from '../partitions/partition-plan';
import { PartitionsRepository } from '../partitions/partitions.repository';
import { encodeCursor } from './detection-cursor';
import { toInsertRow } from './detection.row';
import { searchSlices } from './detection-search.sql';
import { DetectionsRepository } from './detections.repository';

const db = useTestDatabase({ schema: 'analytics', migrations });
const detections = new DetectionsRepository();
const partitions = new PartitionsRepository();
const DAY = 86_400_000;
const today = new Date();

const search = (fields: Record<string, unknown>, limit = 50) =>
  detections.search(
    db().database,
    searchSlices(plainToInstance(DetectionSearchQueryDto, fields), new Date()),
    limit,
  );
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
const at = (offsetMs: number) => new Date(today.getTime() - offsetMs).toISOString();

const main = detectionEvent({
  id: randomUUID(),
  cameraId: 7,
  plate: 'ABC1D23',
  capturedAt: at(3000),
  alternatives: [{ plate: 'XYZ9K88', confidence: 0.3 }],
});
const other = detectionEvent({
  id: randomUUID(),
  cameraId: 8,
  plate: 'QWE4R56',
  capturedAt: at(2000),
  alternatives: [],
});

beforeAll(async () => {
  await db().database.transaction(async (tx) => {
    for (const day of [-1, 0, 1])
      await partitions.create(tx, partitionOf(new Date(today.getTime() + day * DAY)));
  });
  await detections.insertBatch(db().database, [main, other].map(toInsertRow));
});

describe('DetectionsRepository on PostgreSQL', () => {
  it('inserts a detection once, however often it comes, and says which were new', async () => {
    const fresh = detectionEvent({
      id: randomUUID(),
      capturedAt: at(1000),
      plate: 'NEW1A23',
      alternatives: [],
    });
    const inserted = await detections.insertBatch(
      db().database,
      [main, fresh, fresh].map(toInsertRow),
    );
    expect([...inserted]).toEqual([fresh.id]);
    expect(ids(await search({ plate: 'ABC1D23', match: 'exact' }))).toEqual([main.id]);
  });

  it.each([
    ['exact', 'ABC1D23', [main]],
    ['exact on an alternative', 'XYZ9K88', [main]],
    ['prefix', 'ABC', [main]],
    ['prefix of an alternative', 'XYZ', [main]],
    ['prefix inside a reading (none)', 'C1D', []],
    ['contains', 'C1D2', [main]],
    ['wildcard', 'AB?1*', [main]],
    ['ocr', 'A8C1O23', [main]],
  ] as const)('finds by %s', async (label, plate, expected) => {
    const match = label.split(' ')[0];
    expect(ids(await search({ plate, match }))).toEqual(expected.map((e) => e.id));
  });

  it('does not match look-alikes exactly, nor a wildcard inside a reading', async () => {
    expect(await search({ plate: 'A8C1O23', match: 'exact' })).toEqual([]);
    expect(await search({ plate: 'BC*', match: 'wildcard' })).toEqual([]);
  });

  it('pages newest first with a cursor that stays put when newer rows arrive', async () => {
    const first = await search({}, 1);
    const page1 = first.slice(0, 1);
    const newer = detectionEvent({
      id: randomUUID(),
      capturedAt: at(0),
      plate: 'LATE1A2',
      alternatives: [],
    });
    await detections.insertBatch(db().database, [toInsertRow(newer)]);
    const cursor = encodeCursor({ capturedAt: page1[0].cursor_at, id: page1[0].id });
    const rest = await search({ cursor });
    expect(ids(rest)).not.toContain(newer.id);
    expect(ids(rest)).not.toContain(page1[0].id);
    expect(rest.every((r) => r.captured_at.getTime() <= page1[0].captured_at.getTime())).toBe(true);
  });

  it('filters by camera and reads a detection back by id', async () => {
    expect(ids(await search({ cameraId: '8' }))).toEqual([other.id]);
    const row = await detections.findById(db().database, main.id);
    expect(row).toMatchObject({ plate: 'ABC1D23', camera_id: 7, alternatives: main.alternatives });
  });

  it('answers by id alike once its lookup runs on a plan kept for the connection', async () => {
    // PL/pgSQL plans a statement for its values five times, then keeps one plan for any value.
    await db().database.transaction(async (tx) => {
      for (let i = 0; i < 7; i++) {
        expect(await detections.findById(tx, main.id)).toMatchObject({ id: main.id });
        expect(await detections.findById(tx, randomUUID())).toBeUndefined();
      }
      expect(await detections.snapshotRefOf(tx, other.id)).toEqual({
        snapshot_ref: null,
        camera_id: 8,
      });
    });
  });

  it('pages newest first across its day, week and older slices', async () => {
    const cameraId = 31;
    const aged = [3600_000, 3 * DAY, 10 * DAY, 20 * DAY].map((age) =>
      detectionEvent({ id: randomUUID(), cameraId, plate: 'SLC1A23', capturedAt: at(age) }),
    );
    await db().database.transaction(async (tx) => {
      for (const event of aged)
        await partitions.create(tx, partitionOf(new Date(event.capturedAt)));
    });
    await detections.insertBatch(db().database, aged.map(toInsertRow));
    const newestFirst = aged.map((e) => e.id);

    expect(ids(await search({ cameraId }))).toEqual(newestFirst);
    const first = await search({ cameraId }, 2);
    expect(ids(first)).toEqual(newestFirst.slice(0, 3)); // the third one says "there is more"
    const cursor = encodeCursor({ capturedAt: first[1].cursor_at, id: first[1].id });
    expect(ids(await search({ cameraId, cursor }, 2))).toEqual(newestFirst.slice(2));
    expect(ids(await search({ cameraId, from: at(5 * DAY) }))).toEqual(newestFirst.slice(0, 2));
    expect(ids(await search({ cameraId, to: at(2 * DAY) }))).toEqual(newestFirst.slice(1));
    expect(ids(await search({ plate: 'SLC1', match: 'prefix', cameraId }, 3))).toEqual(newestFirst);
  });

  it('finds a plate-only search by every match, on the plans kept for the connection', async () => {
    const aged = [3600_000, 3 * DAY, 10 * DAY, 12 * DAY, 20 * DAY].map((age, i) =>
      detectionEvent({
        id: randomUUID(),
        cameraId: 41,
        plate: i === 3 ? 'OLD9Z99' : 'OLD1B23',
        capturedAt: at(age),
        alternatives: i === 4 ? [{ plate: 'QOLD1B2', confidence: 0.4 }] : [],
      }),
    );
    await db().database.transaction(async (tx) => {
      for (const event of aged)
        await partitions.create(tx, partitionOf(new Date(event.capturedAt)));
    });
    await detections.insertBatch(db().database, aged.map(toInsertRow));
    const [day, week, older, otherPlate, withAlternative] = aged.map((e) => e.id);
    // The function plans its statements for their values five times, then keeps one plan.
    for (let run = 0; run < 7; run++) {
      expect(ids(await search({ plate: 'OLD1B23', match: 'exact' }))).toEqual([
        day,
        week,
        older,
        withAlternative,
      ]);
      expect(ids(await search({ plate: '0LD1823', match: 'ocr' }))).toEqual([
        day,
        week,
        older,
        withAlternative,
      ]);
      expect(ids(await search({ plate: 'OLD', match: 'prefix' }))).toEqual([
        day,
        week,
        older,
        otherPlate,
        withAlternative,
      ]);
      // Inside a reading, not at its start: only a substring search finds it.
      expect(ids(await search({ plate: 'LD1B', match: 'prefix' }))).toEqual([]);
      expect(ids(await search({ plate: 'LD1B', match: 'contains' }))).toEqual([
        day,
        week,
        older,
        withAlternative,
      ]);
      expect(ids(await search({ plate: 'OLD9*', match: 'wildcard' }))).toEqual([otherPlate]);
    }
    // A page the day and the week fill: the older slice is not asked.
    expect(ids(await search({ plate: 'OLD1B23', match: 'exact' }, 1))).toEqual([day, week]);
    const first = await search({ plate: 'OLD1B23', match: 'exact' }, 3);
    const cursor = encodeCursor({ capturedAt: first[2].cursor_at, id: first[2].id });
    expect(ids(await search({ plate: 'OLD1B23', match: 'exact', cursor }, 3))).toEqual([
      withAlternative,
    ]);
    expect(ids(await search({ plate: 'OLD1B23', match: 'exact', to: at(11 * DAY) }))).toEqual([
      withAlternative,
    ]);
  });

  it('lists and drops partitions under a transaction-scoped lease', async () => {
    const old = partitionOf(new Date(today.getTime() - 40 * DAY));
    await db().database.transaction(async (tx) => {
      expect(await partitions.tryLease(tx)).toBe(true);
      await partitions.create(tx, old);
      expect(await partitions.list(tx)).toContain(old.name);
      await partitions.drop(tx, old.name);
      expect(await partitions.list(tx)).not.toContain(old.name);
    });
  });
});
