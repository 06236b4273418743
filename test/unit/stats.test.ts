/**
 * wilsonInterval against hand-computed values, and wilsonSql evaluated on the real DuckDB engine
 * as an independent cross-check of the TypeScript formula (src/core/stats.ts).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createNodeEngine } from '../../src/db/node-engine.ts';
import type { Engine } from '../../src/db/engine.ts';
import { wilsonInterval, wilsonSql, MIN_N } from '../../src/core/stats.ts';

describe('wilsonInterval', () => {
  it('k=8, n=20 → 40 %, 95 % CI ≈ 21.881 %–61.342 %', () => {
    // p = 0.4, z² = 3.841459, denom = 1 + z²/n = 1.192073
    // centre = (p + z²/2n) / denom = (0.4 + 0.096036) / 1.192073 = 0.416113
    // half = z·√(p(1−p)/n + z²/4n²) / denom = 1.959964·√(0.012 + 0.002401) / 1.192073 = 0.197307
    // low = 0.218807, high = 0.613418
    const w = wilsonInterval(8, 20)!;
    expect(w.pct).toBe(40);
    expect(w.n).toBe(20);
    expect(w.low).toBeCloseTo(21.881, 3);
    expect(w.high).toBeCloseTo(61.342, 3);
  });

  it.each([
    // hand/independent values (p ± Wilson with z = 1.959964), rounded to 3 decimals
    { k: 13, n: 20, pct: 65, low: 43.285, high: 81.881 },
    { k: 18, n: 20, pct: 90, low: 69.897, high: 97.213 },
    { k: 5, n: 23, pct: 21.739, low: 9.664, high: 41.903 },
    { k: 1, n: 3, pct: 33.333, low: 6.149, high: 79.234 },
    { k: 50, n: 100, pct: 50, low: 40.383, high: 59.617 }, // symmetric around 50 %
  ])('k=$k, n=$n → $low–$high', ({ k, n, pct, low, high }) => {
    const w = wilsonInterval(k, n)!;
    expect(w.pct).toBeCloseTo(pct, 3);
    expect(w.low).toBeCloseTo(low, 3);
    expect(w.high).toBeCloseTo(high, 3);
  });

  it('k = 0: low is 0, high = z²/(n+z²)', () => {
    // n = 10: 3.841459 / 13.841459 = 27.753 %
    const w = wilsonInterval(0, 10)!;
    expect(w.pct).toBe(0);
    expect(w.low).toBe(0);
    expect(w.high).toBeCloseTo(27.753, 3);
  });

  it('k = n: high is 100, low = n/(n+z²)', () => {
    // n = 10: 10 / 13.841459 = 72.247 %
    const w = wilsonInterval(10, 10)!;
    expect(w.pct).toBe(100);
    expect(w.low).toBeCloseTo(72.247, 3);
    expect(w.high).toBeCloseTo(100, 9);
    expect(w.high).toBeLessThanOrEqual(100);
  });

  it.each([0, -1, -20])('n = %i → undefined', (n) => {
    expect(wilsonInterval(0, n)).toBeUndefined();
  });

  it('stays within [0, 100] and contains p for every k of small n', () => {
    for (const n of [1, 2, 3, 5, 7, 10, 23, 50]) {
      for (let k = 0; k <= n; k++) {
        const w = wilsonInterval(k, n)!;
        expect(w.low).toBeGreaterThanOrEqual(0);
        expect(w.high).toBeLessThanOrEqual(100);
        expect(w.low).toBeLessThanOrEqual(w.pct + 1e-9);
        expect(w.high).toBeGreaterThanOrEqual(w.pct - 1e-9);
      }
    }
  });

  it('narrows as n grows at the same share', () => {
    const widths = [10, 40, 160].map((n) => {
      const w = wilsonInterval(n * 0.4, n)!;
      return w.high - w.low;
    });
    expect(widths[0]!).toBeGreaterThan(widths[1]!);
    expect(widths[1]!).toBeGreaterThan(widths[2]!);
    // roughly halves when n quadruples (≈ 1/√n)
    expect(widths[1]! / widths[2]!).toBeCloseTo(2, 0);
  });

  it('a wider z gives a wider interval; MIN_N is 10', () => {
    const w95 = wilsonInterval(8, 20)!;
    const w99 = wilsonInterval(8, 20, 2.5758293035489)!;
    expect(w99.low).toBeLessThan(w95.low);
    expect(w99.high).toBeGreaterThan(w95.high);
    expect(MIN_N).toBe(10);
  });
});

describe('wilsonSql on the DuckDB engine', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('gives NULL bounds for n = 0 or NULL, as wilsonInterval gives undefined', async () => {
    for (const [k, n] of [['0', '0'], ['NULL', 'NULL::INTEGER']] as const) {
      const [row] = await engine.query('SELECT ' + wilsonSql(k, n, 'q'));
      expect(row).toEqual({ q_low: null, q_high: null });
    }
    expect(wilsonInterval(0, 0)).toBeUndefined();
  });

  it('literal k=8, n=20 gives q_low/q_high ≈ 21.881/61.342', async () => {
    const [row] = await engine.query<{ q_low: number; q_high: number }>('SELECT ' + wilsonSql('8', '20', 'q'));
    expect(Object.keys(row!)).toEqual(['q_low', 'q_high']);
    expect(row!.q_low).toBeCloseTo(21.881, 3);
    expect(row!.q_high).toBeCloseTo(61.342, 3);
  });

  it('agrees with wilsonInterval on a grid of (k, n), k = 0..n', async () => {
    const grid: Array<[number, number]> = [];
    for (const n of [1, 2, 3, 4, 5, 7, 10, 15, 20, 23, 31, 50, 137]) for (let k = 0; k <= n; k++) grid.push([k, n]);
    const values = grid.map(([k, n]) => `(${k}, ${n})`).join(', ');
    const rows = await engine.query<{ k: number; n: number; q_low: number; q_high: number }>(
      `SELECT k, n, ${wilsonSql('k', 'n', 'q')} FROM (VALUES ${values}) g(k, n) ORDER BY n, k`,
    );
    expect(rows).toHaveLength(grid.length);
    for (const r of rows) {
      const w = wilsonInterval(r.k, r.n)!;
      expect(r.q_low, `low k=${r.k} n=${r.n}`).toBeCloseTo(w.low, 9);
      expect(r.q_high, `high k=${r.k} n=${r.n}`).toBeCloseTo(w.high, 9);
      expect(r.q_low).toBeGreaterThanOrEqual(0);
      expect(r.q_high).toBeLessThanOrEqual(100);
    }
  });

  it('works over expressions such as sums of count columns', async () => {
    // k = 5 + 8 = 13, n = 2 + 5 + 8 + 5 = 20 → same as wilsonInterval(13, 20)
    const [row] = await engine.query<{ quality_low: number; quality_high: number }>(
      `SELECT ${wilsonSql('sum(n4 + n5)', 'sum(n2 + n3 + n4 + n5)', 'quality')}
       FROM (VALUES (2, 5, 8, 5)) t(n2, n3, n4, n5)`,
    );
    const w = wilsonInterval(13, 20)!;
    expect(row!.quality_low).toBeCloseTo(w.low, 9);
    expect(row!.quality_high).toBeCloseTo(w.high, 9);
  });
});
