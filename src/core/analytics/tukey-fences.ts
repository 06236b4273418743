/** Quartiles (linear interpolation, as DuckDB quantile_cont) and fences Q1 − k·IQR, Q3 + k·IQR. */
export interface Fences {
  q1: number;
  q3: number;
  iqr: number;
  low: number;
  high: number;
}

/** Quantile with linear interpolation between order statistics (type 7; DuckDB quantile_cont). */
export function quantileCont(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

/**
 * Fences of the «sharp cohort change» sign (DOMAIN.md §4, sign 3; k = 3): K above the high fence is
 * a sharp fall, below the low fence a sharp rise. Undefined for an empty list.
 */
export function fences(values: readonly number[], k = 3): Fences | undefined {
  const q1 = quantileCont(values, 0.25);
  const q3 = quantileCont(values, 0.75);
  if (q1 === undefined || q3 === undefined) return undefined;
  const iqr = q3 - q1;
  return { q1, q3, iqr, low: q1 - k * iqr, high: q3 + k * iqr };
}
