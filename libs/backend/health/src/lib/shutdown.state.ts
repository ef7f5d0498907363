import { Injectable } from '@nestjs/common';

/**
 * Set when a stop has begun, so readiness fails and the edge takes the instance out before it closes.
 * Long-lived connections (WebSockets) listen for it and close themselves: the HTTP server's close
 * waits for every connection, and a socket open for an hour would hold the stop until its deadline.
 */
@Injectable()
export class ShutdownState {
  private drainingNow = false;
  private readonly listeners: (() => void)[] = [];

  get draining(): boolean {
    return this.drainingNow;
  }

  set draining(value: boolean) {
    const started = value && !this.drainingNow;
    this.drainingNow = value;
    if (started) for (const listener of this.listeners) listener();
  }

  /** Called once when draining starts. */
  onDraining(listener: () => void): void {
    this.listeners.push(listener);
  }
}
