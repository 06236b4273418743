/** A mean with its 95 % confidence interval x̄ ± 1.96·s/√m. */
export interface MeanInterval {
  mean: number;
  /** Sample standard deviation (denominator m − 1). */
  sd: number;
  low: number;
  high: number;
  m: number;
}

/**
 * The interval of the official «inflated mean» sign (DOMAIN.md §4, sign 1): x̄ ± 1.96·s/√m with the
 * sample standard deviation. Undefined for fewer than 2 values (no s).
 */
export function meanInterval(values: readonly number[], z = 1.96): MeanInterval | undefined {
  const m = values.length;
  if (m < 2) return undefined;
  const mean = values.reduce((s, v) => s + v, 0) / m;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (m - 1));
  const half = (z * sd) / Math.sqrt(m);
  return { mean, sd, low: mean - half, high: mean + half, m };
}

/** The sign itself: the school's interval lies entirely above the reference interval. */
export function intervalAbove(school: MeanInterval, reference: MeanInterval): boolean {
  return school.low > reference.high;
}
