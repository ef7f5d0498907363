import { UnauthorizedException } from '@nestjs/common';
import type { Principal } from '@gt-vision/backend-auth';
import { LiveCloseCodes, type LiveServerMessage } from '@gt-vision/shared-types';
import { LiveClient, type LiveSocket } from './live-client';
import { LiveSession, type LiveSessionDeps } from './live-session';

class FakeSocket implements LiveSocket {
  bufferedAmount = 0;
  readyState = 1;
  readonly messages: LiveServerMessage[] = [];
  closedWith: number | undefined;

  send(data: string): void {
    this.messages.push(JSON.parse(data) as LiveServerMessage);
  }

  close(code: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }

  terminate(): void {
    this.readyState = 3;
  }
}

const viewer: Principal = {
  kind: 'user',
  id: 'u1',
  username: 'v',
  role: 'viewer',
  tokenId: 't',
  family: 'f',
};

function setup(principal?: Principal) {
  const socket = new FakeSocket();
  const client = new LiveClient(socket, 1 << 20, jest.fn());
  const deps: LiveSessionDeps = {
    authenticate: jest.fn(async (token: string) => {
      if (token === 'good') return viewer;
      throw new UnauthorizedException('token expired');
    }),
    join: jest.fn(),
    follow: jest.fn(),
    unfollow: jest.fn(),
    dropped: jest.fn(),
    authTimeoutMs: 5000,
  };
  const session = new LiveSession(client, deps, principal);
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  return { socket, client, deps, session, flush };
}

describe('LiveSession', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('admits a client with a valid token in its first message', async () => {
    const { socket, client, deps, session, flush } = setup();
    session.received(JSON.stringify({ type: 'auth', token: 'good' }));
    await flush();
    expect(client.principal).toEqual(viewer);
    expect(deps.join).toHaveBeenCalledWith(client);
    expect(socket.messages).toEqual([{ type: 'ready', version: 1 }]);
  });

  it('applies a subscribe sent right behind the auth, once the token is checked', async () => {
    const { client, deps, session, flush } = setup();
    session.received(JSON.stringify({ type: 'auth', token: 'good' }));
    session.received(JSON.stringify({ type: 'subscribe', cameraIds: [1, 2] }));
    session.received(JSON.stringify({ type: 'unsubscribe', cameraIds: [2] }));
    await flush();
    expect(deps.follow).toHaveBeenCalledWith(client, [1, 2]);
    expect(deps.unfollow).toHaveBeenCalledWith(client, [2]);
    expect((deps.follow as jest.Mock).mock.invocationCallOrder[0]).toBeLessThan(
      (deps.unfollow as jest.Mock).mock.invocationCallOrder[0],
    );
  });

  it('closes with 4401 on a bad token', async () => {
    const { socket, deps, session, flush } = setup();
    session.received(JSON.stringify({ type: 'auth', token: 'bad' }));
    await flush();
    expect(socket.messages).toEqual([{ type: 'error', message: 'token expired' }]);
    expect(socket.closedWith).toBe(LiveCloseCodes.unauthorized);
    expect(deps.join).not.toHaveBeenCalled();
    expect(deps.dropped).toHaveBeenCalledWith('unauthorized');
  });

  it('closes with 4401 when anything but auth comes first', async () => {
    const { socket, session, flush } = setup();
    session.received(JSON.stringify({ type: 'subscribe', cameraIds: [1] }));
    await flush();
    expect(socket.closedWith).toBe(LiveCloseCodes.unauthorized);
  });

  it('closes with 4401 when no auth arrives in time', () => {
    const { socket, deps } = setup();
    jest.advanceTimersByTime(4999);
    expect(socket.closedWith).toBeUndefined();
    jest.advanceTimersByTime(1);
    expect(socket.closedWith).toBe(LiveCloseCodes.unauthorized);
    expect(deps.join).not.toHaveBeenCalled();
  });

  it('is ready at once with a query token, and never times out', () => {
    const { socket, client } = setup(viewer);
    expect(client.principal).toEqual(viewer);
    expect(socket.messages).toEqual([{ type: 'ready', version: 1 }]);
    jest.advanceTimersByTime(10_000);
    expect(socket.closedWith).toBeUndefined();
  });

  it('closes with 4400 on a message that is not the protocol', async () => {
    const { socket, session, flush } = setup(viewer);
    session.received('{"type":"subscribe","cameraIds":["1"]}');
    await flush();
    expect(socket.closedWith).toBe(LiveCloseCodes.badMessage);
    expect(socket.messages.at(-1)).toMatchObject({ type: 'error' });
  });

  it('refuses principals that may not watch (an integrator key)', async () => {
    const { socket, deps, session, flush } = setup();
    (deps.authenticate as jest.Mock).mockResolvedValueOnce({
      kind: 'api-key',
      id: 'k',
      name: 'k',
      role: 'integrator',
    });
    session.received(JSON.stringify({ type: 'auth', token: 'key' }));
    await flush();
    expect(socket.closedWith).toBe(LiveCloseCodes.unauthorized);
  });
});
