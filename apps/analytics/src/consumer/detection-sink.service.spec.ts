import type { Database, Tx } from '@gt-vision/backend-database';
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
    expect(result).toEqual({ inserted: 1, duplicates: 2 });
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

  it('tells the hooks after the commit, with the same fresh detections, and not when it rolls back', async () => {
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
      onDetectionsStored: async () => {
        order.push('stored');
      },
      onDetectionsCommitted: (detections) => {
        order.push('committed');
        committed.push(detections.map((d) => d.id));
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
});
