import { plateSchedule } from '@gt-vision/demo-scene';
import { Publisher, publishArgs } from './publisher';

describe('publishArgs', () => {
  const args = publishArgs('/cache/cam_3-abc.mp4', 'rtsp://127.0.0.1:8554/cam_3');

  it('loops the clip forever in real time by stream copy', () => {
    expect(args.join(' ')).toContain('-re -stream_loop -1 -i /cache/cam_3-abc.mp4 -c copy');
    expect(args).not.toContain('libx264');
  });

  it('publishes over RTSP/TCP to the camera path', () => {
    expect(args.join(' ')).toContain('-f rtsp -rtsp_transport tcp');
    expect(args[args.length - 1]).toBe('rtsp://127.0.0.1:8554/cam_3');
  });

  it('never reads stdin (a shared terminal would steal its keystrokes)', () => {
    expect(args[0]).toBe('-nostdin');
  });
});

describe('Publisher before its clip is ready', () => {
  it('waits, can be stopped, and refuses to start without a clip', async () => {
    const publisher = new Publisher(5, 'rtsp://127.0.0.1:8554/sim_5', plateSchedule(5));
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
