// The picture of the latency bench's wall-clock camera: a gray frame carrying the instant it was made
// (Date.now(), whole milliseconds) as a band of black and white cells, drawn by clock-publisher.mjs and read
// back in the browser by latency.mjs from each frame the console presents.
//
// 64 cells of 32×32 px (two H.264 macroblocks a side, aligned to them, so compression blurs only their
// edges; a cell is read from its inner 16×16 px): 8 sync cells (a fixed pattern, also the black and white
// references for the threshold), the 48-bit time, most significant bit first, and a CRC-8 of the time's six
// bytes. A frame whose sync or CRC does not match counts as undecodable, never as a wrong time.
//
// One self-contained factory: the page runs its source text (injected by latency.mjs), so nothing in it may
// refer to anything outside its body.
export function clockCode() {
  const WIDTH = 640;
  const HEIGHT = 360;
  const CELL = 32;
  const COLS = 16;
  const ROWS = 4;
  const TIME_BITS = 48;
  const SYNC = [1, 0, 1, 1, 0, 0, 1, 0];
  // Centred, with a gray quiet zone all round.
  const band = { x: 64, y: 32, width: COLS * CELL, height: ROWS * CELL };
  const BLACK = 0;
  const WHITE = 255;
  const GRAY = 128;
  /** Below this difference between the white and black sync cells the band is not in the picture. */
  const MIN_CONTRAST = 64;

  const bytesOf = (ms) =>
    Array.from(
      { length: TIME_BITS / 8 },
      (_, i) => Math.floor(ms / 2 ** (TIME_BITS - 8 * (i + 1))) % 256,
    );

  /** CRC-8, polynomial x⁸ + x² + x + 1 (0x07), initial value 0. */
  const crc8 = (bytes) => {
    let crc = 0;
    for (const byte of bytes) {
      crc ^= byte;
      for (let i = 0; i < 8; i++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
    }
    return crc;
  };

  const bitsOfByte = (byte) => Array.from({ length: 8 }, (_, i) => (byte >> (7 - i)) & 1);

  /** The 64 cells' bits, in reading order (row by row). */
  const cellsOf = (ms) => {
    const bytes = bytesOf(ms);
    return [...SYNC, ...bytes.flatMap(bitsOfByte), ...bitsOfByte(crc8(bytes))];
  };

  /** A WIDTH×HEIGHT 8-bit gray frame showing `ms` (an integer, 0 ≤ ms < 2⁴⁸). */
  function draw(ms) {
    const frame = new Uint8Array(WIDTH * HEIGHT).fill(GRAY);
    cellsOf(ms).forEach((bit, i) => {
      const x0 = band.x + (i % COLS) * CELL;
      const y0 = band.y + Math.floor(i / COLS) * CELL;
      for (let y = y0; y < y0 + CELL; y++)
        frame.fill(bit ? WHITE : BLACK, y * WIDTH + x0, y * WIDTH + x0 + CELL);
    });
    return frame;
  }

  /**
   * The time a frame shows, or null when it cannot be read. `luma(x, y)`: the brightness (0–255) at (x, y)
   * of the band, in band coordinates (0 ≤ x < band.width, 0 ≤ y < band.height).
   */
  function read(luma) {
    const levels = Array.from({ length: COLS * ROWS }, (_, i) => {
      const x0 = (i % COLS) * CELL + CELL / 4;
      const y0 = Math.floor(i / COLS) * CELL + CELL / 4;
      let sum = 0;
      let n = 0;
      for (let y = y0; y < y0 + CELL / 2; y += 2)
        for (let x = x0; x < x0 + CELL / 2; x += 2, n++) sum += luma(x, y);
      return sum / n;
    });
    const mean = (bit) => {
      const own = SYNC.map((b, i) => (b === bit ? levels[i] : null)).filter((v) => v !== null);
      return own.reduce((a, b) => a + b, 0) / own.length;
    };
    const white = mean(1);
    const black = mean(0);
    if (white - black < MIN_CONTRAST) return null;
    const bits = levels.map((level) => (level > (white + black) / 2 ? 1 : 0));
    if (SYNC.some((b, i) => bits[i] !== b)) return null;
    const bytes = Array.from({ length: TIME_BITS / 8 + 1 }, (_, j) =>
      bits.slice(SYNC.length + 8 * j, SYNC.length + 8 * (j + 1)).reduce((a, b) => a * 2 + b, 0),
    );
    const crc = bytes.pop();
    if (crc8(bytes) !== crc) return null;
    return bytes.reduce((a, b) => a * 256 + b, 0);
  }

  return { width: WIDTH, height: HEIGHT, band, draw, read };
}
