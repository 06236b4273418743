/**
 * The analytics views of migration v3 on the sample municipality (sample-data/README.md): every
 * planted phenomenon is found, nothing planted as clean is flagged, and the SQL agrees with the
 * pure TypeScript formulas and with simple-statistics on the same rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linearRegression, rSquared, sampleRankCorrelation } from 'simple-statistics';
import { linearFit, predict } from '../../src/core/analytics/linear-fit.ts';
import { meanInterval } from '../../src/core/analytics/mean-ci.ts';
import { twoProportionZTest } from '../../src/core/analytics/proportion-z-test.ts';
import { spearman } from '../../src/core/analytics/spearman.ts';
import { fences } from '../../src/core/analytics/tukey-fences.ts';
import type { Engine } from '../../src/db/engine.ts';
import { freshEngine, importSample } from '../helpers.ts';

const D = '990105';
const E = '990107';
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const r1 = (x: number) => Math.round(x * 10) / 10;

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r), m.get(key(r)) ?? []).get(key(r))!.push(r);
  return m;
}

describe('analytics views on the sample municipality', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
    await importSample(engine);
  });
  afterAll(() => engine.close());

  it('migration v3 creates the documented views and the goals table with their columns', async () => {
    const rows = await engine.query<{ t: string; cols: string }>(`SELECT table_name AS t, string_agg(column_name, ', ' ORDER BY ordinal_position) AS cols
      FROM information_schema.columns WHERE table_schema = 'main' GROUP BY table_name`);
    const cols = Object.fromEntries(rows.map((r) => [r.t, r.cols]));
    const signCols = 'year, school_id, procedure, subject, grade, sign, flagged, n, value, reference_low, reference_high, school_low, school_high, detail, explanation';
    expect(cols).toMatchObject({
      objectivity_signs: signCols,
      objectivity_inflated_mean: signCols,
      objectivity_journal_mismatch: signCols,
      objectivity_cohort_change: signCols,
      objectivity_school_year: 'year, school_id, signs_flagged, flagged, signs_evaluated',
      objectivity_index: 'year, municipality, schools, flagged, index',
      objectivity_agreement: 'year, school_id, on_official_list, flagged_by_us, official_markers, flagged_vpr_by_us',
      journal_comparison: 'year, procedure, subject, grade, school_id, journal_n, lowered_pct, confirmed_pct, raised_pct, gap2_n, lowered, confirmed, raised',
      score_histogram: 'year, procedure, subject, grade, school_id, primary_score, students',
      boundary_peaks: 'year, procedure, subject, grade, school_id, boundary_score, at_boundary, below_1, below_2, ratio, n',
      goals: 'goal_id, title, scope, school_id, metric, interpretation, baseline_year, target_year, target',
      goal_progress:
        'goal_id, school_id, baseline_year, baseline, latest_year, latest, change_pp, change_rel_pct, target, status, slope, r2, projection, significant, test, z, baseline_n, latest_n, interpretation, target_source',
      goal_summary: 'goal_id, scope, schools, met, met_pct',
      group_comparison: 'year, procedure, grp, schools, marked, quality_pct, quality_low, quality_high',
      group_gap: 'year, procedure, shnor_quality, other_quality, gap_pp, z, significant',
      cohort_flow:
        'from_year, from_grade, to_year, to_grade, school_id, subject, from_quality, to_quality, from_marked, to_marked, from_procedure, to_procedure, change_pp',
    });
    const versions = await engine.query(`SELECT version, description FROM schema_version WHERE version = 3`);
    expect(versions).toEqual([{ version: 3, description: 'analytics core' }]);
  });

  describe('objectivity signs', () => {
    it('D: inflated_mean flagged in ВПР РУ/МА 4–5 in every year, МА 4 figures as the README table', async () => {
      const rows = await engine.query<Record<string, number>>(`SELECT year, subject, grade, flagged, value, school_low, school_high, reference_low, reference_high
        FROM objectivity_signs WHERE school_id = '${D}' AND sign = 'inflated_mean' AND procedure = 'ВПР' ORDER BY year, subject, grade`);
      expect(rows).toHaveLength(28);
      expect(rows.every((r) => r.flagged)).toBe(true);
      const ma4 = rows.filter((r) => (r.subject as unknown) === 'Математика' && r.grade === 4).map((r) =>
        [r.value!, r.school_low!, r.school_high!, r.reference_low!, r.reference_high!].map(r1));
      // sample-data/README.md §e.1, МА4 column: D mean [CI] vs municipality [CI]
      expect(ma4).toEqual([
        [17.4, 16.8, 18.0, 9.1, 9.7],
        [17.5, 17.0, 17.9, 9.2, 9.8],
        [17.3, 16.7, 17.8, 9.2, 9.8],
        [17.2, 16.5, 17.9, 9.1, 9.7],
        [17.4, 16.9, 17.9, 9.2, 9.9],
        [17.2, 16.6, 17.8, 9.2, 9.8],
        [17.3, 16.7, 17.8, 9.0, 9.6],
      ]);
    });

    it('explains a sign in Russian with decimal commas', async () => {
      const [r] = await engine.query<{ explanation: string; detail: string }>(`SELECT explanation, detail FROM objectivity_signs
        WHERE school_id = '${D}' AND sign = 'inflated_mean' AND year = 2025 AND subject = 'Математика' AND grade = 4`);
      expect(r!.explanation).toBe('Средний балл школы 17,3 (95 % ДИ 16,7–17,8, n = 28) выше, чем у всех загруженных школ: 9,3 (9,0–9,6)');
      expect(JSON.parse(r!.detail)).toMatchObject({ reference_n: expect.any(Number), school_mean: expect.any(Number) });
      const [j] = await engine.query<{ explanation: string }>(`SELECT explanation FROM objectivity_signs
        WHERE school_id = '${D}' AND sign = 'journal_mismatch' AND year = 2021 AND subject = 'Математика' AND grade = 4`);
      expect(j!.explanation).toBe('Ранговая корреляция Спирмена между отметкой в журнале и первичным баллом отрицательна: ρ = −0,65 (n = 28)');
    });

    it('no other school has inflated_mean in ВПР РУ/МА 4–5 in more than one year: exactly the 5 chance flags', async () => {
      const rows = await engine.query(`SELECT school_id, year FROM objectivity_signs
        WHERE sign = 'inflated_mean' AND flagged AND procedure = 'ВПР' AND school_id <> '${D}' ORDER BY school_id, year`);
      expect(rows).toEqual([
        { school_id: '990101', year: 2025 },
        { school_id: '990103', year: 2023 },
        { school_id: '990108', year: 2020 },
        { school_id: '990109', year: 2025 },
        { school_id: '990114', year: 2019 },
      ]);
    });

    it('inflated_mean SQL = TypeScript meanInterval on the same rows (ВПР Математика 4, 2021, every school)', async () => {
      const raw = await engine.query<{ school_id: string; x: number }>(`SELECT school_id, primary_score AS x FROM student_results
        WHERE year = 2021 AND procedure = 'ВПР' AND subject = 'Математика' AND grade = 4 AND NOT absent AND primary_score IS NOT NULL`);
      const ref = meanInterval(raw.map((r) => r.x))!;
      const sql = await engine.query<{ school_id: string; flagged: boolean; value: number; school_low: number; reference_high: number }>(
        `SELECT school_id, flagged, value, school_low, reference_high FROM objectivity_inflated_mean
         WHERE year = 2021 AND procedure = 'ВПР' AND subject = 'Математика' AND grade = 4`,
      );
      expect(sql).toHaveLength(25);
      const bySchool = groupBy(raw, (r) => r.school_id);
      for (const s of sql) {
        const ci = meanInterval(bySchool.get(s.school_id)!.map((r) => r.x))!;
        expect(s.value).toBeCloseTo(ci.mean, 9);
        expect(s.school_low).toBeCloseTo(ci.low, 9);
        expect(s.reference_high).toBeCloseTo(ref.high, 9);
        expect(s.flagged).toBe(ci.low > ref.high);
      }
    });

    it('D: journal_mismatch negative in ВПР Математика 4 every year (README ρ), and no other school flagged', async () => {
      const rows = await engine.query<{ year: number; value: number; n: number; flagged: boolean }>(`SELECT year, value, n, flagged FROM objectivity_signs
        WHERE school_id = '${D}' AND sign = 'journal_mismatch' AND subject = 'Математика' AND grade = 4 ORDER BY year`);
      expect(rows.map((r) => [r.year, Math.round(r.value * 100) / 100, r.n])).toEqual([
        [2019, -0.39, 25], [2020, -0.53, 23], [2021, -0.65, 28], [2022, -0.52, 23], [2023, -0.6, 30], [2024, -0.55, 27], [2025, -0.57, 28],
      ]);
      expect(rows.filter((r) => r.flagged && r.year >= 2023).length).toBeGreaterThanOrEqual(2);
      const others = await engine.query<{ flagged: number; min_rho: number }>(`SELECT count(*) FILTER (WHERE flagged)::INTEGER AS flagged,
        min(value) FILTER (WHERE n >= 15 AND subject = 'Математика' AND grade = 4) AS min_rho
        FROM objectivity_signs WHERE sign = 'journal_mismatch' AND school_id <> '${D}'`);
      expect(others[0]!.flagged).toBe(0);
      expect(others[0]!.min_rho).toBeGreaterThan(0.37); // README: minimum 0.38 among n ≥ 15
    });

    it('Spearman in SQL = TypeScript spearman = simple-statistics on every school-year of ВПР Математика 4', async () => {
      const raw = await engine.query<{ k: string; j: number; x: number }>(`SELECT school_id || '/' || year AS k, journal_mark::DOUBLE AS j, primary_score AS x
        FROM student_results WHERE procedure = 'ВПР' AND subject = 'Математика' AND grade = 4
          AND NOT absent AND primary_score IS NOT NULL AND journal_mark IS NOT NULL`);
      const sql = await engine.query<{ k: string; value: number; n: number }>(`SELECT school_id || '/' || year AS k, value, n
        FROM objectivity_journal_mismatch WHERE subject = 'Математика' AND grade = 4`);
      const groups = groupBy(raw, (r) => r.k);
      const expected = [...groups].filter(([, rs]) => rs.length >= 5 && spearman(rs.map((r) => r.j), rs.map((r) => r.x)) !== undefined);
      expect(sql).toHaveLength(expected.length);
      expect(sql.length).toBe(25 * 7);
      for (const s of sql) {
        const rs = groups.get(s.k)!;
        expect(s.n).toBe(rs.length);
        expect(s.value).toBeCloseTo(spearman(rs.map((r) => r.j), rs.map((r) => r.x))!, 10);
        expect(s.value).toBeCloseTo(sampleRankCorrelation(rs.map((r) => r.j), rs.map((r) => r.x)), 10);
      }
    });

    it('cohort_change: K and its fences agree with TypeScript quartiles (Математика, 2021 ← 2020)', async () => {
      const s = await engine.query<{ school_id: string; grade: number; s: number }>(`SELECT school_id, grade, avg(primary_score * 100.0 / max_score) AS s
        FROM student_results WHERE procedure = 'ВПР' AND subject = 'Математика' AND NOT absent AND primary_score IS NOT NULL
          AND ((grade = 4 AND year = 2020) OR (grade = 5 AND year = 2021)) GROUP BY ALL`);
      const s4 = new Map(s.filter((r) => r.grade === 4).map((r) => [r.school_id, r.s]));
      const k = new Map(s.filter((r) => r.grade === 5 && s4.has(r.school_id)).map((r) => [r.school_id, s4.get(r.school_id)! / r.s]));
      const f = fences([...k.values()])!;
      const sql = await engine.query<{ school_id: string; value: number; reference_low: number; reference_high: number; flagged: boolean; detail: string }>(
        `SELECT school_id, value, reference_low, reference_high, flagged, detail FROM objectivity_cohort_change WHERE year = 2021 AND subject = 'Математика'`,
      );
      expect(sql).toHaveLength(k.size);
      for (const r of sql) {
        expect(r.value).toBeCloseTo(k.get(r.school_id)!, 10);
        expect(r.reference_low).toBeCloseTo(f.low, 10);
        expect(r.reference_high).toBeCloseTo(f.high, 10);
        expect(r.flagged).toBe(r.value > f.high || r.value < f.low);
        expect(JSON.parse(r.detail).direction).toBe(r.value > f.high ? 'fall' : r.value < f.low ? 'rise' : 'none');
      }
    });

    it('objectivity_index: 25 schools evaluated every year, D flagged, index = 100 − 100·flagged/25', async () => {
      const idx = await engine.query<{ year: number; schools: number; flagged: number; index: number }>(
        `SELECT year, schools, flagged, index FROM objectivity_index ORDER BY year`,
      );
      // recount by hand from the sign rows
      const hand = await engine.query<{ year: number; schools: number; flagged: number; d: boolean }>(`SELECT year, count(DISTINCT school_id)::INTEGER AS schools,
        count(DISTINCT school_id) FILTER (WHERE flagged)::INTEGER AS flagged, bool_or(flagged AND school_id = '${D}') AS d
        FROM objectivity_signs GROUP BY year ORDER BY year`);
      expect(idx.map((r) => r.year)).toEqual(YEARS);
      for (const [i, r] of idx.entries()) {
        expect(r.schools).toBe(25);
        expect(r.flagged).toBe(hand[i]!.flagged);
        expect(r.flagged).toBeGreaterThanOrEqual(1);
        expect(hand[i]!.d).toBe(true);
        expect(r.index).toBeCloseTo(100 - (100 * r.flagged) / 25, 10);
      }
      // 2024: D is the only flagged school → 96
      expect(idx.find((r) => r.year === 2024)).toMatchObject({ flagged: 1, index: 96 });
    });
  });

  describe('evidence', () => {
    it('E: boundary peak in ВПР Математика 4 and 5, pooled over 2019–2025 (README §f), far above every other school', async () => {
      const rows = await engine.query(`SELECT grade, boundary_score, below_2, below_1, at_boundary, ratio FROM boundary_peaks
        WHERE school_id = '${E}' AND year IS NULL AND procedure = 'ВПР' AND subject = 'Математика' AND grade IN (4, 5) ORDER BY grade`);
      expect(rows).toEqual([
        { grade: 4, boundary_score: 6, below_2: 0, below_1: 2, at_boundary: 50, ratio: 25 },
        { grade: 5, boundary_score: 7, below_2: 0, below_1: 1, at_boundary: 42, ratio: 42 },
      ]);
      const [others] = await engine.query<{ max_ratio: number }>(`SELECT max(ratio) AS max_ratio FROM boundary_peaks
        WHERE school_id <> '${E}' AND year IS NULL AND procedure = 'ВПР' AND subject = 'Математика' AND grade IN (4, 5)`);
      expect(others!.max_ratio).toBeLessThan(5);
      // per school-year slices have fewer than 50 participants: not evaluated
      const [perYear] = await engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM boundary_peaks WHERE school_id IS NOT NULL AND year IS NOT NULL`);
      expect(perYear!.n).toBe(0);
    });

    it('journal_comparison: D «понизили» ≈ 80 % every year (README §e.2), counts add up', async () => {
      const rows = await engine.query<{ year: number; p: number }>(`SELECT year, 100.0 * sum(lowered) / sum(journal_n) AS p FROM journal_comparison
        WHERE school_id = '${D}' AND procedure = 'ВПР' GROUP BY year ORDER BY year`);
      expect(rows.map((r) => r1(r.p))).toEqual([80.7, 80.1, 80.8, 79.8, 79.3, 78.0, 80.2]);
      const [bad] = await engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM journal_comparison
        WHERE lowered + confirmed + raised <> journal_n OR abs(lowered_pct + confirmed_pct + raised_pct - 100) > 1e-9 OR gap2_n > journal_n`);
      expect(bad!.n).toBe(0);
    });

    it('score_histogram: per-school rows add up to the all-schools row (school_id NULL)', async () => {
      const [r] = await engine.query<{ diff: number; total: number }>(`WITH s AS (
          SELECT year, procedure, subject, grade, primary_score, sum(students) AS a, sum(students) FILTER (WHERE school_id IS NULL) AS b
          FROM score_histogram GROUP BY ALL)
        SELECT count(*) FILTER (WHERE a <> 2 * b)::INTEGER AS diff, sum(b)::INTEGER AS total FROM s`);
      expect(r!.diff).toBe(0);
      const [p] = await engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM student_results WHERE NOT absent AND primary_score IS NOT NULL`);
      expect(r!.total).toBe(p!.n);
    });
  });

  describe('goals', () => {
    it('seeds two goals', async () => {
      const rows = await engine.query(`SELECT goal_id, scope, metric, interpretation, baseline_year, target_year, target FROM goals ORDER BY goal_id`);
      expect(rows).toEqual([
        { goal_id: 1, scope: 'shnor', metric: 'vpr_quality', interpretation: 'pp', baseline_year: null, target_year: 2025, target: 8 },
        { goal_id: 2, scope: 'all', metric: 'vpr_oge_quality', interpretation: 'relative', baseline_year: 2021, target_year: 2025, target: 4 },
      ]);
    });

    it('+8 p.p. for ШНОР: A достигнута, B rises but misses, C ухудшение, F1/F2 flat (README §a–d)', async () => {
      const rows = await engine.query<{ school_id: string; baseline_year: number; change_pp: number; change_rel_pct: number; status: string; significant: boolean }>(
        `SELECT school_id, baseline_year, change_pp, change_rel_pct, status, significant FROM goal_progress WHERE goal_id = 1 ORDER BY school_id`,
      );
      const by = Object.fromEntries(rows.map((r) => [r.school_id, r]));
      expect(Object.keys(by).sort()).toEqual(['990112', '990116', '990117', '990118', '990119']);
      expect(by['990116']).toMatchObject({ baseline_year: 2021, status: 'достигнута', significant: true });
      expect(r1(by['990116']!.change_pp)).toBe(11.4);
      expect(Math.round(by['990116']!.change_rel_pct)).toBe(40);
      expect(by['990117']!.status).not.toBe('достигнута');
      expect(by['990117']!.change_pp).toBeGreaterThan(0);
      expect(r1(by['990117']!.change_pp)).toBe(4.6);
      expect(by['990112']).toMatchObject({ baseline_year: 2022, status: 'ухудшение' });
      expect(r1(by['990112']!.change_pp)).toBe(-6.3);
      expect(Math.round(by['990112']!.change_rel_pct)).toBe(-19);
      expect(r1(by['990118']!.change_pp)).toBe(0);
      expect(by['990118']!.significant).toBe(false);
    });

    it('slope, r², projection and z agree with TypeScript and simple-statistics on quality recounted from student marks', async () => {
      const quality = await engine.query<{ school_id: string; year: number; good: number; marked: number }>(`SELECT school_id, year,
        count(*) FILTER (WHERE mark >= 4)::INTEGER AS good, count(mark)::INTEGER AS marked
        FROM student_results WHERE procedure = 'ВПР' AND NOT absent GROUP BY ALL`);
      const progress = await engine.query<Record<string, number>>(`SELECT * FROM goal_progress WHERE goal_id = 1`);
      for (const p of progress) {
        const years = quality.filter((q) => q.school_id === (p.school_id as unknown)).sort((a, b) => a.year - b.year);
        const x = years.map((q) => q.year);
        const y = years.map((q) => (100 * q.good) / q.marked);
        const fit = linearFit(x, y)!;
        const pairs = x.map((v, i) => [v, y[i]!]);
        const ss = linearRegression(pairs);
        expect(p.slope).toBeCloseTo(fit.slope, 9);
        expect(p.slope).toBeCloseTo(ss.m, 9);
        expect(p.r2).toBeCloseTo(fit.r2, 9);
        expect(p.r2).toBeCloseTo(rSquared(pairs, (v) => ss.b + ss.m * v), 9);
        expect(p.projection).toBeCloseTo(predict(fit, 2025), 6);
        const b = years.find((q) => q.year === p.baseline_year)!;
        const l = years.find((q) => q.year === p.latest_year)!;
        const t = twoProportionZTest(b.good, b.marked, l.good, l.marked)!;
        expect(p.z).toBeCloseTo(t.z!, 9);
        expect(p.significant).toBe(t.significant);
        expect(p.test).toBe('двухвыборочный z-тест долей');
      }
    });

    it('statuses follow their rules for every school of both goals; goal_summary counts them', async () => {
      const rows = await engine.query<{ goal_id: number; status: string; c: number; proj: number; target: number }>(`SELECT goal_id, status,
        CASE interpretation WHEN 'pp' THEN change_pp ELSE change_rel_pct END AS c,
        CASE interpretation WHEN 'pp' THEN projection - baseline ELSE 100 * (projection / baseline - 1) END AS proj, target
        FROM goal_progress`);
      expect(rows.filter((r) => r.goal_id === 2)).toHaveLength(25);
      for (const r of rows) {
        const want = r.c < 0 ? 'ухудшение' : r.c >= r.target ? 'достигнута' : r.c > 0 && r.proj >= r.target ? 'в пути' : 'отстаёт';
        expect(r.status).toBe(want);
      }
      const summary = await engine.query(`SELECT goal_id, scope, schools, met FROM goal_summary ORDER BY goal_id, scope`);
      const met = (g: number) => rows.filter((r) => r.goal_id === g && r.status === 'достигнута').length;
      expect(summary).toEqual([
        { goal_id: 1, scope: 'ШНОР', schools: 5, met: 1 },
        { goal_id: 1, scope: 'все', schools: 5, met: 1 },
        { goal_id: 2, scope: 'ШНОР', schools: 5, met: expect.any(Number) },
        { goal_id: 2, scope: 'все', schools: 25, met: met(2) },
      ]);
    });
  });

  describe('comparisons and cohorts', () => {
    it('group_comparison: ШНОР + остальные = все; municipality ВПР quality as the README', async () => {
      const rows = await engine.query<{ year: number; grp: string; schools: number; marked: number; quality_pct: number; quality_low: number; quality_high: number }>(
        `SELECT year, grp, schools, marked, quality_pct, quality_low, quality_high FROM group_comparison WHERE procedure = 'ВПР' ORDER BY year, grp`,
      );
      const all = rows.filter((r) => r.grp === 'все');
      expect(all.map((r) => r1(r.quality_pct))).toEqual([44.6, 45.1, 45.6, 44.8, 45.3, 45.1, 44.7]);
      for (const a of all) {
        const parts = rows.filter((r) => r.year === a.year && (r.grp === 'ШНОР' || r.grp === 'остальные'));
        expect(parts.reduce((s, r) => s + r.marked, 0)).toBe(a.marked);
        expect(parts.reduce((s, r) => s + r.schools, 0)).toBe(25);
        expect(a.quality_low).toBeLessThan(a.quality_pct);
        expect(a.quality_high).toBeGreaterThan(a.quality_pct);
      }
      // ШНОР from 2021 (3 schools of cohort 2021) and 2022 (5)
      expect(rows.filter((r) => r.grp === 'ШНОР').map((r) => [r.year, r.schools])).toEqual([[2021, 3], [2022, 5], [2023, 5], [2024, 5], [2025, 5]]);
      const gap = await engine.query<{ year: number; gap_pp: number; significant: boolean }>(`SELECT year, gap_pp, significant FROM group_gap WHERE procedure = 'ВПР' ORDER BY year`);
      expect(gap.map((g) => g.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
      for (const g of gap) {
        const q = (grp: string) => rows.find((r) => r.year === g.year && r.grp === grp)!.quality_pct;
        expect(g.gap_pp).toBeCloseTo(q('ШНОР') - q('остальные'), 10);
        expect(g.gap_pp).toBeLessThan(-15);
        expect(g.significant).toBe(true);
      }
    });

    it('cohort_flow follows grade N → N + 1 (ВПР → ВПР, ВПР 8 → ОГЭ 9) and matches school_metrics', async () => {
      const counts = await engine.query(`SELECT from_procedure, to_procedure, from_grade, to_grade, count(*)::INTEGER AS n FROM cohort_flow GROUP BY ALL ORDER BY from_grade`);
      // 25 schools × 6 year pairs × 2 subjects (Русский язык, Математика) for each step
      expect(counts).toEqual([
        { from_procedure: 'ВПР', to_procedure: 'ВПР', from_grade: 4, to_grade: 5, n: 300 },
        { from_procedure: 'ВПР', to_procedure: 'ВПР', from_grade: 5, to_grade: 6, n: 300 },
        { from_procedure: 'ВПР', to_procedure: 'ВПР', from_grade: 6, to_grade: 7, n: 300 },
        { from_procedure: 'ВПР', to_procedure: 'ВПР', from_grade: 7, to_grade: 8, n: 300 },
        { from_procedure: 'ВПР', to_procedure: 'ОГЭ', from_grade: 8, to_grade: 9, n: 300 },
      ]);
      const [bad] = await engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM cohort_flow f
        JOIN school_metrics a ON a.school_id = f.school_id AND a.year = f.from_year AND a.grade = f.from_grade AND a.subject = f.subject AND a.procedure = f.from_procedure
        JOIN school_metrics b ON b.school_id = f.school_id AND b.year = f.to_year AND b.grade = f.to_grade AND b.subject = f.subject AND b.procedure = f.to_procedure
        WHERE abs(a.quality_pct - f.from_quality) > 1e-9 OR abs(b.quality_pct - f.to_quality) > 1e-9 OR a.marked <> f.from_marked OR f.to_year <> f.from_year + 1`);
      expect(bad!.n).toBe(0);
    });

    it('objectivity_agreement puts an official list beside our signs', async () => {
      // a list of 2025 naming D (4 МА) and 990120 (no markers); 2024 has no list
      await engine.exec(`INSERT INTO objectivity_lists VALUES (2025, '${D}', 'sch${D}', NULL, NULL, 4, 'Математика', NULL),
        (2025, '990120', 'sch990120', NULL, NULL, NULL, NULL, NULL)`);
      const rows = await engine.query(`SELECT * FROM objectivity_agreement WHERE year IN (2024, 2025) AND school_id IN ('${D}', '990120', '990110') ORDER BY year, school_id`);
      expect(rows).toEqual([
        { year: 2024, school_id: D, on_official_list: null, flagged_by_us: true, official_markers: null, flagged_vpr_by_us: true },
        { year: 2024, school_id: '990110', on_official_list: null, flagged_by_us: false, official_markers: null, flagged_vpr_by_us: false },
        { year: 2024, school_id: '990120', on_official_list: null, flagged_by_us: false, official_markers: null, flagged_vpr_by_us: false },
        { year: 2025, school_id: D, on_official_list: true, flagged_by_us: true, official_markers: 1, flagged_vpr_by_us: true },
        { year: 2025, school_id: '990110', on_official_list: false, flagged_by_us: false, official_markers: null, flagged_vpr_by_us: false },
        { year: 2025, school_id: '990120', on_official_list: true, flagged_by_us: false, official_markers: 0, flagged_vpr_by_us: false },
      ]);
      await engine.exec(`DELETE FROM objectivity_lists`);
    });
  });
});
