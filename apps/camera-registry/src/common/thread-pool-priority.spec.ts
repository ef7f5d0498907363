import { pbkdf2 } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { lowerThreadPoolPriority } from './thread-pool-priority';

function poolThreads(): number[] {
  return readdirSync('/proc/self/task')
    .filter((tid) => readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim() === 'libuv-worker')
    .map(Number);
}

// The project runs on Linux (brief §5); the function itself returns 0 elsewhere.
describe('lowerThreadPoolPriority', () => {
  it("lowers the pool threads' priority and leaves the main thread's alone", async () => {
    // Any thread-pool job starts the pool.
    await new Promise((resolve, reject) =>
      pbkdf2('x', 'salt', 1, 32, 'sha256', (error, key) => (error ? reject(error) : resolve(key))),
    );
    const mainBefore = getPriority(process.pid);
    // Under `nice` (a loaded CI machine) the pool may already be lower: ask for lower still.
    const nice = Math.min(19, Math.max(7, mainBefore + 1));

    const changed = lowerThreadPoolPriority(nice);

    const threads = poolThreads();
    expect(threads.length).toBeGreaterThan(0);
    expect(changed).toBe(threads.length);
    for (const tid of threads) expect(getPriority(tid)).toBeGreaterThanOrEqual(nice);
    expect(getPriority(process.pid)).toBe(mainBefore);
  });

  it('leaves a thread already lower where it is, and counts it', () => {
    const threads = poolThreads();
    const lower = Math.max(...threads.map((tid) => getPriority(tid)));
    // Raising a thread's priority back needs privileges: the function never asks for it.
    expect(lowerThreadPoolPriority(lower - 1)).toBe(threads.length);
    for (const tid of threads) expect(getPriority(tid)).toBe(lower);
  });
});
