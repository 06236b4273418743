import { centredSums } from './centred-sums.ts';

/** A least-squares line y = intercept + slope·x with its coefficient of determination. */
export interface LinearFit {
  slope: number;
  intercept: number;
  /** r² = 1 − SSres/SStot; 1 when y is constant (the line fits exactly), as DuckDB's regr_r2. */
  r2: number;
  n: number;
}

/**
 * Ordinary least squares of y on x — the trend line of a school's quality over years in
 * `goal_progress` (DuckDB regr_slope / regr_intercept / regr_r2). Undefined for fewer than 2
 * points or when all x are equal.
 */
export function linearFit(x: readonly number[], y: readonly number[]): LinearFit | undefined {
  const { n, mx, my, sxx, syy, sxy } = centredSums(x, y, 'linearFit');
  if (n < 2) return undefined;
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { slope, intercept: my - slope * mx, r2, n };
}

/** The fitted line's value at x (e.g. the projection of quality to a goal's target year). */
export function predict(fit: LinearFit, x: number): number {
  return fit.intercept + fit.slope * x;
}
