import { LivePlayer, type PlayerStatus } from './live-player';

class FakeSession {
  stopped = false;
  constructor(private readonly outcome: () => Promise<void>) {}
  start() {
    return this.outcome();
  }
  stop() {
    this.stopped = true;
  }
  latencyMs() {
    return 1200;
  }
}

function video(): HTMLVideoElement {
  const element = document.createElement('video');
  element.play = () => Promise.resolve();
  return element;
}

async function settle() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('LivePlayer', () => {
  afterEach(() => jest.useRealTimers());

  function player(whep: () => Promise<void>, hls: () => Promise<void>, statuses: PlayerStatus[]) {
    const sessions = { whep: [] as FakeSession[], hls: [] as FakeSession[] };
    const instance = new LivePlayer(
      {
        video: video(),
        hlsUrl: '/hls/cam_1/index.m3u8',
        whep: { offer: () => Promise.reject(new Error('unused')), close: () => undefined },
        token: () => 't',
        onStatus: (status) => statuses.push(status),
      },
      () => {
        const session = new FakeSession(whep);
        sessions.whep.push(session);
        return session as never;
      },
      () => {
        const session = new FakeSession(hls);
        sessions.hls.push(session);
        return session as never;
      },
    );
    return { instance, sessions };
  }

  it('plays WebRTC when WHEP works, without loading HLS', async () => {
    const statuses: PlayerStatus[] = [];
    const { instance, sessions } = player(
      () => Promise.resolve(),
      () => Promise.resolve(),
      statuses,
    );
    instance.start();
    await settle();
    expect(statuses.at(-1)).toEqual({
      state: 'playing',
      transport: 'webrtc',
      fallbackReason: null,
    });
    expect(sessions.hls).toHaveLength(0);
    instance.stop();
    expect(sessions.whep[0]?.stopped).toBe(true);
  });

  it('falls back to LL-HLS by itself and says why', async () => {
    const statuses: PlayerStatus[] = [];
    const { instance, sessions } = player(
      () => Promise.reject(new Error('HTTP 404')),
      () => Promise.resolve(),
      statuses,
    );
    instance.start();
    await settle();
    expect(statuses.at(-1)).toEqual({
      state: 'playing',
      transport: 'hls',
      fallbackReason: 'HTTP 404',
    });
    expect(sessions.whep[0]?.stopped).toBe(true);
    instance.stop();
  });

  it('reconnects with back-off when neither works, WebRTC first again', async () => {
    jest.useFakeTimers();
    const statuses: PlayerStatus[] = [];
    let hlsWorks = false;
    const { instance, sessions } = player(
      () => Promise.reject(new Error('ICE failed')),
      () => (hlsWorks ? Promise.resolve() : Promise.reject(new Error('HLS manifestLoadError'))),
      statuses,
    );
    instance.start();
    await settle();
    expect(statuses.at(-1)).toMatchObject({
      state: 'reconnecting',
      fallbackReason: 'HLS manifestLoadError',
    });
    hlsWorks = true;
    jest.advanceTimersByTime(1000);
    await settle();
    expect(sessions.whep).toHaveLength(2);
    expect(statuses.at(-1)).toMatchObject({ state: 'playing', transport: 'hls' });
    instance.stop();
  });
});
