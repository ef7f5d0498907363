import { lineDomain, linePaths, niceMax } from './scale';

describe('niceMax', () => {
  it('rounds up to 1, 2 or 5 × 10ⁿ', () => {
    expect([0, 0.3, 1, 7, 12, 180, 4999].map(niceMax)).toEqual([1, 0.5, 1, 10, 20, 200, 5000]);
  });
});

describe('line geometry', () => {
  const series = [
    {
      label: 'a',
      points: [
        [100, 0],
        [110, 5],
        [120, 10],
      ] as [number, number][],
    },
  ];

  it('spans the x range and rounds the y maximum; fractions stay on 0–1', () => {
    expect(lineDomain(series, false)).toEqual({ x: [100, 120], yMax: 10 });
    expect(lineDomain(series, true).yMax).toBe(1);
    expect(lineDomain([], false)).toEqual({ x: [0, 1], yMax: 1 });
  });

  it('draws y up, from the left edge to the right one', () => {
    expect(linePaths(series, 200, 100, { x: [100, 120], yMax: 10 })).toEqual([
      'M0.0 100.0 L100.0 50.0 L200.0 0.0',
    ]);
  });
});
