/**
 * The pure formulas of the analytics core (src/core/analytics) against hand-computed fixtures, and
 * against simple-statistics as an independent implementation.
 */
import { describe, expect, it } from 'vitest';
import { linearRegression, quantile, rSquared, sampleRankCorrelation } from 'simple-statistics';
import { linearFit, predict } from '../../src/core/analytics/linear-fit.ts';
import { intervalAbove, meanInterval } from '../../src/core/analytics/mean-ci.ts';
import { PROPORTION_Z_TEST_NAME, twoProportionZTest } from '../../src/core/analytics/proportion-z-test.ts';
import { midranks, pearson, spearman } from '../../src/core/analytics/spearman.ts';
import { fences, quantileCont } from '../../src/core/analytics/tukey-fences.ts';

describe('Spearman with ties (midranks)', () => {
  it('gives tied values the average of the ranks they span', () => {
    expect(midranks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(midranks([5, 5, 5])).toEqual([2, 2, 2]);
    expect(midranks([3, 1, 2, 1])).toEqual([4, 1.5, 3, 1.5]);
  });

  it('x = [1, 2, 2, 3], y = [1, 3, 2, 4] → ρ = 4.5 / √(4.5·5) = 3/√10 ≈ 0.948683', () => {
    // ranks x: 1, 2.5, 2.5, 4; y: 1, 3, 2, 4; deviations from 2.5: x −1.5, 0, 0, 1.5; y −1.5, 0.5, −0.5, 1.5
    // Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(3 / Math.sqrt(10), 12);
  });

  it('journal marks heavily tied, scores reversed → ρ = −4/√20 ≈ −0.894427', () => {
    // journal 5,5,4,4 → ranks 3.5,3.5,1.5,1.5; scores 10,12,14,16 → 1,2,3,4
    // dx = 1,1,−1,−1; dy = −1.5,−0.5,0.5,1.5: Σdxdy = −4, Σdx² = 4, Σdy² = 5 → −4/√20 = −0.894427
    expect(spearman([5, 5, 4, 4], [10, 12, 14, 16])).toBeCloseTo(-4 / Math.sqrt(20), 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('is undefined when a side is constant, as the SQL leaves the school unevaluated', () => {
    expect(spearman([5, 5, 5, 5, 5], [1, 2, 3, 4, 5])).toBeUndefined();
    expect(pearson([1], [2])).toBeUndefined();
  });

  it('agrees with simple-statistics sampleRankCorrelation (which also averages ties)', () => {
    const x = [5, 4, 4, 3, 5, 2, 3, 4, 5, 4, 3, 3];
    const y = [18, 12, 15, 9, 20, 4, 9, 12, 11, 16, 7, 10];
    expect(spearman(x, y)).toBeCloseTo(sampleRankCorrelation(x, y), 12);
  });
});

describe('least-squares line', () => {
  it('years 2019–2022, quality 30, 32, 31, 35 → slope 1.4, r² 0.7, 38.3 in 2025', () => {
    // x̄ = 2020.5, ȳ = 32; Σdxdy = 7, Σdx² = 5, Σdy² = 14 → slope 7/5, r² = 49/70
    const fit = linearFit([2019, 2020, 2021, 2022], [30, 32, 31, 35])!;
    expect(fit.slope).toBeCloseTo(1.4, 12);
    expect(fit.r2).toBeCloseTo(0.7, 12);
    expect(fit.intercept).toBeCloseTo(32 - 1.4 * 2020.5, 8);
    expect(predict(fit, 2025)).toBeCloseTo(38.3, 9);
  });

  it('agrees with simple-statistics linearRegression and rSquared', () => {
    const x = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
    const y = [22.9, 23.6, 28.7, 27.4, 27.9, 30.0, 33.3];
    const fit = linearFit(x, y)!;
    const pairs = x.map((v, i) => [v, y[i]!]);
    const ss = linearRegression(pairs);
    expect(fit.slope).toBeCloseTo(ss.m, 10);
    expect(fit.intercept).toBeCloseTo(ss.b, 6);
    expect(fit.r2).toBeCloseTo(rSquared(pairs, (v) => ss.b + ss.m * v), 10);
  });

  it('is undefined for one point or equal x; r² = 1 for a flat line', () => {
    expect(linearFit([2020], [1])).toBeUndefined();
    expect(linearFit([2020, 2020], [1, 2])).toBeUndefined();
    expect(linearFit([2020, 2021], [5, 5])).toMatchObject({ slope: 0, r2: 1 });
  });
});

describe('two-proportion z-test', () => {
  it('30/100 vs 45/100 → pooled 0.375, z = 0.15/√(0.375·0.625·0.02) ≈ 2.190890: significant', () => {
    const t = twoProportionZTest(30, 100, 45, 100)!;
    expect(t.pooled).toBeCloseTo(0.375, 12);
    expect(t.z).toBeCloseTo(0.15 / Math.sqrt(0.0046875), 12);
    expect(t.z).toBeCloseTo(2.19089, 5);
    expect(t.significant).toBe(true);
  });

  it('28/100 vs 33/100 → z ≈ 0.767911: not significant; a fall gives a negative z', () => {
    const t = twoProportionZTest(28, 100, 33, 100)!;
    expect(t.z).toBeCloseTo(0.05 / Math.sqrt(0.305 * 0.695 * 0.02), 12);
    expect(t.significant).toBe(false);
    expect(twoProportionZTest(45, 100, 30, 100)!.z).toBeCloseTo(-2.19089, 5);
  });

  it('has no z when the pooled share is 0 or 1, and nothing for n = 0', () => {
    expect(twoProportionZTest(0, 10, 0, 20)).toMatchObject({ z: undefined, significant: false });
    expect(twoProportionZTest(10, 10, 20, 20)).toMatchObject({ z: undefined, significant: false });
    expect(twoProportionZTest(0, 0, 1, 2)).toBeUndefined();
    expect(PROPORTION_Z_TEST_NAME).toBe('двухвыборочный z-тест долей');
  });
});

describe('mean interval x̄ ± 1.96·s/√m', () => {
  it('[1, 2, 3, 4, 5] → 3 ± 1.96·√2.5/√5 = 3 ± 1.385929', () => {
    const ci = meanInterval([1, 2, 3, 4, 5])!;
    expect(ci.mean).toBe(3);
    expect(ci.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(ci.low).toBeCloseTo(1.614071, 6);
    expect(ci.high).toBeCloseTo(4.385929, 6);
  });

  it('flags only an interval entirely above the reference', () => {
    const ref = meanInterval([1, 2, 3, 4, 5])!; // 1.61–4.39
    expect(intervalAbove(meanInterval([5, 6, 7, 8, 9])!, ref)).toBe(true); // 5.61–8.39
    expect(intervalAbove(meanInterval([3, 4, 5, 6, 7])!, ref)).toBe(false); // 3.61–6.39 overlaps
    expect(meanInterval([4])).toBeUndefined();
  });
});

describe('quartiles and fences', () => {
  it('[1, 2, 3, 4, 10] → Q1 2, Q3 4, fences −4 and 10; [1, 2, 3, 4] → 1.75, 3.25', () => {
    expect(fences([10, 1, 3, 2, 4])).toEqual({ q1: 2, q3: 4, iqr: 2, low: -4, high: 10 });
    expect(quantileCont([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantileCont([1, 2, 3, 4], 0.75)).toBeCloseTo(3.25, 12);
    expect(fences([])).toBeUndefined();
  });

  it('agrees with simple-statistics quantile on a sorted sample (interpolating at even positions)', () => {
    const v = [0.8, 0.9, 0.95, 1.0, 1.02, 1.05, 1.1, 1.3, 0.7];
    // n = 9: positions 2 and 6 are exact order statistics, where both definitions coincide
    expect(quantileCont(v, 0.25)).toBeCloseTo(quantile(v, 0.25), 12);
    expect(quantileCont(v, 0.75)).toBeCloseTo(quantile(v, 0.75), 12);
  });
});
