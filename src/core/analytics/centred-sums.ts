/** Means and centred sums of squares and products of paired samples: the shared basis of a correlation and a least-squares line. */
export interface CentredSums {
  n: number;
  mx: number;
  my: number;
  sxx: number;
  syy: number;
  sxy: number;
}

/** Σ(x−x̄)², Σ(y−ȳ)², Σ(x−x̄)(y−ȳ) with the means; throws when x and y differ in length (`who` names the caller). */
export function centredSums(x: readonly number[], y: readonly number[], who: string): CentredSums {
  const n = x.length;
  if (n !== y.length) throw new Error(`${who}: x and y differ in length`);
  const mx = n ? x.reduce((s, v) => s + v, 0) / n : NaN;
  const my = n ? y.reduce((s, v) => s + v, 0) / n : NaN;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return { n, mx, my, sxx, syy, sxy };
}
