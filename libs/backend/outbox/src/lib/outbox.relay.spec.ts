import type { Counter, Gauge } from 'prom-client';
import type { Database, Tx } from '@gt-vision/backend-database';
import { startTracing, traceHeaders } from '@gt-vision/backend-tracing';
import { OutboxRelay, type OutboxPublisher } from './outbox.relay';
import type {
  OutboxBacklog,
  OutboxMessage,
  OutboxRepository,
  StoredOutboxMessage,
} from './outbox.repository';

/** The outbox table in memory; `claim` takes the oldest rows of the oldest keys, as the SQL does. */
class FakeOutbox implements Pick<OutboxRepository, keyof OutboxRepository> {
  rows: (StoredOutboxMessage & { attempts: number; lastError?: string })[] = [];
  private nextId = 1;

  async add(_tx: Tx, messages: readonly OutboxMessage[]): Promise<void> {
    for (const m of messages) this.rows.push({ ...m, id: String(this.nextId++), attempts: 0 });
  }

  async claim(_tx: Tx, limit: number): Promise<StoredOutboxMessage[]> {
    const keys = new Set([...new Set(this.rows.map((row) => row.key))].slice(0, limit));
    return this.rows.filter((row) => keys.has(row.key)).slice(0, limit);
  }

  async remove(_tx: Tx, ids: readonly string[]): Promise<void> {
    this.rows = this.rows.filter((row) => !ids.includes(row.id));
  }

  async recordFailure(_tx: Tx, ids: readonly string[], error: string): Promise<void> {
    for (const row of this.rows) {
      if (ids.includes(row.id))
        Object.assign(row, { attempts: row.attempts + 1, lastError: error });
    }
  }

  async backlog(): Promise<OutboxBacklog> {
    return { pending: this.rows.length, oldestAgeSeconds: this.rows.length ? 1.5 : 0 };
  }
}

class FakePublisher implements OutboxPublisher {
  readonly sent: { subject: string; payload: object }[] = [];
  /** The trace each publish ran in (its `traceparent`, if any). */
  readonly traces: (string | undefined)[] = [];
  /** What NATS has confirmed receiving. */
  readonly delivered: { subject: string; payload: object }[] = [];
  down = false;

  async publish(subject: string, payload: object): Promise<void> {
    this.sent.push({ subject, payload });
    this.traces.push(traceHeaders()['traceparent']);
  }

  async confirm(): Promise<void> {
    if (this.down) throw new Error('NATS did not answer');
    this.delivered.push(...this.sent.splice(0));
  }
}

const metric = () => ({ set: jest.fn(), inc: jest.fn() });

function setup() {
  const outbox = new FakeOutbox();
  const publisher = new FakePublisher();
  const db = { transaction: (work: (tx: Tx) => Promise<unknown>) => work({} as Tx) };
  const metrics = { pending: metric(), age: metric(), published: metric(), errors: metric() };
  const relay = new OutboxRelay(
    db as unknown as Database,
    outbox as unknown as OutboxRepository,
    publisher,
    metrics.pending as unknown as Gauge<string>,
    metrics.age as unknown as Gauge<string>,
    metrics.published as unknown as Counter<string>,
    metrics.errors as unknown as Counter<string>,
  );
  const add = (cameraId: number, n: number) =>
    outbox.add({} as Tx, [
      { subject: 'camera.changed', key: String(cameraId), payload: { camera: cameraId, n } },
    ]);
  return { outbox, publisher, relay, metrics, add };
}

describe('OutboxRelay', () => {
  beforeAll(() => startTracing('outbox-relay-spec'));

  it('publishes each message in the trace of the transaction that stored it', async () => {
    const { outbox, publisher, relay, add } = setup();
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await add(1, 1);
    outbox.rows[0].traceHeaders = { traceparent };
    await add(2, 1);
    await relay.drain();
    expect(publisher.traces).toEqual([traceparent, undefined]);
  });

  it('publishes every message, in order per key, and deletes it once NATS confirmed', async () => {
    const { outbox, publisher, relay, metrics, add } = setup();
    await add(1, 1);
    await add(2, 1);
    await add(1, 2);
    await add(1, 3);
    await relay.drain();
    const sequence = (camera: number) =>
      publisher.delivered
        .map((m) => m.payload as { camera: number; n: number })
        .filter((p) => p.camera === camera)
        .map((p) => p.n);
    expect(sequence(1)).toEqual([1, 2, 3]);
    expect(sequence(2)).toEqual([1]);
    expect(outbox.rows).toEqual([]);
    expect(metrics.published.inc.mock.calls.flat().reduce((a, b) => a + b, 0)).toBe(4);
    expect(metrics.pending.set).toHaveBeenLastCalledWith(0);
    expect(metrics.age.set).toHaveBeenLastCalledWith(0);
  });

  it('publishes a busy key’s backlog in one batch, in order: one transaction and one confirm', async () => {
    const { publisher, relay, metrics, add } = setup();
    for (let n = 1; n <= 50; n++) await add(7, n);
    const confirm = jest.spyOn(publisher, 'confirm');
    await relay.drain();
    expect(publisher.delivered.map((m) => (m.payload as { n: number }).n)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(metrics.published.inc.mock.calls).toEqual([[50]]);
    // Before the batch, after it, and before the claim that finds nothing left.
    expect(confirm).toHaveBeenCalledTimes(3);
  });

  it('keeps the messages while NATS is unreachable, and publishes them when it is back', async () => {
    const { outbox, publisher, relay, metrics, add } = setup();
    await add(1, 1);
    publisher.down = true;
    await expect(relay.drain()).rejects.toThrow('NATS did not answer');
    expect(outbox.rows).toHaveLength(1);
    expect(metrics.errors.inc).toHaveBeenCalledTimes(1);
    expect(metrics.pending.set).toHaveBeenLastCalledWith(1);
    expect(metrics.age.set).toHaveBeenLastCalledWith(1.5);

    publisher.down = false;
    await relay.drain();
    expect(outbox.rows).toEqual([]);
    expect(publisher.delivered).toHaveLength(1);
  });

  it('records a failed attempt when NATS stops answering mid-batch, and retries the batch later', async () => {
    const { outbox, publisher, relay, add } = setup();
    await add(1, 1);
    await add(2, 1);
    const confirm = jest.spyOn(publisher, 'confirm');
    confirm.mockImplementationOnce(async () => undefined); // reachable before the batch…
    confirm.mockRejectedValueOnce(new Error('NATS did not answer')); // …not after publishing it
    await relay.drain();
    expect(outbox.rows.map((row) => [row.attempts, row.lastError])).toEqual([
      [1, 'NATS did not answer'],
      [1, 'NATS did not answer'],
    ]);
    confirm.mockRestore();
    await relay.drain();
    expect(outbox.rows).toEqual([]);
    // At least once: the unconfirmed first sends may have arrived too.
    expect(publisher.delivered.length).toBeGreaterThanOrEqual(2);
  });

  it('coalesces wakes during a run into one more run', async () => {
    const { publisher, relay, add } = setup();
    const confirm = jest.spyOn(publisher, 'confirm');
    await add(1, 1);
    const first = relay.drain();
    relay.wake();
    relay.wake();
    await first;
    // One run drains the outbox (a confirm before and after its batch, one before the empty claim);
    // the coalesced second run finds it empty (one confirm).
    expect(confirm).toHaveBeenCalledTimes(4);
  });
});
