/**
 * The plates each demo camera shows, as a pure function of the camera number: the clip renders this
 * schedule and writes it beside the clip, so tests and the reference AI service know the ground truth.
 * Changing anything here changes every camera's plates (clips are rebuilt because their cache key
 * includes the rendered text).
 */

/** Mercosul (Brazil since 2018): LLLNLNN, e.g. ABC1D23. Old Brazilian: LLL-NNNN, e.g. ABC-1234. */
export type PlateFormat = 'mercosul' | 'old';

export interface PlateSlot {
  /** First second of the clip (inclusive) at which the plate is visible. */
  from: number;
  /** Second at which it is replaced (exclusive). */
  to: number;
  plate: string;
  format: PlateFormat;
}

export interface PlateSchedule {
  camera: number;
  clipSeconds: number;
  slots: PlateSlot[];
}

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

export function randomPlate(random: () => number, format: PlateFormat): string {
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
  const seen = new Set<string>();
  const slots: PlateSlot[] = [];
  for (let i = 0; i < SLOTS_PER_CLIP; i++) {
    // Alternating rather than random, so every clip shows both formats.
    const format: PlateFormat = i % 2 === 0 ? 'mercosul' : 'old';
    let plate = randomPlate(random, format);
    // Within a clip every plate is distinct, so "which slot was read" is never ambiguous.
    while (seen.has(plate)) plate = randomPlate(random, format);
    seen.add(plate);
    slots.push({ from: i * SLOT_SECONDS, to: (i + 1) * SLOT_SECONDS, plate, format });
  }
  return { camera, clipSeconds: CLIP_SECONDS, slots };
}

/** The slot visible at `second` seconds into the clip (wrapping, since the clip loops). */
export function plateAt(schedule: PlateSchedule, second: number): PlateSlot {
  const position = ((second % schedule.clipSeconds) + schedule.clipSeconds) % schedule.clipSeconds;
  const slot = schedule.slots.find((s) => position >= s.from && position < s.to);
  if (!slot) throw new Error(`no plate at ${position} s of camera ${schedule.camera}'s clip`);
  return slot;
}
