import type { Principal } from '@gt-vision/backend-auth';
import { LiveCloseCodes } from '@gt-vision/shared-types';

/** What the client needs of a `ws` WebSocket (a fake in unit tests). */
export interface LiveSocket {
  readonly bufferedAmount: number;
  readonly readyState: number;
  send(data: string): void;
  close(code: number, reason: string): void;
  terminate(): void;
}

const OPEN = 1;
/** A dropped client that does not complete the closing handshake is cut off after this. */
const CLOSE_GRACE_MS = 2000;

/**
 * One `/ws/live/` connection: who it is, which cameras it follows, and its send queue. The queue is
 * the socket's own buffer, bounded by `maxBufferedBytes`: a send that would exceed it drops the client
 * (4408) instead, so a slow reader costs at most that much memory.
 */
export class LiveClient {
  principal: Principal | undefined;
  readonly cameras = new Set<number>();
  private closed = false;

  constructor(
    private readonly socket: LiveSocket,
    private readonly maxBufferedBytes: number,
    private readonly onDrop: (reason: 'too-slow') => void,
  ) {}

  get open(): boolean {
    return !this.closed && this.socket.readyState === OPEN;
  }

  /** False when the message was not sent (client gone or dropped now for being too slow). */
  send(data: string): boolean {
    if (!this.open) return false;
    if (this.socket.bufferedAmount + Buffer.byteLength(data) > this.maxBufferedBytes) {
      this.onDrop('too-slow');
      this.close(LiveCloseCodes.tooSlow, 'too slow: send queue full');
      return false;
    }
    this.socket.send(data);
    return true;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
    // The close frame waits behind the full buffer of a slow reader: do not wait for it long.
    setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
  }
}
