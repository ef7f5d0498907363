import { plateSchedule } from '@gt-vision/demo-scene';
import { Publisher, publishArgs } from './publisher';

describe('publishArgs', () => {
  const args = publishArgs([
    { clip: '/cache/cam_3-abc.mp4', url: 'rtsp://127.0.0.1:8554/sim_3' },
    { clip: '/cache/cam_3-sub-def.mp4', url: 'rtsp://127.0.0.1:8554/sim_3_sub' },
  ]);
  const line = args.join(' ');

  it('loops each clip forever in real time by stream copy', () => {
    expect(line).toContain(
      '-re -stream_loop -1 -i /cache/cam_3-abc.mp4 -re -stream_loop -1 -i /cache/cam_3-sub-def.mp4',
    );
    expect(args).not.toContain('libx264');
  });

  it('publishes each input over RTSP/TCP to its own path', () => {
    expect(line).toContain(
      '-map 0:v -c copy -f rtsp -rtsp_transport tcp rtsp://127.0.0.1:8554/sim_3 -map',
    );
    expect(line).toContain(
      '-map 1:v -c copy -f rtsp -rtsp_transport tcp rtsp://127.0.0.1:8554/sim_3_sub',
    );
    expect(args[args.length - 1]).toBe('rtsp://127.0.0.1:8554/sim_3_sub');
  });

  it('never reads stdin (a shared terminal would steal its keystrokes)', () => {
    expect(args[0]).toBe('-nostdin');
  });
});

describe('Publisher before its clip is ready', () => {
  it('waits, can be stopped, and refuses to start without a clip', async () => {
    const publisher = new Publisher(5, 'rtsp://127.0.0.1:8554', plateSchedule(5));
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
