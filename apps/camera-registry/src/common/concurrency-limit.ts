/** The limit's queue is full: the caller should come back later rather than wait. */
export class ConcurrencyLimitFullError extends Error {
  constructor() {
    super('too many tasks waiting');
  }
}

/**
 * Runs at most `limit` tasks at once; up to `maxWaiting` more wait their turn, first come first
 * served, and any beyond that are refused at once, so a burst costs bounded memory and wait.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) {
      this.running++;
    } else {
      if (this.waiting.length >= this.maxWaiting) throw new ConcurrencyLimitFullError();
      // The finishing task hands its slot over, so `running` stays as it is.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
