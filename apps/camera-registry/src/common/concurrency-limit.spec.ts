import { ConcurrencyLimit, ConcurrencyLimitFullError } from './concurrency-limit';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ConcurrencyLimit', () => {
  it('runs at most `limit` tasks at once, the others in arrival order', async () => {
    const limit = new ConcurrencyLimit(2, 10);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const done = gates.map((gate, i) =>
      limit.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);

    gates[1].resolve();
    await done[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);

    gates[0].resolve();
    gates[2].resolve();
    gates[3].resolve();
    expect(await Promise.all(done)).toEqual([0, 1, 2, 3]);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('refuses a task when the queue is full, and frees the slot of a task that fails', async () => {
    const limit = new ConcurrencyLimit(1, 1);
    const gate = deferred();
    const first = limit.run(() => gate.promise);
    const second = limit.run(async () => 'second');
    await expect(limit.run(async () => 'third')).rejects.toBeInstanceOf(ConcurrencyLimitFullError);

    gate.resolve();
    await first;
    expect(await second).toBe('second');
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limit.run(async () => 'after a failure')).toBe('after a failure');
  });
});
