import type { LiveClientMessage, LiveServerMessage } from '@gt-vision/shared-types';
import WebSocket from 'ws';
import { EDGE } from './stack';

export const LIVE_URL = `${EDGE.replace(/^http/, 'ws')}/ws/live/`;

/** A `/ws/live/` client through the edge that records what it receives and how it ended. */
export class LiveTestClient {
  readonly messages: LiveServerMessage[] = [];
  closed: { code: number; reason: string } | undefined;
  /** The HTTP status when the upgrade itself was refused. */
  refusedWith: number | undefined;
  readonly opened: Promise<void>;
  readonly ended: Promise<void>;
  private readonly socket: WebSocket;

  constructor(query = '') {
    this.socket = new WebSocket(LIVE_URL + query);
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    this.ended = new Promise((resolve) => {
      this.socket.once('close', (code, reason) => {
        this.closed = { code, reason: reason.toString() };
        resolve();
      });
      this.socket.once('unexpected-response', (_req, res) => {
        this.refusedWith = res.statusCode;
        resolve();
      });
    });
    this.opened.catch(() => undefined);
    this.socket.on('message', (data) => this.messages.push(JSON.parse(data.toString())));
  }

  send(message: LiveClientMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Resolves with the first message received so far or later that satisfies `match`. */
  async next<T extends LiveServerMessage>(
    match: (message: LiveServerMessage) => message is T,
    timeoutMs = 5000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (this.closed) throw new Error(`closed ${this.closed.code} ${this.closed.reason}`);
      if (Date.now() > deadline) throw new Error('no such message in time');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.socket.close();
  }
}

export const isType =
  <K extends LiveServerMessage['type']>(type: K) =>
  (message: LiveServerMessage): message is Extract<LiveServerMessage, { type: K }> =>
    message.type === type;
