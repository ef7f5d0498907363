/** One value of a chart, with the text a screen reader and the tooltip give for it. */
export interface Datum {
  label: string;
  value: number;
}

export interface Column {
  x: number;
  y: number;
  width: number;
  height: number;
  datum: Datum;
}

/**
 * Columns filling a `width` × `height` area left to right, each separated by `gap` px, heights
 * against `top` (the axis maximum).
 */
export function columns(
  data: Datum[],
  width: number,
  height: number,
  top: number,
  gap = 2,
): Column[] {
  if (data.length === 0) return [];
  const slot = width / data.length;
  return data.map((datum, i) => {
    const h = top > 0 ? (datum.value / top) * height : 0;
    return {
      x: i * slot + gap / 2,
      y: height - h,
      width: Math.max(slot - gap, 1),
      height: h,
      datum,
    };
  });
}

/** Bar lengths in percent of the largest value, for horizontal bar lists. */
export function barPercents(data: Datum[]): number[] {
  const max = Math.max(0, ...data.map((d) => d.value));
  return data.map((d) => (max > 0 ? (d.value / max) * 100 : 0));
}
