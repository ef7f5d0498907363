import { barPercents, columns } from './chart-model';

describe('chart model', () => {
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
