import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clipPath, ensureClip, removeStalePartials, schedulePath, subClipPath } from './clip';
import { plateSchedule } from '@gt-vision/demo-scene';

const params = {
  width: 640,
  height: 360,
  fps: 15,
  schedule: plateSchedule(2),
};

describe('clipPath', () => {
  it('is stable for the same parameters', () => {
    expect(clipPath('/c', params)).toBe(clipPath('/c', { ...params, schedule: plateSchedule(2) }));
    expect(clipPath('/c', params)).toMatch(/^\/c\/cam_2-[0-9a-f]{12}\.mp4$/);
  });

  it('changes with anything that changes the picture', () => {
    const base = clipPath('/c', params);
    expect(clipPath('/c', { ...params, fps: 10 })).not.toBe(base);
    expect(clipPath('/c', { ...params, width: 1280, height: 720 })).not.toBe(base);
    expect(clipPath('/c', { ...params, schedule: plateSchedule(3) })).not.toBe(base);
  });
});

describe('subClipPath', () => {
  it('is named after the camera and changes with the main clip', () => {
    const main = clipPath('/c', params);
    expect(subClipPath('/c', main, params)).toMatch(/^\/c\/cam_2-sub-[0-9a-f]{12}\.mp4$/);
    expect(subClipPath('/c', clipPath('/c', { ...params, fps: 10 }), params)).not.toBe(
      subClipPath('/c', main, params),
    );
  });
});

describe('schedulePath', () => {
  it('names the ground truth after the camera path', () => {
    expect(schedulePath('/c', 12)).toBe('/c/cam_12.plates.json');
  });
});

describe('removeStalePartials', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'camera-simulator-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('deletes partial files of dead simulators and keeps the rest', async () => {
    // pid 2^22 + 1 is above Linux's pid_max limit, so no process can have it.
    const dead = 4194305;
    const names = [
      `cam_1-abc.mp4.${dead}.part`,
      `cam_1.plates.json.${dead}.tmp`,
      `cam_2-def.mp4.${process.pid}.part`,
      'cam_3-123.mp4',
      'cam_3.plates.json',
    ];
    await Promise.all(names.map((name) => writeFile(join(dir, name), '')));
    await removeStalePartials(dir);
    expect((await readdir(dir)).sort()).toEqual(names.slice(2).sort());
  });
});

describe('ensureClip', () => {
  it('renders nothing once shutdown has begun', async () => {
    const aborted = AbortSignal.abort();
    await expect(ensureClip('/nonexistent', params, aborted)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
