import {
  alternativeReadings,
  CharDistribution,
  DIGITS,
  LETTERS,
  MAX_CORRECTIONS,
  readPlate,
} from './plate-format';

/** A position where the OCR is `p` sure of `char`, with `runner` (if any) taking most of the rest. */
function position(char: string, p = 0.97, runner?: string): CharDistribution {
  const spread = runner ? (1 - p) * 0.1 : 1 - p;
  const map = new Map<string, number>();
  for (const c of LETTERS + DIGITS) map.set(c, spread / 35);
  map.set(char, p);
  if (runner) map.set(runner, (1 - p) * 0.9);
  return map;
}

const line = (text: string) => [...text].map((c) => position(c));

describe('readPlate (format filter)', () => {
  it('reads a Mercosul plate as LLLNLNN', () => {
    const readout = readPlate(line('ABC1D23'));
    expect(readout).toMatchObject({ text: 'ABC1D23', format: 'mercosul', corrections: 0 });
    expect(readout?.confidence).toBeGreaterThan(0.8);
  });

  it('reads an old Brazilian plate as LLLNNNN', () => {
    expect(readPlate(line('XYZ9876'))).toMatchObject({ text: 'XYZ9876', format: 'br-old' });
  });

  it('refuses lines of the wrong length', () => {
    expect(readPlate(line('ABC12'))).toBeUndefined();
    expect(readPlate(line('ABCD12345678'))).toBeUndefined();
  });

  it('refuses text that is not plate-shaped: a clock, a word, a number', () => {
    expect(readPlate(line('0000123'))).toBeUndefined();
    expect(readPlate(line('BRASILX'))).toBeUndefined();
    expect(readPlate(line('1234567'))).toBeUndefined();
  });

  it('finds the plate in a line with a stray character at either end', () => {
    expect(readPlate(line('IABC1D23'))?.text).toBe('ABC1D23');
    expect(readPlate(line('ABC1D231'))?.text).toBe('ABC1D23');
  });

  it('refuses an unsure reading', () => {
    const unsure = [...'ABC1D23'].map((c) => position(c, 0.3));
    expect(readPlate(unsure)).toBeUndefined();
  });
});

describe('positional correction', () => {
  it('turns look-alike letters in digit slots into digits, and the reverse', () => {
    // O read where a digit must be, 8 read where a letter must be.
    const positions = [
      position('A'),
      position('8', 0.7, 'B'),
      position('C'),
      position('O', 0.7, '0'),
      position('D'),
      position('2'),
      position('3'),
    ];
    expect(readPlate(positions)).toMatchObject({ text: 'ABC0D23', corrections: 2 });
  });

  it(`corrects at most ${MAX_CORRECTIONS} positions`, () => {
    const positions = [
      position('4', 0.7, 'A'),
      position('8', 0.7, 'B'),
      position('0', 0.7, 'O'),
      position('1'),
      position('D'),
      position('2'),
      position('3'),
    ];
    expect(readPlate(positions)).toBeUndefined();
  });

  it('tells Mercosul from old by the fifth character', () => {
    expect(readPlate(line('ABC1D23'))?.format).toBe('mercosul');
    expect(readPlate(line('ABC1023'))?.format).toBe('br-old');
  });

  it('keeps per-position candidates of the slot class, best first', () => {
    const positions = line('ABC1D23');
    positions[3] = position('1', 0.6, '7');
    const readout = readPlate(positions);
    const candidates = readout?.chars[3].candidates ?? [];
    expect(candidates[0].char).toBe('1');
    expect(candidates[1].char).toBe('7');
    expect(candidates.every((c) => DIGITS.includes(c.char))).toBe(true);
  });
});

describe('alternativeReadings', () => {
  it('offers the runner-up of hesitant positions and the other format, best first', () => {
    const positions = line('ABC1D23');
    positions[3] = position('1', 0.6, '7');
    positions[4] = position('D', 0.9, '0');
    const readout = readPlate(positions);
    if (!readout) throw new Error('expected a reading');
    const alternatives = alternativeReadings(readout, 5);
    expect(alternatives[0].plate).toBe('ABC7D23');
    expect(alternatives.map((a) => a.plate)).toContain('ABC1023');
    expect(alternatives.map((a) => a.plate)).not.toContain('ABC1D23');
    const confidences = alternatives.map((a) => a.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    expect(alternatives.length).toBeLessThanOrEqual(5);
  });
});

describe('readPlate restricted to one format', () => {
  it('reads the fifth character as a letter when the plate is known to be Mercosul', () => {
    const positions = line('PNF9183');
    positions[4] = position('1', 0.8, 'I');
    expect(readPlate(positions)?.text).toBe('PNF9183');
    expect(readPlate(positions, ['mercosul'])).toMatchObject({
      text: 'PNF9I83',
      format: 'mercosul',
    });
  });
});
