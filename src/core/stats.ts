/** A share with its 95 % Wilson score interval, all in percent. */
export interface ShareInterval {
  pct: number;
  low: number;
  high: number;
  n: number;
}

/**
 * Wilson score interval for k successes out of n (z = 1.96 for 95 %). Unlike the normal
 * approximation it stays inside 0–100 % and behaves for the small n of single schools.
 * Returns undefined for n = 0.
 */
export function wilsonInterval(k: number, n: number, z = 1.959963984540054): ShareInterval | undefined {
  if (n <= 0) return undefined;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { pct: p * 100, low: Math.max(0, centre - half) * 100, high: Math.min(1, centre + half) * 100, n };
}

/** The same interval as SQL over count columns (k, n), giving `<prefix>_low` and `<prefix>_high` in percent. */
export function wilsonSql(k: string, n: string, prefix: string): string {
  const z2 = '3.841458820694124';
  const p = `((${k})::DOUBLE / NULLIF(${n}, 0))`;
  const centre = `((${p} + ${z2} / (2.0 * (${n}))) / (1 + ${z2} / (${n})))`;
  const half = `(1.959963984540054 * sqrt(${p} * (1 - ${p}) / (${n}) + ${z2} / (4.0 * (${n}) * (${n}))) / (1 + ${z2} / (${n})))`;
  // NULL for n = 0 or NULL, as wilsonInterval gives undefined: greatest/least would skip the NULLs.
  const ok = `COALESCE(${n}, 0) > 0`;
  return `CASE WHEN ${ok} THEN greatest(0, ${centre} - ${half}) * 100 END AS ${prefix}_low, CASE WHEN ${ok} THEN least(1, ${centre} + ${half}) * 100 END AS ${prefix}_high`;
}

/** Default minimum n below which a slice is marked as too small for conclusions (DOMAIN.md §3). */
export const MIN_N = 10;
