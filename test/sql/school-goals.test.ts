/**
 * The school page's goals (schoolGoalsSql + src/core/goals/school-goal-text.ts) on the sample
 * municipality: the planted schools A 990116 (reached +8), B 990117 (rises, misses) and C 990112
 * (falls) get their `goal_progress` rows, recomputed here from the raw counts with simple-statistics;
 * the goal line sits where the status test puts it, on the same quality the page's chart draws; a
 * school's own target replaces the goal's in the row, the line and the sentence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linearRegression } from 'simple-statistics';
import { goalLevel, goalLineLabel, schoolGoalSentence, type SchoolGoalProgress } from '../../src/core/goals/school-goal-text.ts';
import { clearSchoolTargetSql, setSchoolTargetSql } from '../../src/core/sql/goal-queries.ts';
import { schoolTrendSql } from '../../src/core/sql/queries.ts';
import { schoolGoalsSql } from '../../src/core/sql/school-queries.ts';
import type { Engine } from '../../src/db/engine.ts';
import { freshEngine, importSample } from '../helpers.ts';

/** ВПР quality by year of one school, pooled by counts in TypeScript from the raw rows. */
async function vprQuality(engine: Engine, schoolId: string): Promise<Map<number, { q: number; marked: number }>> {
  const raw = await engine.query<{ year: number; n2: number; n3: number; n4: number; n5: number }>(
    `SELECT year, n2, n3, n4, n5 FROM school_results WHERE procedure = 'ВПР' AND school_id = '${schoolId}' AND n2 IS NOT NULL`,
  );
  const acc = new Map<number, { good: number; marked: number }>();
  for (const r of raw) {
    const a = acc.get(r.year) ?? { good: 0, marked: 0 };
    a.good += r.n4 + r.n5;
    a.marked += r.n2 + r.n3 + r.n4 + r.n5;
    acc.set(r.year, a);
  }
  return new Map([...acc].filter(([, a]) => a.marked > 0).map(([y, a]) => [y, { q: (100 * a.good) / a.marked, marked: a.marked }]));
}

/** The status `goal_progress` defines, recomputed: change against target, else the least-squares line at the target year. */
function expectedStatus(q: Map<number, { q: number }>, baseYear: number, targetYear: number, target: number): { change: number; status: string; latestYear: number } {
  const years = [...q.keys()].filter((y) => y > baseYear && y <= targetYear).sort((a, b) => a - b);
  const latestYear = years[years.length - 1]!;
  const change = q.get(latestYear)!.q - q.get(baseYear)!.q;
  const line = linearRegression([...q].map(([y, v]) => [y, v.q]));
  const projected = line.m * targetYear + line.b - q.get(baseYear)!.q;
  const status = change < 0 ? 'ухудшение' : change >= target ? 'достигнута' : change > 0 && projected >= target ? 'в пути' : 'отстаёт';
  return { change, status, latestYear };
}

