import { ConfigError, loadConfig } from './config';

const REQUIRED = {
  SIMULATOR_PUBLISHER: '/cache/bin/sim-publisher-abc',
  SIMULATOR_RTSP_URL: 'rtsp://demo:s3cret@127.0.0.1:8654',
};

describe('loadConfig', () => {
  it('uses the defaults for every variable but the publisher program and its RTSP server', () => {
    expect(loadConfig(REQUIRED, '/home/demo')).toEqual({
      cameras: 4,
      rtspUrl: 'rtsp://demo:s3cret@127.0.0.1:8654',
      publisher: '/cache/bin/sim-publisher-abc',
      width: 640,
      height: 360,
      fps: 15,
      port: 3010,
      clipDir: '/home/demo/.cache/gt-vision/camera-simulator',
      buildJobs: 2,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        ...REQUIRED,
        SIMULATOR_CAMERAS: '250',
        SIMULATOR_RTSP_URL: 'rtsp://demo:pw@0.0.0.0:8654/',
        SIMULATOR_WIDTH: '1280',
        SIMULATOR_HEIGHT: '720',
        SIMULATOR_FPS: '25',
        SIMULATOR_PORT: '4010',
        SIMULATOR_BUILD_JOBS: '4',
        GTV_CACHE: '/var/cache/gtv',
      },
      '/home/demo',
    );
    expect(config).toEqual({
      cameras: 250,
      rtspUrl: 'rtsp://demo:pw@0.0.0.0:8654',
      publisher: '/cache/bin/sim-publisher-abc',
      width: 1280,
      height: 720,
      fps: 25,
      port: 4010,
      clipDir: '/var/cache/gtv/camera-simulator',
      buildJobs: 4,
    });
  });

  it.each([
    ['SIMULATOR_CAMERAS', '0'],
    ['SIMULATOR_CAMERAS', '251'],
    ['SIMULATOR_CAMERAS', 'four'],
    ['SIMULATOR_CAMERAS', '1e2'],
    ['SIMULATOR_CAMERAS', '-3'],
    ['SIMULATOR_WIDTH', '641'],
    ['SIMULATOR_HEIGHT', '4000'],
    ['SIMULATOR_FPS', '0'],
    ['SIMULATOR_PORT', '70000'],
    ['SIMULATOR_BUILD_JOBS', '0'],
    ['SIMULATOR_RTSP_URL', ''],
    ['SIMULATOR_RTSP_URL', 'http://demo:pw@127.0.0.1:8654'],
    ['SIMULATOR_RTSP_URL', 'not a url'],
    ['SIMULATOR_RTSP_URL', 'rtsp://127.0.0.1:8654'],
    ['SIMULATOR_RTSP_URL', 'rtsp://demo@127.0.0.1:8654'],
    ['SIMULATOR_RTSP_URL', 'rtsp://demo:pw@127.0.0.1'],
    ['SIMULATOR_RTSP_URL', 'rtsp://demo:pw@127.0.0.1:8654/sim_1'],
    ['SIMULATOR_RTSP_URL', 'rtsp://demo:pw@127.0.0.1:8654?x=1'],
    ['GTV_CACHE', 'relative/cache'],
    ['SIMULATOR_PUBLISHER', ''],
    ['SIMULATOR_PUBLISHER', 'sim-publisher'],
  ])('refuses %s=%s and names the variable', (name, value) => {
    const load = () => loadConfig({ ...REQUIRED, [name]: value }, '/home/demo');
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(name);
    if (name === 'SIMULATOR_RTSP_URL' && value.includes(':pw@')) expect(load).not.toThrow('pw@');
  });
});
