import { centredSums } from './centred-sums.ts';

/**
 * Ranks of values with ties sharing the average of the ranks they span (midranks), 1-based:
 * [10, 20, 20, 30] → [1, 2.5, 2.5, 4]. The same ranks the SQL of `objectivity_journal_mismatch` builds.
 */
export function midranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

/** Pearson correlation; undefined when there are fewer than 2 pairs or either side has no variance. */
export function pearson(x: readonly number[], y: readonly number[]): number | undefined {
  const { n, sxx, syy, sxy } = centredSums(x, y, 'pearson');
  if (n < 2 || sxx <= 1e-12 || syy <= 1e-12) return undefined;
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Spearman's rank correlation ρ: the Pearson correlation of the midranks (ties averaged), as the
 * official objectivity method uses between journal marks and primary scores inside a school
 * (DOMAIN.md §4, sign 2). Undefined when either side is constant.
 */
export function spearman(x: readonly number[], y: readonly number[]): number | undefined {
  return pearson(midranks(x), midranks(y));
}