describe('school page goals on the sample municipality', () => {
  let engine: Engine;
  const goal1 = async (id: string) => (await engine.query<SchoolGoalProgress & Record<string, unknown>>(schoolGoalsSql(id))).find((g) => g.goal_id === 1)!;
  beforeAll(async () => {
    engine = await freshEngine();
    await importSample(engine);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('A 990116 reached +8, B 990117 misses it, C 990112 falls — as recomputed from the raw counts', async () => {
    const planted = { '990116': ['достигнута', 2021, 11.4], '990117': [null, 2021, 4.6], '990112': ['ухудшение', 2022, -6.3] } as const;
    for (const [id, [status, base, readme]] of Object.entries(planted)) {
      const g = await goal1(id);
      const q = await vprQuality(engine, id);
      const exp = expectedStatus(q, base, 2025, 8);
      expect(g.baseline_year).toBe(base);
      expect(g.latest_year).toBe(exp.latestYear);
      expect(g.baseline).toBeCloseTo(q.get(base)!.q, 9);
      expect(g.baseline_n).toBe(q.get(base)!.marked);
      expect(g.change_pp).toBeCloseTo(exp.change, 9);
      expect(Math.round(g.change_pp! * 10) / 10).toBe(readme);
      expect(g.status).toBe(exp.status);
      if (status) expect(g.status).toBe(status);
      else expect(['в пути', 'отстаёт']).toContain(g.status);
      expect(g).toMatchObject({ title: 'Качество знаний по ВПР +8 п.п. к концу проекта (ШНОР)', metric: 'vpr_quality', target_year: 2025, goal_target: 8, target: 8, target_source: 'цель' });
      expect(goalLevel(g)).toBeCloseTo(q.get(base)!.q + 8, 9);
    }
    // goal 2 (all schools, ВПР and ОГЭ pooled, +4 % of the baseline) applies to every school, not only ШНОР
    const rows = await engine.query<SchoolGoalProgress & Record<string, unknown>>(schoolGoalsSql('990101'));
    expect(rows.map((r) => r.goal_id)).toEqual([2]);
    expect(goalLevel(rows[0]!)).toBeCloseTo(rows[0]!.baseline! * 1.04, 9);
  });

  it('the goal line is drawn on the quality the ВПР chart shows (the same pooling at the baseline year)', async () => {
    for (const id of ['990116', '990117', '990112']) {
      const g = await goal1(id);
      const trend = await engine.query<{ procedure: string; year: number; quality_pct: number }>(schoolTrendSql(id));
      const at = trend.find((t) => t.procedure === 'ВПР' && t.year === g.baseline_year)!;
      expect(at.quality_pct).toBeCloseTo(g.baseline!, 9);
    }
  });

  it("a school's own target replaces the goal's in the row, the status, the line and the sentence", async () => {
    const before = await goal1('990117');
    await engine.query(setSchoolTargetSql(1, '990117', 4));
    try {
      const g = await goal1('990117');
      expect(g).toMatchObject({ target: 4, goal_target: 8, target_source: 'школа', status: 'достигнута' });
      expect(g.change_pp).toBeCloseTo(before.change_pp!, 12);
      expect(goalLevel(g)).toBeCloseTo(before.baseline! + 4, 9);
      expect(goalLineLabel(g)).toBe(`Цель (своя цель школы): +4\u202fп.п. от 2021 г. к 2025 г. (${(before.baseline! + 4).toFixed(1).replace('.', ',')}\u202f%)`);
      const s = schoolGoalSentence(g);
      expect(s).toContain('своя цель школы — +4\u202fп.п. (общая цель — +8\u202fп.п.)');
      expect(s).toContain('статус — достигнута');
      expect(s).toContain(`изменение +${g.change_pp!.toFixed(1).replace('.', ',')}\u202fп.п.`);
      // another school keeps the goal's target
      expect(await goal1('990116')).toMatchObject({ target: 8, target_source: 'цель' });
    } finally {
      await engine.query(clearSchoolTargetSql(1, '990117'));
    }
    expect(await goal1('990117')).toMatchObject({ target: 8, target_source: 'цель', status: before.status });
  });

  it('the sentence carries the real numbers and the status word; a relative goal says «% от базы»', async () => {
    const c = await goal1('990112');
    const s = schoolGoalSentence(c);
    expect(s).toMatch(/^Цель «Качество знаний по ВПР \+8 п\.п\. к концу проекта \(ШНОР\)»: \+8\u202fп\.п\. от 2022 года к 2025 году, то есть до /);
    expect(s).toContain(`в 2022 году — ${c.baseline!.toFixed(1).replace('.', ',')}\u202f%`);
    expect(s).toContain('изменение −6,3\u202fп.п.; статус — ухудшение');
    expect(s).toContain(c.significant ? 'больше случайных колебаний' : 'в пределах случайных колебаний');
    const [g2] = await engine.query<SchoolGoalProgress & Record<string, unknown>>(`${schoolGoalsSql('990101')}`);
    const s2 = schoolGoalSentence(g2!, 'линии на графике нет');
    expect(s2).toContain('(качество знаний по ВПР и ОГЭ вместе; линии на графике нет): +4\u202f% от уровня 2021 года к 2025 году, то есть до ');
    expect(s2).toContain(`то есть до ${(g2!.baseline! * 1.04).toFixed(1).replace('.', ',')}\u202f%`);
    expect(s2).toMatch(/изменение [+−]\d+,\d\u202f% от базы, [+−±]\d+,\d\u202fп\.п\./);
    expect(s2).toContain(`статус — ${g2!.status}`);
  });
});
