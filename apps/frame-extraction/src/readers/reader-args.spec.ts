import { readerArgs } from './reader-args';
import { redactCredentials } from './reader-process';

const source = { rtspUrl: 'rtsp://127.0.0.1:8554', token: 't'.repeat(40) };

describe('readerArgs', () => {
  const args = readerArgs(source, [
    { cameraId: 1, path: 'cam_1', fps: 1 },
    { cameraId: 7, path: 'cam_7', fps: 0.5 },
  ]);
  const count = (flag: string) => args.filter((a) => a === flag).length;

  it('decodes keyframes only, without audio, on one thread, for every input', () => {
    expect(count('-skip_frame')).toBe(2);
    expect(args[args.indexOf('-skip_frame') + 1]).toBe('nokey');
    expect(count('-an')).toBe(2);
    expect(count('-threads')).toBe(4);
  });

  it('reads each camera path from MediaMTX with the service token as the RTSP password', () => {
    const inputs = args.filter((_, i) => args[i - 1] === '-i');
    expect(inputs).toEqual([
      `rtsp://frame-extraction:${source.token}@127.0.0.1:8554/cam_1`,
      `rtsp://frame-extraction:${source.token}@127.0.0.1:8554/cam_7`,
    ]);
  });

  it('writes each camera to its own pipe, at most fps frames per second, never duplicating', () => {
    expect(args.filter((a) => a.startsWith('pipe:'))).toEqual(['pipe:3', 'pipe:4']);
    expect(args.filter((a) => a.startsWith('select='))[1]).toContain('2.000');
    expect(args).toContain('passthrough');
    expect(args).not.toContain('libx264');
  });
});

describe('redactCredentials', () => {
  it('hides the user and token of an RTSP URL in ffmpeg output', () => {
    expect(redactCredentials(`rtsp://frame-extraction:${source.token}@host:8554/cam_1: 401`)).toBe(
      'rtsp://***@host:8554/cam_1: 401',
    );
  });
});
