import { plateSchedule } from '@gt-vision/demo-scene';
import { Publisher } from './publisher';
import { PublisherProcess } from './publisher-process';

describe('Publisher before its clip is ready', () => {
  it('waits, can be stopped, and refuses to start without a clip', async () => {
    const publisher = new Publisher(
      5,
      new PublisherProcess('/nonexistent', 'rtsp://127.0.0.1:8554'),
      plateSchedule(5),
    );
    expect(publisher.status()).toMatchObject({
      camera: 5,
      path: 'sim_5',
      state: 'waiting',
      pid: null,
      restarts: 0,
      plate: null,
    });
    expect(publisher.pause()).toBe(false);
    await publisher.stop();
    expect(publisher.status().state).toBe('stopped');
    expect(publisher.start()).toBe(false);
    expect(publisher.resume()).toBe(false);
  });
});

/** Records sessions instead of starting the Go publisher; a test fails them by hand. */
function fakeProcess() {
  const sessions: { fail: (reason: string) => void; calls: string[] }[] = [];
  const process = {
    pid: 4242,
    start() {
      let fail!: (reason: string) => void;
      const failed = new Promise<string>((resolve) => (fail = resolve));
      const calls: string[] = [];
      sessions.push({ fail, calls });
      return {
        failed,
        pause: () => calls.push('pause'),
        resume: () => calls.push('resume'),
        stop: async () => void calls.push('stop'),
      };
    },
  };
  return { process: process as unknown as PublisherProcess, sessions };
}

describe('Publisher with its clip', () => {
  const clips = { main: '/c/cam_5.mp4', sub: '/c/cam_5-sub.mp4' };
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('restarts a failed session after its backoff, doubling the delay', async () => {
    const { process, sessions } = fakeProcess();
    const publisher = new Publisher(5, process, plateSchedule(5));
    publisher.publish(clips);
    expect(publisher.status()).toMatchObject({ state: 'running', pid: 4242, restarts: 0 });
    sessions[0].fail('sim_5: EOF');
    await jest.advanceTimersByTimeAsync(0);
    expect(publisher.status()).toMatchObject({ state: 'backoff', pid: null });
    await jest.advanceTimersByTimeAsync(1000);
    expect(publisher.status()).toMatchObject({ state: 'running', restarts: 1 });
    sessions[1].fail('sim_5: connection refused');
    await jest.advanceTimersByTimeAsync(1999);
    expect(publisher.status().state).toBe('backoff');
    await jest.advanceTimersByTimeAsync(1);
    expect(publisher.status()).toMatchObject({ state: 'running', restarts: 2 });
    expect(sessions.length).toBe(3);
  });

  it('pauses and resumes its session, and does not restart one it stopped', async () => {
    const { process, sessions } = fakeProcess();
    const publisher = new Publisher(5, process, plateSchedule(5));
    publisher.publish(clips);
    expect(publisher.pause()).toBe(true);
    expect(publisher.status()).toMatchObject({ state: 'paused', pid: 4242, plate: null });
    expect(publisher.resume()).toBe(true);
    await publisher.stop();
    sessions[0].fail('sim_5: terminated');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(sessions[0].calls).toEqual(['pause', 'resume', 'stop']);
    expect(publisher.status()).toMatchObject({ state: 'stopped', pid: null });
    expect(sessions.length).toBe(1);
  });
});
