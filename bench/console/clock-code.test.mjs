// `node --test 'bench/**/*.test.mjs'`: the latency bench's clock picture reads back as the time it was drawn with,
// through the distortions H.264 brings (noise, soft edges), and is refused rather than misread when damaged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clockCode } from './clock-code.mjs';

const code = clockCode();
const { band, width } = code;

/** A band reader over a drawn frame, with `distort(value, x, y)` applied to every sample. */
const reader =
  (frame, distort = (v) => v) =>
  (x, y) =>
    distort(frame[(band.y + y) * width + band.x + x], x, y);

test('round trip of times from the epoch to the 48-bit limit', () => {
  for (const ms of [0, 1, 255, 256, 1_764_739_200_123, Date.now(), 2 ** 48 - 1])
    assert.equal(code.read(reader(code.draw(ms))), ms);
});

test('reads through noise and a squeezed range (limited-range video, a dull decoder)', () => {
  const ms = 1_764_739_200_123;
  let seed = 7;
  const noise = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 80 - 40;
  const squeezed = (v) => 16 + (v * 219) / 255 + noise();
  assert.equal(code.read(reader(code.draw(ms), squeezed)), ms);
});

test('a flipped cell or a missing band reads as nothing, not as another time', () => {
  const ms = 1_764_739_200_123;
  const frame = code.draw(ms);
  for (const cell of [0, 9, 30, 60]) {
    // The cell's top-left corner in band coordinates (16 cells of 32 px a row).
    const cx = (cell % 16) * 32;
    const cy = Math.floor(cell / 16) * 32;
    const flip = (v, x, y) => (x >= cx && x < cx + 32 && y >= cy && y < cy + 32 ? 255 - v : v);
    assert.equal(code.read(reader(frame, flip)), null, `cell ${cell} flipped`);
  }
  assert.equal(
    code.read(() => 128),
    null,
  );
});
