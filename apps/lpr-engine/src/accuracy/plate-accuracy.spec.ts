import {
  CLIP_SECONDS,
  ClipParams,
  PLATE_ASPECT,
  PlateSchedule,
  plateAt,
  plateGeometryAt,
  plateSchedule,
  renderStills,
  SLOT_SECONDS,
  Still,
} from '@gt-vision/demo-scene';
import { normalisePlate, type RecognizedPlate } from '@gt-vision/shared-types';
import sharp from 'sharp';
import { loadOcrModels } from '../ocr/ocr-models';
import { installedModelsDir } from '../ocr/models-dir';
import { PlateReader } from '../ocr/plate-reader';

/**
 * Accuracy of the real engine (PP-OCRv4 on ONNX Runtime, no fakes) on frames rendered by the camera
 * simulator's own filter graph, against its plate schedule (the ground truth). Sized to run in well
 * under a minute on one core: every frame costs ~0.1-0.3 s.
 */
const SIZE = { width: 640, height: 360 };
const scene = (camera: number): Omit<ClipParams, 'fps'> => ({
  ...SIZE,
  schedule: plateSchedule(camera),
});

/** Street furniture text the engine must not report: signs, a house number, a speed limit. */
const SIGNS = [
  "drawtext=fontfile='/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf':text='RUA DAS FLORES 1250':fontsize=22:fontcolor=white:box=1:boxcolor=0x116611:boxborderw=6:x=40:y=120",
  "drawtext=fontfile='/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf':text='PARE':fontsize=40:fontcolor=white:box=1:boxcolor=0xcc0000:boxborderw=8:x=480:y=200",
  "drawtext=fontfile='/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf':text='VELOCIDADE MAXIMA 60 KM/H':fontsize=18:fontcolor=black:box=1:boxcolor=white:boxborderw=6:x=60:y=290",
];

interface Outcome {
  exact: number;
  frames: number;
  falsePlates: number;
  ms: number[];
  /** What was read instead, for the printed figures: "ABC1D23@12s→ABC1023". */
  misses: string[];
  hasPlates: boolean;
}

const outcomes = new Map<string, Outcome>();
let reader: PlateReader;

async function evaluate(name: string, schedule: PlateSchedule, stills: Still[]): Promise<Outcome> {
  const outcome: Outcome = {
    exact: 0,
    frames: stills.length,
    falsePlates: 0,
    ms: [],
    misses: [],
    hasPlates: schedule.slots.length > 0,
  };
  for (const still of stills) {
    const started = performance.now();
    const { plates } = await reader.read(still.jpeg);
    outcome.ms.push(performance.now() - started);
    if (schedule.slots.length === 0) {
      outcome.falsePlates += plates.length;
      continue;
    }
    const slot = plateAt(schedule, still.second);
    const truth = normalisePlate(slot.plate);
    if (plates[0]?.text === truth && isWhere(plates[0], plateGeometryAt(slot, still.second))) {
      outcome.exact++;
    } else {
      outcome.misses.push(
        `${truth}@${still.second}s→${plates.map((p) => p.text).join('/') || '-'}`,
      );
    }
    outcome.falsePlates += plates.filter((p) => p.text !== truth).length;
  }
  outcomes.set(name, outcome);
  return outcome;
}

/** The reported box's centre lies on the plate the schedule says is there. */
function isWhere(plate: RecognizedPlate, pose: { x: number; y: number; width: number }): boolean {
  const height = (pose.width * SIZE.width) / PLATE_ASPECT / SIZE.height;
  const cx = plate.bbox.x + plate.bbox.width / 2;
  const cy = plate.bbox.y + plate.bbox.height / 2;
  return cx >= pose.x && cx <= pose.x + pose.width && cy >= pose.y && cy <= pose.y + height;
}

/** JPEG quality 35, as a cheap camera or a congested uplink would send. */
async function recompress(stills: Still[], quality: number): Promise<Still[]> {
  return Promise.all(
    stills.map(async (s) => ({ ...s, jpeg: await sharp(s.jpeg).jpeg({ quality }).toBuffer() })),
  );
}

