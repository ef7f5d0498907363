import { readerArgs, readerInputScript } from './reader-args';
import { redactCredentials } from './reader-process';

const source = { rtspUrl: 'rtsp://127.0.0.1:8554', token: 't'.repeat(40) };

describe('readerArgs', () => {
  const inputs = [
    { cameraId: 1, path: 'cam_1', fps: 1 },
    { cameraId: 7, path: 'cam_7', fps: 0.5 },
  ];
  const args = readerArgs(inputs);
  const count = (flag: string) => args.filter((a) => a === flag).length;

  it('lets every input open only its pipe and RTSP over TCP (the whitelist is per input)', () => {
    expect(count('-protocol_whitelist')).toBe(2);
    expect(args[args.indexOf('-protocol_whitelist') + 1]).toBe('pipe,rtsp,tcp');
  });

  it('decodes keyframes only, without audio, on one thread, for every input', () => {
    expect(count('-skip_frame')).toBe(2);
    expect(args[args.indexOf('-skip_frame') + 1]).toBe('nokey');
    expect(count('-an')).toBe(2);
    expect(count('-threads')).toBe(4);
  });

  it('keeps the token out of the arguments: each input is a script read from its own pipe', () => {
    expect(args.filter((_, i) => args[i - 1] === '-i')).toEqual(['pipe:5', 'pipe:6']);
    expect(args.join(' ')).not.toContain(source.token);
    expect(args.filter((a) => a.startsWith('camera='))).toEqual(['camera=cam_1', 'camera=cam_7']);
  });

  it('puts the RTSP URL with the service token as password, and the RTSP options, in the script', () => {
    const script = readerInputScript(source, inputs[1]).split('\n');
    expect(script[0]).toBe('ffconcat version 1.0');
    expect(script[1]).toBe(`file 'rtsp://frame-extraction:${source.token}@127.0.0.1:8554/cam_7'`);
    expect(script).toContain('option rtsp_transport tcp');
  });

  it("quotes a single quote in the script so it cannot end the URL's string", () => {
    const script = readerInputScript({ ...source, token: "a'b" }, inputs[0]);
    expect(script).toContain(`file 'rtsp://frame-extraction:a'\\''b@127.0.0.1:8554/cam_1'`);
  });

  it('writes each camera to its own pipe, at most fps frames per second, never duplicating', () => {
    expect(args.filter((a, i) => args[i - 1] === 'image2pipe')).toEqual(['pipe:3', 'pipe:4']);
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
