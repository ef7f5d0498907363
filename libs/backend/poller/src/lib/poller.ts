import { Logger } from '@nestjs/common';

/**
 * Runs a task every `intervalMs` after the previous run ended (setTimeout, not setInterval), so a slow
 * dependency never stacks polls. `stop()` clears the timer and waits for a run in flight, so shutdown
 * (SIGTERM) is prompt and nothing writes after the database closes.
 */
export class Poller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  /** Logged once per distinct failure, not every poll, while a dependency is down. */
  private lastError: string | undefined;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<void>,
    private readonly logger = new Logger(Poller.name),
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.task()
        .then(() => {
          if (this.lastError) this.logger.log(`${this.name}: recovered`);
          this.lastError = undefined;
        })
        .catch((error: Error) => {
          if (error.message !== this.lastError) this.logger.warn(`${this.name}: ${error.message}`);
          this.lastError = error.message;
        })
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.intervalMs);
        });
    }, delayMs);
  }
}
