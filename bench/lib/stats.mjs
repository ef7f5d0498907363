// Percentiles of measured samples. Two definitions are in use and kept apart so figures stay
// comparable with earlier results of the same benchmark.

/** Nearest rank: the smallest sample with at least p % of the samples at or below it; null if none. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The sample at index ⌊q·n⌋ of the sorted values (q in [0, 1]); `values` is left as it is. */
export const quantile = (values, q) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
