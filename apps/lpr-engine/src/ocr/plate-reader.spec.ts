import { isHeadingOf } from './plate-reader';

const box = (x: number, y: number, width: number, height: number) => ({
  x,
  y,
  width,
  height,
  score: 1,
});

describe('isHeadingOf', () => {
  // An old plate's character line and its town line above it, as the detector boxes a demo frame.
  const characters = box(178, 127, 160, 31);

  it('takes the town line just above an old plate as its heading', () => {
    expect(isHeadingOf(box(214, 109, 85, 15), characters)).toBe(true);
  });

  it('leaves a line as tall as the characters, a distant line and a line beside them', () => {
    expect(isHeadingOf(box(190, 92, 140, 30), characters)).toBe(false);
    expect(isHeadingOf(box(214, 60, 85, 15), characters)).toBe(false);
    expect(isHeadingOf(box(360, 109, 85, 15), characters)).toBe(false);
  });

  it('leaves the characters themselves and a line below them', () => {
    expect(isHeadingOf(characters, characters)).toBe(false);
    expect(isHeadingOf(box(214, 160, 85, 15), characters)).toBe(false);
  });
});
