import type { Tx } from '@gt-vision/backend-database';
import { useTestDatabase } from '@gt-vision/backend-testing';
import { startTracing } from '@gt-vision/backend-tracing';
import { context, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OutboxRepository, type OutboxMessage } from './outbox.repository';
import { addOutboxTraceHeaders, createOutboxTable } from './outbox.table';

/** A service's migration, as analytics or the registry writes it. */
class CreateOutbox1700000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE SCHEMA outbox_test');
    await createOutboxTable(runner, 'outbox_test');
    await addOutboxTraceHeaders(runner, 'outbox_test');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP SCHEMA outbox_test CASCADE');
  }
}

const testDb = useTestDatabase({ schema: 'outbox_test', migrations: [CreateOutbox1700000000000] });
const db = () => testDb().database;
const repository = () => new OutboxRepository(db(), { schema: 'outbox_test' });
const inTx = <T>(work: (tx: Tx) => Promise<T>) => db().transaction(work);

const event = (cameraId: number, n: number): OutboxMessage => ({
  subject: 'camera.changed',
  key: String(cameraId),
  payload: { cameraId, n },
});

beforeEach(async () => {
  await db().execute('TRUNCATE outbox_test.outbox');
});

describe('OutboxRepository on PostgreSQL', () => {
  it('claims the oldest messages, several per camera, oldest first, up to the limit', async () => {
    await inTx((tx) => repository().add(tx, [event(1, 1), event(2, 1), event(1, 2), event(3, 1)]));
    const claimed = await inTx((tx) => repository().claim(tx, 2));
    expect(claimed.map((m) => m.payload)).toEqual([
      { cameraId: 1, n: 1 },
      { cameraId: 2, n: 1 },
    ]);
    const all = await inTx((tx) => repository().claim(tx, 10));
    expect(all.map((m) => [m.key, m.subject, (m.payload as { n: number }).n])).toEqual([
      ['1', 'camera.changed', 1],
      ['2', 'camera.changed', 1],
      ['1', 'camera.changed', 2],
      ['3', 'camera.changed', 1],
    ]);
  });

  it('claims a busy key’s messages together, in order: one key is not one message per claim', async () => {
    await inTx((tx) =>
      repository().add(
        tx,
        Array.from({ length: 30 }, (_, i) => event(1, i)),
      ),
    );
    const claimed = await inTx((tx) => repository().claim(tx, 25));
    expect(claimed.map((m) => (m.payload as { n: number }).n)).toEqual(
      Array.from({ length: 25 }, (_, i) => i),
    );
  });

  it('keeps the trace of the storing transaction with each message, and none when there was none', async () => {
    startTracing('outbox-db-spec');
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const storing = trace.setSpanContext(ROOT_CONTEXT, {
      traceId,
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
    });
    await context.with(storing, () => inTx((tx) => repository().add(tx, [event(1, 1)])));
    await inTx((tx) => repository().add(tx, [event(1, 2)]));
    const claimed = await inTx((tx) => repository().claim(tx, 10));
    expect(claimed.map((m) => m.traceHeaders)).toEqual([
      { traceparent: `00-${traceId}-b7ad6b7169203331-01` },
      undefined,
    ]);
  });

  it('keeps payloads byte for byte (json, keys in the order written)', async () => {
    await inTx((tx) => repository().add(tx, [{ ...event(1, 1), payload: { z: 1, a: [2, 'x'] } }]));
    const [row] = await db().query<{ text: string }>(
      'SELECT payload::text AS text FROM outbox_test.outbox',
    );
    expect(row.text).toBe('{"z":1,"a":[2,"x"]}');
  });

  it('skips rows another relay holds, and never hands out a later message of a held key', async () => {
    await inTx((tx) => repository().add(tx, [event(1, 1), event(1, 2), event(2, 1)]));
    await inTx(async (first) => {
      const held = await repository().claim(first, 1);
      expect(held.map((m) => m.payload)).toEqual([{ cameraId: 1, n: 1 }]);
      // A second relay meanwhile: key 1's head is locked, and its next message must wait for it.
      const other = await inTx((second) => repository().claim(second, 10));
      expect(other.map((m) => m.payload)).toEqual([{ cameraId: 2, n: 1 }]);
    });
  });

  it('hands a key’s later messages out only once the earlier ones are deleted', async () => {
    await inTx((tx) => repository().add(tx, [event(1, 1), event(1, 2), event(1, 3)]));
    await inTx(async (tx) => {
      const first = await repository().claim(tx, 2);
      expect(first.map((m) => m.payload)).toEqual([
        { cameraId: 1, n: 1 },
        { cameraId: 1, n: 2 },
      ]);
      // Meanwhile another relay gets nothing of key 1, not even its third message.
      expect(await inTx((other) => repository().claim(other, 10))).toEqual([]);
      await repository().remove(
        tx,
        first.map((m) => m.id),
      );
    });
    const next = await inTx((tx) => repository().claim(tx, 10));
    expect(next.map((m) => m.payload)).toEqual([{ cameraId: 1, n: 3 }]);
  });

  it('gives a claimed message back when its transaction rolls back (a crash before the delete)', async () => {
    await inTx((tx) => repository().add(tx, [event(1, 1)]));
    await expect(
      inTx(async (tx) => {
        expect(await repository().claim(tx, 10)).toHaveLength(1);
        throw new Error('relay crashed');
      }),
    ).rejects.toThrow('relay crashed');
    expect(await inTx((tx) => repository().claim(tx, 10))).toHaveLength(1);
  });

  it('counts failed attempts on the rows, which stay, and reports the backlog', async () => {
    await inTx((tx) => repository().add(tx, [event(1, 1), event(2, 1)]));
    const ids = (await inTx((tx) => repository().claim(tx, 10))).map((m) => m.id);
    await inTx((tx) => repository().recordFailure(tx, ids, 'NATS did not answer'));
    const rows = await db().query<{ attempts: number; last_error: string }>(
      'SELECT attempts, last_error FROM outbox_test.outbox ORDER BY id',
    );
    expect(rows).toEqual([
      { attempts: 1, last_error: 'NATS did not answer' },
      { attempts: 1, last_error: 'NATS did not answer' },
    ]);
    const backlog = await repository().backlog();
    expect(backlog.pending).toBe(2);
    expect(backlog.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('reports an empty backlog as zero pending, age 0', async () => {
    expect(await repository().backlog()).toEqual({ pending: 0, oldestAgeSeconds: 0 });
  });
});
