/** Why an item was not flushed: the caller answers 503 and the client retries later. */
export class BatchRefusedError extends Error {
  constructor(
    readonly reason: 'unavailable' | 'timeout' | 'overloaded' | 'failed',
    message: string,
    /** What the flush threw, for the log; never shown to clients. */
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'BatchRefusedError';
  }
}

export interface MicroBatcherOptions {
  /** Flush as soon as this many items are queued. */
  maxBatchItems: number;
  /** Otherwise flush this long after the first item of a batch was queued. */
  lingerMs: number;
  /** Flushes running at once; further items wait in the queue and join larger batches. */
  maxInFlight: number;
  /** Beyond this many queued items, `add` is refused at once rather than growing memory. */
  maxQueuedItems: number;
  /** Each `add` settles within this time: resolved when flushed, refused (`timeout`) otherwise. */
  timeoutMs: number;
}

interface Pending<T> {
  items: T[];
  resolve: () => void;
  reject: (error: BatchRefusedError) => void;
  settled: boolean;
  timer: NodeJS.Timeout;
}

/**
 * Gathers the items of concurrent callers into shared flushes, so that N callers cost one flush (one
 * broker round trip) rather than N. A caller's items are never split across flushes, and its promise
 * settles once the flush carrying them succeeded or failed, or when its own deadline passes first.
 */
export class MicroBatcher<T> {
  private queue: Pending<T>[] = [];
  private queuedItems = 0;
  private inFlight = 0;
  private lingerTimer?: NodeJS.Timeout;

  constructor(
    private readonly flush: (items: T[]) => Promise<void>,
    private readonly options: MicroBatcherOptions,
  ) {}

  /** Queues the items; resolves once they are flushed, rejects with a BatchRefusedError otherwise. */
  add(items: T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    if (this.queuedItems + items.length > this.options.maxQueuedItems) {
      return Promise.reject(
        new BatchRefusedError('overloaded', 'too many detections waiting to be stored'),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const pending: Pending<T> = {
        items,
        resolve,
        reject,
        settled: false,
        timer: setTimeout(() => this.expire(pending), this.options.timeoutMs),
      };
      this.queue.push(pending);
      this.queuedItems += items.length;
      this.schedule();
    });
  }

  /** Items queued and not yet handed to a flush. */
  get queued(): number {
    return this.queuedItems;
  }

  private schedule(): void {
    if (this.inFlight >= this.options.maxInFlight) return; // the running flush's end drains the queue
    if (this.queuedItems >= this.options.maxBatchItems) {
      this.drain();
    } else if (!this.lingerTimer && this.queue.length > 0) {
      this.lingerTimer = setTimeout(() => {
        this.lingerTimer = undefined;
        this.drain();
      }, this.options.lingerMs);
    }
  }

  private drain(): void {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      void this.run(this.take());
    }
  }

  /** The oldest callers whose items fit one batch (always at least one caller). */
  private take(): Pending<T>[] {
    const batch: Pending<T>[] = [];
    let size = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0];
      if (batch.length > 0 && size + next.items.length > this.options.maxBatchItems) break;
      this.queue.shift();
      this.queuedItems -= next.items.length;
      if (next.settled) continue; // timed out while queued: its caller already got an answer
      batch.push(next);
      size += next.items.length;
    }
    return batch;
  }

  private async run(batch: Pending<T>[]): Promise<void> {
    if (batch.length === 0) return;
    this.inFlight++;
    try {
      await this.flush(batch.flatMap((pending) => pending.items));
      for (const pending of batch) this.settle(pending, null);
    } catch (error) {
      const refusal =
        error instanceof BatchRefusedError
          ? error
          : new BatchRefusedError('failed', 'the flush failed', error);
      for (const pending of batch) this.settle(pending, refusal);
    } finally {
      this.inFlight--;
      // What queued up during this flush has waited a flush already: it goes now, without lingering.
      this.drain();
    }
  }

  private expire(pending: Pending<T>): void {
    this.settle(
      pending,
      new BatchRefusedError('timeout', `not stored within ${this.options.timeoutMs} ms`),
    );
  }

  private settle(pending: Pending<T>, error: BatchRefusedError | null): void {
    if (pending.settled) return;
    pending.settled = true;
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve();
  }
}
