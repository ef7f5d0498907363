/**
 * The plates each demo camera shows, and where, as a pure function of the camera number: the clip
 * renders this schedule and writes it beside the clip, so tests and the reference LPR engine's accuracy
 * test know the ground truth. Changing anything here changes every camera's clip (its cache key is the
 * rendering arguments, which include the text and the motion).
 */

/** Mercosul (Brazil since 2018): LLLNLNN, e.g. ABC1D23. Old Brazilian: LLL-NNNN, e.g. ABC-1234. */
export type DemoPlateFormat = 'mercosul' | 'br-old';

/** Where the plate is at one instant: its top-left corner and width as fractions of the frame. */
export interface PlatePose {
  x: number;
  y: number;
  width: number;
}

export interface PlateSlot {
  /** First second of the clip (inclusive) at which the plate is visible. */
  from: number;
  /** Second at which it is replaced (exclusive). */
  to: number;
  /** As printed on the plate (old plates carry a hyphen); `normalisePlate()` gives what an engine reports. */
  plate: string;
  format: DemoPlateFormat;
  /** The plate moves in a straight line from `start` to `end` and grows, like a car approaching. */
  start: PlatePose;
  end: PlatePose;
}

export interface PlateSchedule {
  camera: number;
  clipSeconds: number;
  slots: PlateSlot[];
}

/** Real plates are 400 x 130 mm (Mercosul and old Brazilian alike). */
export const PLATE_ASPECT = 400 / 130;

/** Long enough for several frame-extraction passes to read each plate, short enough that a demo shows change. */
export const SLOT_SECONDS = 8;
export const SLOTS_PER_CLIP = 8;
export const CLIP_SECONDS = SLOT_SECONDS * SLOTS_PER_CLIP;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

/**
 * mulberry32: a tiny 32-bit PRNG. Math.random cannot be seeded, and the ground truth must be the same on
 * every machine and Node version, so the generator is spelled out here.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(random: () => number, alphabet: string): string {
  return alphabet[Math.floor(random() * alphabet.length)];
}

export function randomPlate(random: () => number, format: DemoPlateFormat): string {
  const l = () => pick(random, LETTERS);
  const n = () => pick(random, DIGITS);
  return format === 'mercosul'
    ? `${l()}${l()}${l()}${n()}${l()}${n()}${n()}`
    : `${l()}${l()}${l()}-${n()}${n()}${n()}${n()}`;
}

export function plateSchedule(camera: number): PlateSchedule {
  // Spread consecutive camera numbers over the seed space (golden-ratio multiplier), so camera 2's
  // sequence is unrelated to camera 1's.
  const random = mulberry32(Math.imul(camera, 0x9e3779b9) ^ 0x47545653);
  // Motion has its own generator, so the plates themselves stay what they were before plates moved.
  const motion = mulberry32(Math.imul(camera, 0x85ebca6b) ^ 0x4d4f5645);
  const seen = new Set<string>();
  const slots: PlateSlot[] = [];
  for (let i = 0; i < SLOTS_PER_CLIP; i++) {
    // Alternating rather than random, so every clip shows both formats.
    const format: DemoPlateFormat = i % 2 === 0 ? 'mercosul' : 'br-old';
    let plate = randomPlate(random, format);
    // Within a clip every plate is distinct, so "which slot was read" is never ambiguous.
    while (seen.has(plate)) plate = randomPlate(random, format);
    seen.add(plate);
    const [start, end] = platePath(motion);
    slots.push({ from: i * SLOT_SECONDS, to: (i + 1) * SLOT_SECONDS, plate, format, start, end });
  }
  return { camera, clipSeconds: CLIP_SECONDS, slots };
}

/** Frame aspect the demo renders (640x360 by default); the path keeps the plate inside it. */
const FRAME_ASPECT = 16 / 9;
/** Below the burned-in camera name and clock, which take the top ~12 % of the frame. */
const TOP_MARGIN = 0.16;

/**
 * A car entering far away (a narrow plate high in the picture) and leaving near (wider, lower),
 * drifting sideways. Widths of 22-42 % of the frame keep the characters 20-40 px tall at 640x360, so
 * they stay readable, as in a camera set up for LPR.
 */
function platePath(random: () => number): [PlatePose, PlatePose] {
  const startWidth = 0.22 + random() * 0.06;
  const endWidth = 0.34 + random() * 0.08;
  const pose = (width: number, top: number, bottom: number): PlatePose => {
    const height = (width / PLATE_ASPECT) * FRAME_ASPECT;
    return {
      x: round(0.02 + random() * (0.96 - width)),
      y: round(top + random() * (bottom - height - top)),
      width: round(width),
    };
  };
  return [pose(startWidth, TOP_MARGIN, 0.6), pose(endWidth, 0.45, 0.98)];
}

/** Four decimals: exact in the schedule JSON and far below a pixel. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Where the plate of `slot` is `second` seconds into the clip (linear between its poses). */
export function plateGeometryAt(slot: PlateSlot, second: number): PlatePose {
  const progress = Math.min(1, Math.max(0, (second - slot.from) / (slot.to - slot.from)));
  const at = (a: number, b: number) => a + (b - a) * progress;
  return {
    x: at(slot.start.x, slot.end.x),
    y: at(slot.start.y, slot.end.y),
    width: at(slot.start.width, slot.end.width),
  };
}

/** The slot visible at `second` seconds into the clip (wrapping, since the clip loops). */
export function plateAt(schedule: PlateSchedule, second: number): PlateSlot {
  const position = ((second % schedule.clipSeconds) + schedule.clipSeconds) % schedule.clipSeconds;
  const slot = schedule.slots.find((s) => position >= s.from && position < s.to);
  if (!slot) throw new Error(`no plate at ${position} s of camera ${schedule.camera}'s clip`);
  return slot;
}
