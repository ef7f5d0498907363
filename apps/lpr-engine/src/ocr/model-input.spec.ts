import { Normalisation, regionTensor, Rgb } from './model-input';

const IDENTITY: Normalisation = { mean: [0, 0, 0], std: [1 / 255, 1 / 255, 1 / 255] };

/** A 4x2 image whose pixel (x, y) is RGB (10x + 1, 10y + 2, 100 + x + y). */
const image: Rgb = {
  width: 4,
  height: 2,
  data: Buffer.from(
    [0, 1].flatMap((y) => [0, 1, 2, 3].flatMap((x) => [10 * x + 1, 10 * y + 2, 100 + x + y])),
  ),
};

const plane = (data: Float32Array, channel: number, size: number) =>
  Array.from(data.subarray(channel * size, (channel + 1) * size)).map(
    (v) => Math.round(v * 1e4) / 1e4,
  );

describe('regionTensor', () => {
  it('copies a region at its own size into BGR planes', () => {
    const tensor = regionTensor(image, { left: 1, top: 0, width: 2, height: 2 }, 2, 2, IDENTITY);
    expect(tensor.dims).toEqual([1, 3, 2, 2]);
    const data = tensor.data as Float32Array;
    expect(plane(data, 0, 4)).toEqual([101, 102, 102, 103]);
    expect(plane(data, 1, 4)).toEqual([2, 2, 12, 12]);
    expect(plane(data, 2, 4)).toEqual([11, 21, 11, 21]);
  });

  it('normalises each channel as (v / 255 - mean) / std', () => {
    const norm: Normalisation = { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] };
    const tensor = regionTensor(image, { left: 0, top: 0, width: 1, height: 1 }, 1, 1, norm);
    const [b, g, r] = tensor.data as Float32Array;
    expect(b).toBeCloseTo((100 / 255 - 0.5) / 0.5, 5);
    expect(g).toBeCloseTo((2 / 255 - 0.5) / 0.5, 5);
    expect(r).toBeCloseTo((1 / 255 - 0.5) / 0.5, 5);
  });

  it('halving averages neighbouring pixels, and stretching stays within the edge pixels', () => {
    const half = regionTensor(image, { left: 0, top: 0, width: 4, height: 2 }, 2, 1, IDENTITY);
    // Each output pixel lies midway between four source pixels: x 0.5 and 2.5, y 0.5.
    expect(plane(half.data as Float32Array, 2, 2)).toEqual([6, 26]);
    expect(plane(half.data as Float32Array, 1, 2)).toEqual([7, 7]);
    const wide = regionTensor(image, { left: 0, top: 0, width: 4, height: 2 }, 8, 2, IDENTITY);
    const red = plane(wide.data as Float32Array, 2, 16);
    expect(Math.min(...red)).toBe(1);
    expect(Math.max(...red)).toBe(31);
  });
});
