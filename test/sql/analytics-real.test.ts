/**
 * The analytics views on the real ФИС ОКО 2021 export (Алтайский край, ВПР Математика 4): the
 * boundary peak of DOMAIN.md §4, the journal comparison, and the official signs recomputed
 * independently in TypeScript from the student rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intervalAbove, meanInterval } from '../../src/core/analytics/mean-ci.ts';
import { spearman } from '../../src/core/analytics/spearman.ts';
import type { Engine } from '../../src/db/engine.ts';
import { freshEngine, importPath, REAL_MATH4_CSV } from '../helpers.ts';

describe('analytics views on the real ВПР 2021 Математика 4 export', () => {
  let engine: Engine;
  let rows: Array<{ school_id: string; x: number; j: number | null }>;
  beforeAll(async () => {
    engine = await freshEngine();
    expect((await importPath(engine, REAL_MATH4_CSV)).status).toBe('ok');
    rows = await engine.query(`SELECT school_id, primary_score AS x, journal_mark::DOUBLE AS j FROM student_results
      WHERE NOT absent AND primary_score IS NOT NULL`);
  });
  afterAll(() => engine.close());

  it('whole-region histogram: 302 students at 5 points, 1 070 at 6', async () => {
    const h = await engine.query(`SELECT primary_score, students FROM score_histogram
      WHERE school_id IS NULL AND primary_score IN (5, 6) ORDER BY primary_score`);
    expect(h).toEqual([
      { primary_score: 5, students: 302 },
      { primary_score: 6, students: 1_070 },
    ]);
  });

  it('boundary_peaks for the region: boundary 6 («3» from 6), 1 070 at it, 302 one below — a 3.5× jump', async () => {
    const [b] = await engine.query<Record<string, number>>(`SELECT * FROM boundary_peaks WHERE school_id IS NULL`);
    expect(b).toMatchObject({ year: 2021, boundary_score: 6, at_boundary: 1_070, below_1: 302, below_2: 205, n: 24_933 });
    expect(b!.ratio).toBeCloseTo(1_070 / 302, 10);
  });

  it('journal_comparison for the region: понизили / подтвердили / повысили = 12.9 / 65.3 / 21.8 % of 24 928', async () => {
    const [j] = await engine.query<Record<string, number>>(`SELECT * FROM journal_comparison WHERE school_id IS NULL`);
    expect(j!.journal_n).toBe(24_928);
    expect([j!.lowered_pct, j!.confirmed_pct, j!.raised_pct].map((p) => Math.round(p! * 10) / 10)).toEqual([12.9, 65.3, 21.8]);
    expect(j!.gap2_n).toBe(318);
  });

  it('inflated_mean: 629 schools evaluated, 80 flagged — the same as an independent TypeScript recount', async () => {
    const ref = meanInterval(rows.map((r) => r.x))!;
    const bySchool = new Map<string, number[]>();
    for (const r of rows) bySchool.set(r.school_id, bySchool.get(r.school_id) ?? []).get(r.school_id)!.push(r.x);
    const ci = [...bySchool].map(([id, xs]) => [id, meanInterval(xs)] as const).filter(([, c]) => c !== undefined);
    const flaggedTs = ci.filter(([, c]) => intervalAbove(c!, ref)).map(([id]) => id).sort();
    const sql = await engine.query<{ school_id: string; flagged: boolean }>(`SELECT school_id, flagged FROM objectivity_signs WHERE sign = 'inflated_mean'`);
    expect(sql).toHaveLength(ci.length);
    expect(sql.filter((r) => r.flagged).map((r) => r.school_id).sort()).toEqual(flaggedTs);
    expect(ci.length).toBe(629);
    expect(flaggedTs.length).toBe(80);
  });

  it('journal_mismatch: 598 schools with ≥ 5 pairs evaluated, none negative — as spearman() on the same rows', async () => {
    const bySchool = new Map<string, Array<{ x: number; j: number }>>();
    for (const r of rows) if (r.j !== null) bySchool.set(r.school_id, bySchool.get(r.school_id) ?? []).get(r.school_id)!.push({ x: r.x, j: r.j });
    const ts = new Map<string, number>();
    for (const [id, ps] of bySchool) {
      const rho = ps.length >= 5 ? spearman(ps.map((p) => p.j), ps.map((p) => p.x)) : undefined;
      if (rho !== undefined) ts.set(id, rho);
    }
    const sql = await engine.query<{ school_id: string; value: number; flagged: boolean }>(`SELECT school_id, value, flagged FROM objectivity_signs WHERE sign = 'journal_mismatch'`);
    expect(sql).toHaveLength(ts.size);
    for (const s of sql) expect(s.value).toBeCloseTo(ts.get(s.school_id)!, 10);
    expect(sql.length).toBe(598);
    expect(sql.filter((s) => s.flagged)).toHaveLength([...ts.values()].filter((v) => v < 0).length);
    expect(sql.filter((s) => s.flagged)).toHaveLength(0);
  });

  it('objectivity_index by municipality adds up to the flagged schools; no cohort sign without two years', async () => {
    const [t] = await engine.query<{ munis: number; schools: number; flagged: number; bad: number }>(`SELECT count(*)::INTEGER AS munis,
      sum(schools)::INTEGER AS schools, sum(flagged)::INTEGER AS flagged,
      count(*) FILTER (WHERE abs(index - (100 - 100.0 * flagged / schools)) > 1e-9)::INTEGER AS bad FROM objectivity_index`);
    expect(t).toEqual({ munis: 71, schools: 629, flagged: 80, bad: 0 });
    const [c] = await engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM objectivity_signs WHERE sign = 'cohort_change'`);
    expect(c!.n).toBe(0);
  });
});
