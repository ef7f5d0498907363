import { decodePlateLine, plateAlphabet, PLATE_CHARS } from './ctc-decode';

// A toy dictionary: plate characters, a separator and one glyph no plate has.
const dictionary = [...PLATE_CHARS, '-', '京'];
const alphabet = plateAlphabet(dictionary);
const classes = dictionary.length + 2;
const classOf = (char: string) => dictionary.indexOf(char) + 1;

/** One softmax row per step: `char` (or blank when null) at `p`, the rest spread evenly. */
function steps(...rows: [string | null, number][]): Float32Array {
  const probs = new Float32Array(rows.length * classes);
  rows.forEach(([char, p], t) => {
    for (let k = 0; k < classes; k++) probs[t * classes + k] = (1 - p) / (classes - 1);
    probs[t * classes + (char === null ? 0 : classOf(char))] = p;
  });
  return probs;
}

const best = (d: ReadonlyMap<string, number>) => [...d].sort((a, b) => b[1] - a[1])[0][0];

describe('decodePlateLine', () => {
  it('collapses repeats and blanks into positions', () => {
    const probs = steps(['A', 0.9], ['A', 0.8], [null, 0.9], ['A', 0.9], ['1', 0.9], ['1', 0.9]);
    const positions = decodePlateLine(probs, 6, classes, alphabet);
    expect(positions.map(best)).toEqual(['A', 'A', '1']);
  });

  it('drops separators', () => {
    const probs = steps(['A', 0.9], ['-', 0.9], ['1', 0.9]);
    expect(decodePlateLine(probs, 3, classes, alphabet).map(best)).toEqual(['A', '1']);
  });

  it('never reads a glyph a plate cannot have: the best plate character or blank wins', () => {
    const probs = steps(['京', 0.6]);
    probs[classOf('J')] = 0.3;
    expect(decodePlateLine(probs, 1, classes, alphabet).map(best)).toEqual(['J']);
  });

  it('keeps every plate character probability of the most confident step', () => {
    const probs = steps(['O', 0.5], ['O', 0.7]);
    probs[classes + classOf('0')] = 0.25;
    const [position] = decodePlateLine(probs, 2, classes, alphabet);
    expect(position.get('O')).toBeCloseTo(0.7);
    expect(position.get('0')).toBeCloseTo(0.25);
    expect(position.size).toBe(PLATE_CHARS.length);
  });

  it('refuses a dictionary without the plate characters', () => {
    expect(() => plateAlphabet(['A', 'B'])).toThrow(/lacks/);
  });
});
