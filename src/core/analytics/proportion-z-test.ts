/** The result of a two-proportion z-test. */
export interface ProportionZTest {
  p1: number;
  p2: number;
  /** Pooled share (k1 + k2) / (n1 + n2). */
  pooled: number;
  /** (p2 − p1) / √(p(1−p)(1/n1 + 1/n2)); undefined when the pooled share is 0 or 1 (no variance). */
  z: number | undefined;
  /** |z| > critical (1.96 for α = 0.05, two-sided); false when z is undefined. */
  significant: boolean;
}

/** Name of the test as `goal_progress.test` reports it. */
export const PROPORTION_Z_TEST_NAME = 'двухвыборочный z-тест долей';

/**
 * Two-sided two-proportion z-test with the pooled share: is k2/n2 (latest year) different from
 * k1/n1 (baseline)? Used for goals: a change smaller than its noise is not progress (DOMAIN.md §3).
 * Returns undefined when either n is 0.
 */
export function twoProportionZTest(k1: number, n1: number, k2: number, n2: number, critical = 1.96): ProportionZTest | undefined {
  if (n1 <= 0 || n2 <= 0) return undefined;
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = se > 0 ? (p2 - p1) / se : undefined;
  return { p1, p2, pooled, z, significant: z !== undefined && Math.abs(z) > critical };
}
