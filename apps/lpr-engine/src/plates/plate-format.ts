import type { PlateFormat } from '@gt-vision/shared-types';

/** What the OCR saw at one character position: every plate character with its probability. */
export type CharDistribution = ReadonlyMap<string, number>;

export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const DIGITS = '0123456789';

type Slot = 'L' | 'N';

interface FormatRule {
  format: Exclude<PlateFormat, 'other'>;
  slots: readonly Slot[];
}

/** The formats the engine reports; anything else read in a frame is not a plate. */
export const FORMAT_RULES: readonly FormatRule[] = [
  { format: 'mercosul', slots: [...'LLLNLNN'] as Slot[] },
  { format: 'br-old', slots: [...'LLLNNNN'] as Slot[] },
];

/**
 * How many characters may be moved to their slot's class (a letter read where a digit must be, or the
 * reverse). Two covers the usual look-alikes on one plate (O/0, I/1, B/8...); more would let any run of
 * seven characters (a clock, a sign) be bent into a plate.
 */
export const MAX_CORRECTIONS = 2;
/** Below this, a reading is too unsure to report as a plate. */
export const MIN_PLATE_CONFIDENCE = 0.5;

export interface PlateChar {
  char: string;
  /** The probability of `char` among the characters its slot allows. */
  confidence: number;
  /** The slot's characters, most probable first. */
  candidates: { char: string; confidence: number }[];
}

export interface PlateReadout {
  text: string;
  format: FormatRule['format'];
  confidence: number;
  corrections: number;
  chars: PlateChar[];
  /** The OCR positions the reading used (a line may hold more). */
  window: CharDistribution[];
}

function slotCandidates(distribution: CharDistribution, slot: Slot) {
  const allowed = slot === 'L' ? LETTERS : DIGITS;
  let mass = 0;
  const entries: { char: string; p: number }[] = [];
  for (const char of allowed) {
    const p = distribution.get(char) ?? 0;
    mass += p;
    entries.push({ char, p });
  }
  entries.sort((a, b) => b.p - a.p);
  return { mass, entries };
}

function bestChar(distribution: CharDistribution): string {
  let best = '';
  let bestP = -1;
  for (const [char, p] of distribution) {
    if (p > bestP) {
      best = char;
      bestP = p;
    }
  }
  return best;
}

/**
 * Reads `positions` as a plate of `rule`: each slot takes its most probable character of the right
 * class (letter or digit). Undefined when the length differs, too many characters had to change
 * class, or the result is too unsure.
 */
export function readAs(rule: FormatRule, positions: CharDistribution[]): PlateReadout | undefined {
  if (positions.length !== rule.slots.length) return undefined;
  let corrections = 0;
  let confidence = 1;
  const chars: PlateChar[] = [];
  rule.slots.forEach((slot, i) => {
    const { mass, entries } = slotCandidates(positions[i], slot);
    const char = entries[0].char;
    if (bestChar(positions[i]) !== char) corrections++;
    // Relative to the slot's class: "0" read as 90 % "O" in a digit slot is a confident "0".
    const norm = mass > 0 ? mass : 1;
    const candidates = entries
      .filter((e) => e.p > 0)
      .map((e) => ({ char: e.char, confidence: e.p / norm }));
    // A slot whose class the OCR saw no trace of spreads its mass thinly, so this stays low then.
    confidence *= candidates[0]?.confidence ?? 0;
    chars.push({ char, confidence: candidates[0]?.confidence ?? 0, candidates });
  });
  if (corrections > MAX_CORRECTIONS || confidence < MIN_PLATE_CONFIDENCE) return undefined;
  const text = chars.map((c) => c.char).join('');
  return { text, format: rule.format, confidence, corrections, chars, window: positions };
}

/**
 * The best plate reading of a text line in one of `formats`, or undefined when it is not a plate.
 * Lines a little longer than a plate (a border or a separator read as a character) are tried at every
 * offset.
 */
export function readPlate(
  positions: CharDistribution[],
  formats: readonly PlateReadout['format'][] = FORMAT_RULES.map((r) => r.format),
): PlateReadout | undefined {
  let best: PlateReadout | undefined;
  for (const rule of FORMAT_RULES.filter((r) => formats.includes(r.format))) {
    const extra = positions.length - rule.slots.length;
    if (extra < 0 || extra > 2) continue;
    for (let offset = 0; offset <= extra; offset++) {
      const readout = readAs(rule, positions.slice(offset, offset + rule.slots.length));
      if (readout && (!best || rank(readout) > rank(best))) best = readout;
    }
  }
  return best;
}

/** Fewer corrections first (the OCR's own reading fits the format), then confidence. */
function rank(readout: PlateReadout): number {
  return readout.confidence - readout.corrections * 0.1;
}

/** The OCR's own probability of reading `text` from `window`, ignoring plate formats. */
function rawScore(text: string, window: CharDistribution[]): number {
  let score = 1;
  for (let i = 0; i < text.length; i++) score *= window[i].get(text[i]) ?? 0;
  return score;
}

/**
 * Whole-plate alternatives, best first: the reading with one or two positions swapped for their
 * runner-up in the slot, and the same line read in the other format. Each is scored by how much less
 * likely the OCR found it than the reading itself, so a swap it barely hesitated over ranks first.
 */
export function alternativeReadings(
  readout: PlateReadout,
  limit: number,
): { plate: string; confidence: number }[] {
  const texts = new Set<string>();
  const runners = readout.chars
    .map((c, i) => ({ i, char: c.candidates[1]?.char }))
    .filter((r): r is { i: number; char: string } => r.char !== undefined);
  const swap = (changes: { i: number; char: string }[]) => {
    const chars = [...readout.text];
    for (const c of changes) chars[c.i] = c.char;
    return chars.join('');
  };
  for (const a of runners) {
    texts.add(swap([a]));
    for (const b of runners) if (b.i > a.i) texts.add(swap([a, b]));
  }
  for (const rule of FORMAT_RULES) {
    if (rule.format === readout.format) continue;
    const other = readAs(rule, readout.window);
    if (other) texts.add(other.text);
  }
  texts.delete(readout.text);
  const reference = rawScore(readout.text, readout.window);
  return [...texts]
    .map((plate) => ({
      plate,
      confidence:
        reference > 0
          ? readout.confidence * Math.min(0.99, rawScore(plate, readout.window) / reference)
          : 0,
    }))
    .filter((a) => a.confidence >= 0.001)
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, limit);
}
