import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/db/engine.ts';
import { freshEngine, importPath, REAL_MATH4_CSV, REAL_RUS5_CSV } from '../helpers.ts';

/**
 * The real ФИС ОКО 2021 export (Алтайский край, ВПР Математика 4) through the full pipeline on the
 * real engine. Expected figures were computed independently (../shared/data/README.md).
 */
describe('real ФИС ОКО 2021 export, Математика 4 (windows-1251 CSV)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
    const r = await importPath(engine, REAL_MATH4_CSV);
    expect(r.status).toBe('ok');
    expect(r.format).toBe('ФИС ОКО: результаты ВПР по обучающимся (выгрузка 2021)');
    expect(r.rows).toBe(26_666);
  });
  afterAll(() => engine.close());

  it('keeps every row, with year, subject and grade from the file name', async () => {
    const rows = await engine.query(`SELECT year, procedure, subject, grade, count(*)::INTEGER AS n, count(DISTINCT school_id)::INTEGER AS schools
      FROM student_results GROUP BY ALL`);
    expect(rows).toEqual([{ year: 2021, procedure: 'ВПР', subject: 'Математика', grade: 4, n: 26_666, schools: 635 }]);
  });

  it('counts 24 933 participants and marks 2/3/4/5 = 3.3 / 23.6 / 46.2 / 26.9 % from the 2021 scale', async () => {
    const [r] = await engine.query<Record<string, number>>(`SELECT sum(participants)::INTEGER AS n,
      sum(n2)::INTEGER AS n2, sum(n3)::INTEGER AS n3, sum(n4)::INTEGER AS n4, sum(n5)::INTEGER AS n5 FROM school_results`);
    expect(r!.n).toBe(24_933);
    const pct = (k: number | undefined) => Math.round(((k ?? NaN) / r!.n!) * 1000) / 10;
    expect([pct(r!.n2!), pct(r!.n3!), pct(r!.n4!), pct(r!.n5!)]).toEqual([3.3, 23.6, 46.2, 26.9]);
    expect(r!.n2! + r!.n3! + r!.n4! + r!.n5!).toBe(24_933);
  });

  it('compares with journal marks: понизили / подтвердили / повысили = 12.9 / 65.3 / 21.8 % of 24 928', async () => {
    const [r] = await engine.query<Record<string, number>>(`SELECT sum(journal_n)::INTEGER AS j, sum(lowered)::INTEGER AS lo,
      sum(confirmed)::INTEGER AS co, sum(raised)::INTEGER AS ra FROM school_results`);
    expect(r!.j).toBe(24_928);
    const pct = (k: number | undefined) => Math.round(((k ?? NaN) / r!.j!) * 1000) / 10;
    expect([pct(r!.lo!), pct(r!.co!), pct(r!.ra!)]).toEqual([12.9, 65.3, 21.8]);
  });

  it('reads the real quirks: «отсутствовал», «нет» classes in mixed case, «нет отметки», sch logins', async () => {
    const [r] = await engine.query<Record<string, number>>(`SELECT
      count(*) FILTER (WHERE absent)::INTEGER AS absent,
      count(*) FILTER (WHERE class IS NULL)::INTEGER AS no_class,
      count(*) FILTER (WHERE class = 'а')::INTEGER AS class_a,
      count(*) FILTER (WHERE NOT absent AND journal_mark IS NULL)::INTEGER AS no_journal,
      count(*) FILTER (WHERE school_id !~ '^[0-9]+$')::INTEGER AS bad_ids FROM student_results`);
    // 1 732 «отсутствовал» + 1 row with no total score at all; classes «а» and «А» are one class.
    expect(r!.absent).toBe(1_733);
    expect(r!.class_a).toBeGreaterThan(0);
    expect(r!.no_class).toBeGreaterThan(0);
    expect(r!.no_journal).toBe(5);
    expect(r!.bad_ids).toBe(0);
  });

  it('derives per-school aggregates that agree with the student rows (independent recount)', async () => {
    const diff = await engine.query(`WITH s AS (
        SELECT school_id, count(*) FILTER (WHERE NOT absent) AS p, count(*) FILTER (WHERE mark >= 4) AS good FROM student_results GROUP BY 1)
      SELECT * FROM s JOIN school_results r USING (school_id) WHERE s.p <> r.participants OR s.good <> r.n4 + r.n5`);
    expect(diff).toEqual([]);
  });

  it('has the 2→3 boundary peak: 302 students at 5 points, 1 070 at 6', async () => {
    const rows = await engine.query<{ s: number; n: number }>(`SELECT primary_score AS s, count(*)::INTEGER AS n FROM student_results
      WHERE NOT absent AND primary_score BETWEEN 3 AND 8 GROUP BY 1 ORDER BY 1`);
    expect(rows.map((r) => r.n)).toEqual([151, 205, 302, 1_070, 1_237, 1_533]);
  });

  it('creates schools from logins with their municipality (the «регион» column)', async () => {
    const rows = await engine.query(`SELECT school_id, login, municipality FROM schools WHERE school_id = '220206'`);
    expect(rows).toEqual([{ school_id: '220206', login: 'sch220206', municipality: 'СПО Алтайский край' }]);
  });

  it('imports a second real export beside it (Русский язык 5) without touching the first', async () => {
    const r = await importPath(engine, REAL_RUS5_CSV);
    expect(r.status).toBe('ok');
    const rows = await engine.query(`SELECT subject, grade, count(*)::INTEGER AS n FROM student_results GROUP BY ALL ORDER BY 1`);
    expect(rows).toContainEqual({ subject: 'Математика', grade: 4, n: 26_666 });
    expect(rows).toContainEqual({ subject: 'Русский язык', grade: 5, n: r.rows });
  });
});
