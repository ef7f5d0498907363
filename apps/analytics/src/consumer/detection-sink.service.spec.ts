import type { Database, Tx } from '@gt-vision/backend-database';
import { QueryFailedError } from 'typeorm';
import type { DetectionInsertRow } from '../detections/detection.row';
import type { DetectionsRepository } from '../detections/detections.repository';
import { DetectionBatchHooks } from './detection-batch.hooks';
import { detectionEvent } from './detection-event.fixture';
import { DetectionSinkService } from './detection-sink.service';

const tx: Tx = { query: jest.fn(), execute: jest.fn() };
const dataSource = {
  transaction: (work: (handle: Tx) => Promise<unknown>) => work(tx),
} as unknown as Database;

describe('DetectionSinkService', () => {
  it('hands the hooks only the detections this batch inserted, once each', async () => {
    const stored = new Set(['00000000-0000-4000-8000-000000000002']);
    const repository = {
      insertBatch: jest.fn(async (_db: unknown, rows: DetectionInsertRow[]) => {
        expect(rows.map((r) => r.id)).toHaveLength(3);
        return new Set(rows.map((r) => r.id).filter((id) => !stored.has(id)));
      }),
    } as unknown as DetectionsRepository;
    const hooks = new DetectionBatchHooks();
    const seen: string[][] = [];
    hooks.register({
      name: 'probe',
      onDetectionsStored: async (handle, detections) => {
        expect(handle).toBe(tx);
        seen.push(detections.map((d) => d.id));
      },
    });
    const fresh = detectionEvent({ id: '00000000-0000-4000-8000-000000000001' });
    const old = detectionEvent({ id: '00000000-0000-4000-8000-000000000002' });
    const result = await new DetectionSinkService(dataSource, repository, hooks).store([
      fresh,
      old,
      fresh,
    ]);
    expect(seen).toEqual([[fresh.id]]);
    expect(result).toEqual({ inserted: 1, duplicates: 2, rejected: [] });
  });

  it('does not call hooks when nothing new was stored', async () => {
    const repository = {
      insertBatch: jest.fn(async () => new Set<string>()),
    } as unknown as DetectionsRepository;
    const hooks = new DetectionBatchHooks();
    const hook = { name: 'probe', onDetectionsStored: jest.fn() };
    hooks.register(hook);
    await new DetectionSinkService(dataSource, repository, hooks).store([detectionEvent()]);
    expect(hook.onDetectionsStored).not.toHaveBeenCalled();
  });

  it('runs what the hooks return after the commit of their own transaction, never after a rollback', async () => {
    const repository = {
      insertBatch: jest.fn(
        async (_db: unknown, rows: DetectionInsertRow[]) => new Set(rows.map((r) => r.id)),
      ),
    } as unknown as DetectionsRepository;
    const order: string[] = [];
    const committed: string[][] = [];
    const hooks = new DetectionBatchHooks();
    hooks.register({
      name: 'probe',
      onDetectionsStored: async (_handle, detections) => {
        order.push('stored');
        return () => {
          order.push('committed');
          committed.push(detections.map((d) => d.id));
        };
      },
    });
    const event = detectionEvent();
    const committing = {
      transaction: async (work: (handle: Tx) => Promise<unknown>) => {
        const value = await work(tx);
        order.push('commit');
        return value;
      },
    } as unknown as Database;
    await new DetectionSinkService(committing, repository, hooks).store([event]);
    expect(order).toEqual(['stored', 'commit', 'committed']);
    expect(committed).toEqual([[event.id]]);

    const failing = {
      transaction: async () => {
        throw new Error('serialization failure');
      },
    } as unknown as Database;
    await expect(
      new DetectionSinkService(failing, repository, hooks).store([event]),
    ).rejects.toThrow('serialization failure');
    expect(committed).toHaveLength(1);
  });

  describe('when PostgreSQL refuses rows', () => {
    const failed = (code: string) =>
      new QueryFailedError('INSERT', [], Object.assign(new Error(`refused ${code}`), { code }));
    const events = Array.from({ length: 64 }, (_, i) =>
      detectionEvent({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }),
    );
    const bad = new Set([events[2].id, events[61].id]);

    /** A database that refuses every statement with a bad row in it; counts transactions. */
    function refusing(code: string) {
      const committed: string[] = [];
      let transactions = 0;
      const repository = {
        insertBatch: jest.fn(async (_db: unknown, rows: DetectionInsertRow[]) => {
          if (rows.some((r) => bad.has(r.id))) throw failed(code);
          return new Set(rows.map((r) => r.id));
        }),
      } as unknown as DetectionsRepository;
      const database = {
        transaction: async (work: (handle: Tx) => Promise<unknown>) => {
          transactions++;
          return work(tx);
        },
      } as unknown as Database;
      const hooks = new DetectionBatchHooks();
      hooks.register({
        name: 'probe',
        onDetectionsStored: async (_handle, detections) => () =>
          committed.push(...detections.map((d) => d.id)),
      });
      return {
        sink: new DetectionSinkService(database, repository, hooks),
        committed,
        transactions: () => transactions,
      };
    }

    it('isolates the refused rows by bisecting, stores the rest and says why each was refused', async () => {
      const { sink, committed, transactions } = refusing('22P05');
      const result = await sink.store(events);
      expect(result.inserted).toBe(62);
      expect(result.duplicates).toBe(0);
      expect(result.rejected.map((r) => r.event.id)).toEqual([events[2].id, events[61].id]);
      expect(result.rejected[0].rejection).toEqual({ sqlState: '22P05', problem: 'refused 22P05' });
      expect(committed.sort()).toEqual(
        events
          .map((e) => e.id)
          .filter((id) => !bad.has(id))
          .sort(),
      );
      // Bisection, not one transaction per row: 2 bad rows of 64 take at most 1 + 2 × 2 × log2(64).
      expect(transactions()).toBeLessThanOrEqual(25);
    });

    it('retries an outage whole: nothing is rejected for it', async () => {
      for (const code of ['08006', '57P01', '53300']) {
        const { sink, committed } = refusing(code);
        await expect(sink.store(events)).rejects.toThrow(`refused ${code}`);
        expect(committed).toEqual([]);
      }
      const unreachable = {
        transaction: async () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:6432');
        },
      } as unknown as Database;
      const repository = { insertBatch: jest.fn() } as unknown as DetectionsRepository;
      await expect(
        new DetectionSinkService(unreachable, repository, new DetectionBatchHooks()).store(events),
      ).rejects.toThrow('ECONNREFUSED');
    });
  });
});
