import type { CharDistribution } from '../plates/plate-format';

/** Characters of a plate, and the separators printed between them (read, then dropped). */
export const PLATE_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const SEPARATORS = '-·.';

/** The recogniser's output classes this engine reads: their index in the model's alphabet. */
export interface PlateAlphabet {
  /** Index of each plate character and separator in the model's output. */
  indices: { char: string; index: number }[];
}

/** The model's alphabet is blank (0), the dictionary's lines, then a space. */
export function plateAlphabet(dictionary: readonly string[]): PlateAlphabet {
  const indices = [...PLATE_CHARS, ...SEPARATORS].flatMap((char) => {
    const line = dictionary.indexOf(char);
    return line === -1 ? [] : [{ char, index: line + 1 }];
  });
  const missing = [...PLATE_CHARS].filter((c) => !indices.some((i) => i.char === c));
  if (missing.length > 0) throw new Error(`recogniser dictionary lacks ${missing.join('')}`);
  return { indices };
}

/**
 * Greedy CTC decoding restricted to plate characters: at each time step the most probable of blank and
 * the plate alphabet wins (a Chinese glyph the model prefers cannot appear on a Brazilian plate), runs of
 * the same class collapse into one position, and each position keeps the probabilities of every plate
 * character at its most confident step: the candidates the positional correction chooses from.
 *
 * `probs` is the recogniser's softmax output for one line, `steps` x `classes`, row-major.
 */
export function decodePlateLine(
  probs: Float32Array,
  steps: number,
  classes: number,
  alphabet: PlateAlphabet,
): CharDistribution[] {
  const positions: CharDistribution[] = [];
  let runChar: string | undefined;
  let runPeak = -1;
  let runRow = -1;
  const close = () => {
    if (runChar !== undefined && !SEPARATORS.includes(runChar)) {
      const distribution = new Map<string, number>();
      for (const { char, index } of alphabet.indices) {
        if (!SEPARATORS.includes(char)) distribution.set(char, probs[runRow + index]);
      }
      positions.push(distribution);
    }
    runChar = undefined;
    runPeak = -1;
  };
  for (let t = 0; t < steps; t++) {
    const row = t * classes;
    let best: string | undefined;
    let bestP = probs[row];
    for (const { char, index } of alphabet.indices) {
      if (probs[row + index] > bestP) {
        bestP = probs[row + index];
        best = char;
      }
    }
    if (best !== runChar) close();
    if (best === undefined) continue;
    runChar = best;
    if (bestP > runPeak) {
      runPeak = bestP;
      runRow = row;
    }
  }
  close();
  return positions;
}
