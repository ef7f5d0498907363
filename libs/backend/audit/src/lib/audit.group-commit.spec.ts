import { GroupCommit } from './audit.group-commit';

/** A write that stays open until the test ends it, recording the batches it was given. */
function heldWrites() {
  const batches: number[][] = [];
  const open: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const write = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      batches.push(items);
      open.push({ resolve, reject });
    });
  const next = () => {
    const held = open.shift();
    if (!held) throw new Error('no write under way');
    return held;
  };
  return { batches, write, next };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('writes a lone item at once, and what arrives meanwhile together in the next write', async () => {
    const writes = heldWrites();
    const group = new GroupCommit(writes.write, 500);
    const first = group.add(1);
    const rest = [2, 3, 4].map((n) => group.add(n));
    expect(writes.batches).toEqual([[1]]);

    writes.next().resolve();
    await first;
    await settled();
    expect(writes.batches).toEqual([[1], [2, 3, 4]]);

    writes.next().resolve();
    await Promise.all(rest);
    expect(writes.batches).toHaveLength(2);
  });

  it('settles a caller only when the write holding its item is done', async () => {
    const writes = heldWrites();
    const group = new GroupCommit(writes.write, 500);
    let done = false;
    void group.add(1).then(() => (done = true));
    await settled();
    expect(done).toBe(false);
    writes.next().resolve();
    await settled();
    expect(done).toBe(true);
  });

  it('caps a batch, leaving the rest for the writes after it', async () => {
    const writes = heldWrites();
    const group = new GroupCommit(writes.write, 2);
    const all = [1, 2, 3, 4, 5, 6].map((n) => group.add(n));
    for (let i = 0; i < 4; i++) {
      writes.next().resolve();
      await settled();
    }
    await Promise.all(all);
    expect(writes.batches).toEqual([[1], [2, 3], [4, 5], [6]]);
  });

  it('rejects every caller of a failed write, and the next write goes on', async () => {
    const writes = heldWrites();
    const group = new GroupCommit(writes.write, 500);
    const first = group.add(1);
    const failing = [2, 3, 4].map((n) => group.add(n));
    writes.next().resolve();
    await first;
    await settled();

    const error = new Error('could not write');
    writes.next().reject(error);
    for (const call of failing) await expect(call).rejects.toBe(error);

    const after = group.add(5);
    writes.next().resolve();
    await expect(after).resolves.toBeUndefined();
    expect(writes.batches).toEqual([[1], [2, 3, 4], [5]]);
  });
});
