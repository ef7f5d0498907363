import { plateSchedule } from './plate-schedule';
import {
  clipArgs,
  clipFilter,
  LABEL_FONT,
  PLATE_FONT,
  subClipArgs,
  subStreamSize,
} from './scene-filter';

const params = { width: 640, height: 360, fps: 15, schedule: plateSchedule(1) };

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
}

describe('clipArgs', () => {
  const args = clipArgs(params);

  it('renders the configured size and frame rate from a test pattern', () => {
    expect(option(args, '-i')).toBe('smptebars=size=640x360:rate=15');
  });

  it('renders exactly 64 s, so the loop closes on a GOP boundary', () => {
    expect(option(args, '-frames:v')).toBe(String(15 * 64));
  });

  it('puts a keyframe every second and nowhere else', () => {
    expect(option(args, '-g')).toBe('15');
    expect(option(args, '-keyint_min')).toBe('15');
    expect(option(args, '-sc_threshold')).toBe('0');
  });

  it('encodes what WebRTC and HLS readers accept: H.264 baseline, yuv420p, no B-frames', () => {
    expect(option(args, '-c:v')).toBe('libx264');
    expect(option(args, '-profile:v')).toBe('baseline');
    expect(option(args, '-pix_fmt')).toBe('yuv420p');
    expect(option(args, '-bf')).toBe('0');
    expect(option(args, '-tune')).toBe('zerolatency');
    expect(option(args, '-maxrate')).toBe('400k');
  });

  it('follows the frame rate for the GOP', () => {
    const at25 = clipArgs({ ...params, fps: 25 });
    expect(option(at25, '-g')).toBe('25');
    expect(option(at25, '-frames:v')).toBe(String(25 * 64));
  });
});

describe('subClipArgs', () => {
  const args = subClipArgs('/cache/cam_1-abc.mp4', params);

  it('scales the rendered clip to half its width and height', () => {
    expect(option(args, '-i')).toBe('/cache/cam_1-abc.mp4');
    expect(option(args, '-vf')).toBe('scale=320:180');
  });

  it('encodes like the main clip (keyframe every second, baseline) at a quarter of the bit rate', () => {
    expect(option(args, '-g')).toBe('15');
    expect(option(args, '-profile:v')).toBe('baseline');
    expect(option(args, '-maxrate')).toBe('100k');
  });

  it('keeps both sides even for yuv420p', () => {
    expect(subStreamSize({ width: 642, height: 362 })).toEqual({ width: 322, height: 182 });
    expect(subStreamSize({ width: 166, height: 94 })).toEqual({ width: 84, height: 48 });
  });
});

describe('clipFilter', () => {
  const filter = clipFilter(params);

  it('draws every plate of the schedule, each only during its own slot', () => {
    for (const slot of params.schedule.slots) {
      expect(filter).toContain(`text='${slot.plate}'`);
      expect(filter).toContain(`enable='gte(t,${slot.from})*lt(t,${slot.to})'`);
    }
  });

  it('draws the BRASIL band on Mercosul plates and the town line on old ones', () => {
    const count = (needle: string) => filter.split(needle).length - 1;
    const mercosul = params.schedule.slots.filter((s) => s.format === 'mercosul').length;
    expect(count("text='BRASIL'")).toBe(mercosul);
    expect(count("text='SP - SAO PAULO'")).toBe(params.schedule.slots.length - mercosul);
    expect(filter).toContain('color=0x003399');
  });

  it('moves and scales the plate per frame along each slot path', () => {
    const first = params.schedule.slots[0];
    expect(filter).toMatch(/scale=w='.*':h=-2:eval=frame/);
    expect(filter).toMatch(/overlay=x='.*':y='.*':eval=frame/);
    expect(filter).toContain(
      `(${first.start.x * 640}+(${first.end.x * 640 - first.start.x * 640})*(t-0)/8)`,
    );
  });

  it('burns in the camera name and the clip clock', () => {
    expect(filter).toContain("text='cam_1'");
    expect(filter).toContain("text='%{pts\\:hms}'");
    expect(filter).toContain(`fontfile='${PLATE_FONT}'`);
    expect(filter).toContain(`fontfile='${LABEL_FONT}'`);
  });

  it('appends extra filters to the composed picture', () => {
    expect(clipFilter(params, ['gblur=sigma=2']).endsWith(',gblur=sigma=2')).toBe(true);
  });
});