function total(names: string[]): Outcome {
  const sum: Outcome = { exact: 0, frames: 0, falsePlates: 0, ms: [], misses: [], hasPlates: true };
  for (const name of names) {
    const o = outcomes.get(name);
    if (!o) continue;
    sum.exact += o.exact;
    sum.frames += o.frames;
    sum.falsePlates += o.falsePlates;
    sum.ms.push(...o.ms);
  }
  return sum;
}

/**
 * One still per plate, each at a different point of its pass (far and small, halfway, near and large),
 * from stills rendered once a second: every plate of the schedule is tested, at every size it takes.
 */
async function onePerPlate(camera: number, extra: string[] = []): Promise<Still[]> {
  const stills = await renderStills(scene(camera), { rate: 1, extra, qscale: 2 });
  return stills.filter(
    (s) =>
      s.second % SLOT_SECONDS === (3 * Math.floor(s.second / SLOT_SECONDS) + camera) % SLOT_SECONDS,
  );
}

const percent = (n: number, d: number) => `${((100 * n) / d).toFixed(1)} %`;
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];

describe('plate accuracy on rendered demo frames (real PP-OCRv4)', () => {
  // ~30 s of CPU in all; the margin is for a machine shared with builds and a running stack.
  jest.setTimeout(240_000);

  beforeAll(async () => {
    reader = new PlateReader(await loadOcrModels(installedModelsDir()));
  });

  afterAll(() => {
    const lines = [...outcomes].map(
      ([name, o]) =>
        `${name.padEnd(16)} ${String(o.frames).padStart(3)} frames  exact ${(o.hasPlates ? percent(o.exact, o.frames) : 'n/a').padStart(7)}  false plates ${o.falsePlates}  p50 ${quantile(o.ms, 0.5).toFixed(0)} ms  ${o.misses.join(' ')}`,
    );
    process.stdout.write(`\nLPR accuracy\n${lines.join('\n')}\n`);
  });

  it('reads ≥ 95 % of demo frames exactly, where the plate is', async () => {
    const cameras = [1, 2, 3, 4, 5];
    for (const camera of cameras) {
      await evaluate(`demo cam_${camera}`, plateSchedule(camera), await onePerPlate(camera));
    }
    const demo = total(cameras.map((camera) => `demo cam_${camera}`));
    expect(demo.frames).toBe(40);
    expect(demo.exact / demo.frames).toBeGreaterThanOrEqual(0.95);
  });

  it('reads ≥ 90 % of degraded frames exactly: small, blurred, noisy, rotated ±5°, JPEG 35', async () => {
    const variants: [string, number, Promise<Still[]>][] = [
      ['small', 6, onePerPlate(6, ['scale=iw*0.7:-2'])],
      ['blurred', 7, onePerPlate(7, ['gblur=sigma=1.2'])],
      ['noisy', 8, onePerPlate(8, ['noise=alls=24:allf=t'])],
      ['rotated +5°', 9, onePerPlate(9, ['rotate=5*PI/180'])],
      ['rotated -5°', 10, onePerPlate(10, ['rotate=-5*PI/180'])],
      ['jpeg 35', 11, onePerPlate(11).then((s) => recompress(s, 35))],
    ];
    for (const [name, camera, stills] of variants) {
      await evaluate(name, plateSchedule(camera), await stills);
    }
    const degraded = total(variants.map(([name]) => name));
    expect(degraded.frames).toBe(48);
    expect(degraded.exact / degraded.frames).toBeGreaterThanOrEqual(0.9);
  });

  it('reports plates in ≤ 1 % of plate-free frames (clock, camera name, street signs)', async () => {
    const schedule = { camera: 12, clipSeconds: CLIP_SECONDS, slots: [] };
    const stills = await renderStills({ ...SIZE, schedule }, { rate: 0.375, extra: SIGNS });
    await evaluate('plate-free', schedule, stills);
    const free = total(['plate-free']);
    expect(free.frames).toBe(24);
    expect(free.falsePlates / free.frames).toBeLessThanOrEqual(0.01);
  });
});
