/** A round axis maximum at or above `max` (1, 2 or 5 × 10ⁿ), so gridlines fall on round numbers. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((m) => m * magnitude >= max) ?? 10;
  return step * magnitude;
}

export interface LineSeries {
  label: string;
  /** `[x, y]` in data units, x increasing. */
  points: readonly (readonly [number, number])[];
}

/** An SVG path (`M x y L x y ...`) of each series in a `width` × `height` box, y up. */
export function linePaths(
  series: readonly LineSeries[],
  width: number,
  height: number,
  domain: { x: [number, number]; yMax: number },
): string[] {
  const [x0, x1] = domain.x;
  const sx = (x: number) => (x1 > x0 ? ((x - x0) / (x1 - x0)) * width : 0);
  const sy = (y: number) => height - (domain.yMax > 0 ? (y / domain.yMax) * height : 0);
  return series.map((s) =>
    s.points
      .map(([x, y], i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)} ${sy(y).toFixed(1)}`)
      .join(' '),
  );
}

/** The x range and a round y maximum covering every point (0..1 for fractions). */
export function lineDomain(
  series: readonly LineSeries[],
  fraction: boolean,
): { x: [number, number]; yMax: number } {
  const xs = series.flatMap((s) => s.points.map(([x]) => x));
  const ys = series.flatMap((s) => s.points.map(([, y]) => y));
  return {
    x: xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1],
    yMax: fraction ? 1 : niceMax(Math.max(0, ...ys)),
  };
}
