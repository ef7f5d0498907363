import { barPercents, columns, niceMax } from './chart-model';

describe('chart model', () => {
  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(13)).toBe(20);
    expect(niceMax(420)).toBe(500);
    expect(niceMax(1000)).toBe(1000);
  });

  it('lays columns side by side, heights against the axis maximum', () => {
    const result = columns(
      [
        { label: 'a', value: 5 },
        { label: 'b', value: 10 },
      ],
      200,
      100,
      10,
      2,
    );
    expect(result.map((c) => [c.x, c.y, c.width, c.height])).toEqual([
      [1, 50, 98, 50],
      [101, 0, 98, 100],
    ]);
    expect(columns([], 200, 100, 10)).toEqual([]);
  });

  it('sizes bars against the largest value', () => {
    expect(
      barPercents([
        { label: 'a', value: 4 },
        { label: 'b', value: 1 },
      ]),
    ).toEqual([100, 25]);
    expect(barPercents([{ label: 'a', value: 0 }])).toEqual([0]);
  });
});
