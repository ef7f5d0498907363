import { BatchRefusedError, MicroBatcher, type MicroBatcherOptions } from './micro-batcher';

const OPTIONS: MicroBatcherOptions = {
  maxBatchItems: 4,
  lingerMs: 5,
  maxInFlight: 1,
  maxQueuedItems: 10,
  timeoutMs: 1000,
};

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('MicroBatcher', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('flushes concurrent callers together once the linger passes, and resolves each', async () => {
    const flushes: number[][] = [];
    const batcher = new MicroBatcher<number>(async (items) => {
      flushes.push(items);
    }, OPTIONS);
    const done = [batcher.add([1]), batcher.add([2, 3])];
    expect(flushes).toEqual([]);
    await jest.advanceTimersByTimeAsync(5);
    await Promise.all(done);
    expect(flushes).toEqual([[1, 2, 3]]);
  });

  it('flushes at once when a batch is full, without splitting a caller across batches', async () => {
    const flushes: number[][] = [];
    const batcher = new MicroBatcher<number>(
      async (items) => {
        flushes.push(items);
      },
      { ...OPTIONS, maxInFlight: 2 },
    );
    const done = [batcher.add([1, 2, 3]), batcher.add([4, 5])];
    await jest.advanceTimersByTimeAsync(0);
    expect(flushes).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    await Promise.all(done);
  });

  it('gathers what arrives during a flush into the next one', async () => {
    const flushes: number[][] = [];
    const first = deferred();
    const batcher = new MicroBatcher<number>((items) => {
      flushes.push(items);
      return flushes.length === 1 ? first.promise : Promise.resolve();
    }, OPTIONS);
    const a = batcher.add([1]);
    await jest.advanceTimersByTimeAsync(5);
    const later = [batcher.add([2]), batcher.add([3])];
    await jest.advanceTimersByTimeAsync(50);
    expect(flushes).toEqual([[1]]);
    first.resolve();
    await a;
    await jest.advanceTimersByTimeAsync(0);
    await Promise.all(later);
    expect(flushes).toEqual([[1], [2, 3]]);
  });

  it('rejects every caller of a failed flush, keeping the cause, and carries on', async () => {
    let fail = true;
    const batcher = new MicroBatcher<number>(async () => {
      if (fail) throw new Error('broker down');
    }, OPTIONS);
    const failed = Promise.allSettled([batcher.add([1]), batcher.add([2])]);
    await jest.advanceTimersByTimeAsync(5);
    const results = await failed;
    for (const result of results) {
      expect(result).toMatchObject({ status: 'rejected', reason: { reason: 'failed' } });
      const reason = (result as PromiseRejectedResult).reason as BatchRefusedError;
      expect((reason.cause as Error).message).toBe('broker down');
    }
    fail = false;
    const ok = batcher.add([3]);
    await jest.advanceTimersByTimeAsync(5);
    await expect(ok).resolves.toBeUndefined();
  });

  it('answers a caller by its deadline when the flush hangs, and drops it if still queued', async () => {
    const hang = deferred();
    const flushes: number[][] = [];
    const batcher = new MicroBatcher<number>(
      (items) => {
        flushes.push(items);
        return hang.promise;
      },
      { ...OPTIONS, timeoutMs: 100 },
    );
    const inFlight = batcher.add([1]);
    await jest.advanceTimersByTimeAsync(5);
    const queued = batcher.add([2]);
    const both = Promise.allSettled([inFlight, queued]);
    await jest.advanceTimersByTimeAsync(100);
    expect(await both).toEqual([
      { status: 'rejected', reason: expect.objectContaining({ reason: 'timeout' }) },
      { status: 'rejected', reason: expect.objectContaining({ reason: 'timeout' }) },
    ]);
    hang.resolve();
    await jest.advanceTimersByTimeAsync(10);
    // The expired caller's item is never sent late.
    expect(flushes).toEqual([[1]]);
    expect(batcher.queued).toBe(0);
  });

  it('refuses at once beyond the queue bound', async () => {
    const batcher = new MicroBatcher<number>(() => new Promise(() => undefined), {
      ...OPTIONS,
      maxQueuedItems: 3,
    });
    void batcher.add([1, 2, 3]).catch(() => undefined);
    await expect(batcher.add([4])).rejects.toMatchObject({ reason: 'overloaded' });
  });
});
