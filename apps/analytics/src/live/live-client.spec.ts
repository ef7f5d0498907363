import { LiveCloseCodes } from '@gt-vision/shared-types';
import { LiveClient, type LiveSocket } from './live-client';

/** A socket whose peer reads nothing: every send stays in its buffer. */
class StalledSocket implements LiveSocket {
  bufferedAmount = 0;
  readyState = 1;
  readonly sent: string[] = [];
  closedWith: [number, string] | undefined;
  terminated = false;

  send(data: string): void {
    this.sent.push(data);
    this.bufferedAmount += Buffer.byteLength(data);
  }

  close(code: number, reason: string): void {
    this.closedWith = [code, reason];
    this.readyState = 2;
  }

  terminate(): void {
    this.terminated = true;
  }
}

describe('LiveClient', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends while the queue is under its bound', () => {
    const socket = new StalledSocket();
    const client = new LiveClient(socket, 1000, jest.fn());
    expect(client.send('x'.repeat(400))).toBe(true);
    expect(client.send('x'.repeat(400))).toBe(true);
    expect(socket.sent).toHaveLength(2);
  });

  it('drops a client whose queue would exceed the bound, and never queues more', () => {
    const socket = new StalledSocket();
    const dropped = jest.fn();
    const client = new LiveClient(socket, 1000, dropped);
    for (let i = 0; i < 100; i++) client.send('x'.repeat(300));
    expect(socket.sent).toHaveLength(3);
    expect(socket.bufferedAmount).toBeLessThanOrEqual(1000);
    expect(dropped).toHaveBeenCalledTimes(1);
    expect(dropped).toHaveBeenCalledWith('too-slow');
    expect(socket.closedWith?.[0]).toBe(LiveCloseCodes.tooSlow);
    expect(client.open).toBe(false);
  });

  it('cuts the connection off when the peer never completes the close', () => {
    const socket = new StalledSocket();
    const client = new LiveClient(socket, 10, jest.fn());
    client.send('more than ten bytes');
    expect(socket.terminated).toBe(false);
    jest.advanceTimersByTime(2000);
    expect(socket.terminated).toBe(true);
  });

  it('sends nothing once the socket is closed', () => {
    const socket = new StalledSocket();
    socket.readyState = 3;
    const client = new LiveClient(socket, 1000, jest.fn());
    expect(client.send('x')).toBe(false);
    expect(socket.sent).toEqual([]);
  });
});
