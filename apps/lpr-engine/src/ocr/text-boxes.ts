/** An axis-aligned box in pixels of the image it was found in. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Mean text probability inside the region (the detector's confidence). */
  score: number;
}

export interface BoxOptions {
  /** A pixel is text above this probability (DB's binarisation threshold). */
  pixelThreshold: number;
  /** A region is kept when its mean probability reaches this. */
  boxThreshold: number;
  /** DB predicts shrunk text kernels; each box grows by area x ratio / perimeter, as DB's "unclip". */
  unclipRatio: number;
  /** Regions smaller than this (in pixels of the map) are noise. */
  minArea: number;
}

export const DEFAULT_BOX_OPTIONS: BoxOptions = {
  pixelThreshold: 0.3,
  boxThreshold: 0.6,
  unclipRatio: 1.6,
  minArea: 12,
};

/**
 * Text boxes from a DB detector's probability map (`width` x `height`, row-major): 4-connected regions
 * above the pixel threshold, each grown back to the text's full size. Axis-aligned boxes suffice: plates
 * in a fixed camera's view tilt a few degrees at most, which the recogniser tolerates.
 */
export function textBoxes(
  map: Float32Array,
  width: number,
  height: number,
  options: BoxOptions = DEFAULT_BOX_OPTIONS,
): PixelBox[] {
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const boxes: PixelBox[] = [];
  for (let start = 0; start < map.length; start++) {
    if (seen[start] || map[start] < options.pixelThreshold) continue;
    let [x0, y0, x1, y1, sum, count] = [width, height, 0, 0, 0, 0];
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const x = i % width;
      const y = (i - x) / width;
      sum += map[i];
      count++;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      const neighbours = [
        x > 0 ? i - 1 : -1,
        x < width - 1 ? i + 1 : -1,
        y > 0 ? i - width : -1,
        y < height - 1 ? i + width : -1,
      ];
      for (const n of neighbours) {
        if (n >= 0 && !seen[n] && map[n] >= options.pixelThreshold) {
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    const score = sum / count;
    if (count < options.minArea || score < options.boxThreshold) continue;
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    const grow = (w * h * options.unclipRatio) / (2 * (w + h));
    const left = Math.max(0, x0 - grow);
    const top = Math.max(0, y0 - grow);
    boxes.push({
      x: left,
      y: top,
      width: Math.min(width, x1 + 1 + grow) - left,
      height: Math.min(height, y1 + 1 + grow) - top,
      score,
    });
  }
  return boxes;
}
