import { useTestDatabase } from '@gt-vision/backend-testing';
import { randomUUID } from 'node:crypto';
import { migrations } from '../migrations';
import { partitionOf } from '../partitions/partition-plan';
import { PartitionsRepository } from '../partitions/partitions.repository';
import { DetectionsRepository } from '../detections/detections.repository';
import { DetectionBatchHooks } from './detection-batch.hooks';
import { detectionEvent } from './detection-event.fixture';
import { DetectionSinkService } from './detection-sink.service';

const db = useTestDatabase({ schema: 'analytics', migrations });
const now = new Date();
const event = (overrides: Parameters<typeof detectionEvent>[0] = {}) =>
  detectionEvent({ id: randomUUID(), capturedAt: now.toISOString(), ...overrides });

let sink: DetectionSinkService;
let committed: string[];

beforeAll(async () => {
  await db().database.transaction((tx) => new PartitionsRepository().create(tx, partitionOf(now)));
  const hooks = new DetectionBatchHooks();
  committed = [];
  hooks.register({
    name: 'probe',
    onDetectionsStored: async (_tx, detections) => () =>
      committed.push(...detections.map((d) => d.id)),
  });
  sink = new DetectionSinkService(db().database, new DetectionsRepository(), hooks);
});

async function storedIds(ids: string[]): Promise<string[]> {
  const rows = await db().database.query<{ id: string }>(
    'SELECT id::text AS id FROM analytics.detections WHERE id = ANY($1::uuid[]) ORDER BY id',
    [ids],
  );
  return rows.map((row) => row.id);
}

describe('DetectionSinkService on PostgreSQL', () => {
  it('stores a batch around the rows PostgreSQL refuses, which it returns with their SQLSTATE', async () => {
    const good = Array.from({ length: 20 }, () => event());
    // Both pass the contract, but PostgreSQL's jsonb refuses a NUL character (22P05), here in the
    // raw reading and in a vehicle attribute.
    const nul = event({ plateRaw: 'abc\u0000123' });
    const inMake = event({ vehicle: { type: 'car', colour: null, make: 'x\u0000' } });
    const batch = [...good.slice(0, 7), nul, ...good.slice(7, 15), inMake, ...good.slice(15)];

    const result = await sink.store(batch);

    expect(result.inserted).toBe(20);
    expect(result.rejected.map((r) => [r.event.id, r.rejection.sqlState])).toEqual([
      [nul.id, '22P05'],
      [inMake.id, '22P05'],
    ]);
    expect(result.rejected[0].rejection.problem).toMatch(/unicode/i);
    const ids = good.map((e) => e.id);
    expect(await storedIds([...ids, nul.id, inMake.id])).toEqual([...ids].sort());
    expect(committed.sort()).toEqual([...ids].sort());
  });

  it('stores nothing twice when the same batch comes again, and rejects the same rows again', async () => {
    const good = event();
    const nul = event({ plateRaw: '\u0000' });
    await sink.store([good, nul]);
    const again = await sink.store([good, nul]);
    expect(again).toMatchObject({ inserted: 0, duplicates: 1 });
    expect(again.rejected.map((r) => r.event.id)).toEqual([nul.id]);
    expect(await storedIds([good.id, nul.id])).toEqual([good.id]);
  });
});
