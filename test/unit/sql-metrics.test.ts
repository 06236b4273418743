/**
 * The canonical schema on the real engine (src/core/sql/migrations.ts via src/db/migrate.ts):
 * school_metrics against hand computation, and deriveSchoolResultsSql / mergeStatements
 * (src/core/sql/merge.ts) over hand-made student rows.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createNodeEngine } from '../../src/db/node-engine.ts';
import type { Engine, Row } from '../../src/db/engine.ts';
import { migrate } from '../../src/db/migrate.ts';
import { MIGRATIONS } from '../../src/core/sql/migrations.ts';
import { deriveSchoolResultsSql, mergeStatements, TARGET_COLUMNS } from '../../src/core/sql/merge.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  expect(await migrate(engine)).toEqual(MIGRATIONS.map((m) => m.version));
});
afterAll(async () => {
  await engine?.close();
});

/** SQL literal for a test value. */
const lit = (v: unknown) => (v === null ? 'NULL' : typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v));
const valuesOf = (rows: unknown[][]) => rows.map((r) => `(${r.map(lit).join(', ')})`).join(',\n');

describe('migrate', () => {
  it('is idempotent and seeds the reference ВПР scales for 2020–2022', async () => {
    expect(await migrate(engine)).toEqual([]);
    const years = await engine.query<{ year: number; n: number }>('SELECT year, count(*)::INTEGER AS n FROM grading_scales GROUP BY year ORDER BY year');
    expect(years.map((r) => r.year)).toEqual([2020, 2021, 2022]);
    expect(new Set(years.map((r) => r.n)).size).toBe(1);
  });
});

describe('school_metrics', () => {
  // year, procedure, subject, grade, school_id, participants, n2, n3, n4, n5, mean_score, max_score
  const rows: unknown[][] = [
    [2021, 'ВПР', 'Математика', 4, '224401', 21, 2, 5, 8, 5, 11.5, 20],
    [2021, 'ВПР', 'Математика', 4, '224402', 10, 1, 2, 3, 4, 12, 20],
    [2021, 'ВПР', 'Математика', 4, '224403', 3, 0, 0, 0, 3, 19, 20],
    [2021, 'ВПР', 'Математика', 4, '224404', 7, 7, 0, 0, 0, 3, 20],
    [2021, 'ВПР', 'Математика', 4, '224405', 0, 0, 0, 0, 0, null, 20],
    [2021, 'ЕГЭ', 'Русский язык', 11, '224401', 18, null, null, null, null, 70.5, 100],
  ];
  beforeAll(async () => {
    await engine.exec(`INSERT INTO school_results
      (year, procedure, subject, grade, school_id, participants, n2, n3, n4, n5, mean_score, max_score, source, import_id)
      SELECT *, 'test', 1 FROM (VALUES ${valuesOf(rows)}) v`);
  });

  const metrics = async (procedure: string, school: string) =>
    (await engine.query<Row>(`SELECT * FROM school_metrics WHERE procedure = '${procedure}' AND school_id = '${school}'`))[0]!;

  it.each([
    {
      // marked = 2+5+8+5 = 20; quality (8+5)/20 = 65 %; success (5+8+5)/20 = 90 %;
      // mean mark (2·2+3·5+4·8+5·5)/20 = (4+15+32+25)/20 = 3.8; СОУ (100·5+64·8+36·5+16·2)/20 = (500+512+180+32)/20 = 61.2
      // mean_score_pct 11.5·100/20 = 57.5
      school: '224401', participants: 21, marked: 20, quality: 65, success: 90, meanMark: 3.8, sou: 61.2, scorePct: 57.5,
    },
    {
      // marked 10; quality 7/10 = 70 %; success 9/10 = 90 %; mean (2+6+12+20)/10 = 4.0; СОУ (400+192+72+16)/10 = 68
      school: '224402', participants: 10, marked: 10, quality: 70, success: 90, meanMark: 4, sou: 68, scorePct: 60,
    },
    { school: '224403', participants: 3, marked: 3, quality: 100, success: 100, meanMark: 5, sou: 100, scorePct: 95 },
    // only «2»: quality 0, success 0, mean mark 2, СОУ 16; mean score 3·100/20 = 15 %
    { school: '224404', participants: 7, marked: 7, quality: 0, success: 0, meanMark: 2, sou: 16, scorePct: 15 },
    // nobody marked: shares are NULL, not 0 or a division error
    { school: '224405', participants: 0, marked: 0, quality: null, success: null, meanMark: null, sou: null, scorePct: null },
  ])('ВПР school $school', async ({ school, participants, marked, quality, success, meanMark, sou, scorePct }) => {
    const m = await metrics('ВПР', school);
    expect(m.participants).toBe(participants);
    expect(m.marked).toBe(marked);
    const close = (actual: unknown, expected: number | null) =>
      expected === null ? expect(actual).toBeNull() : expect(actual as number).toBeCloseTo(expected, 9);
    close(m.quality_pct, quality);
    close(m.success_pct, success);
    close(m.mean_mark, meanMark);
    close(m.sou_pct, sou);
    close(m.mean_score_pct, scorePct);
  });

  it('ЕГЭ rows without marks: mark metrics NULL, mean score % from max_score 100', async () => {
    const m = await metrics('ЕГЭ', '224401');
    expect(m).toMatchObject({ marked: null, quality_pct: null, success_pct: null, mean_mark: null, sou_pct: null, mean_score: 70.5 });
    expect(m.mean_score_pct as number).toBeCloseTo(70.5, 9);
  });

  it('pooled over schools the weighted quality is Σ(n4+n5)/Σmarked, not the mean of percentages', async () => {
    // schools 224401..224404: (13 + 7 + 3 + 0) / (20 + 10 + 3 + 7) = 23/40 = 57.5 %
    // (the unweighted mean of 65, 70, 100, 0 would be 58.75 %)
    const [r] = await engine.query<{ q: number }>(
      `SELECT sum(n4 + n5) * 100.0 / sum(marked) AS q FROM school_metrics
       JOIN school_results USING (year, procedure, subject, grade, school_id)
       WHERE procedure = 'ВПР' AND school_id BETWEEN '224401' AND '224404'`,
    );
    expect(r!.q).toBeCloseTo(57.5, 9);
  });
});

const STUDENT_COLS = [...TARGET_COLUMNS.student_results, 'import_id'];

// year, procedure, subject, grade, school_id, class, student_code, variant, primary_score, max_score, mark, journal_mark, test_score, absent, import_id
const VPR = [2021, 'ВПР', 'Математика', 4];
const EGE = [2021, 'ЕГЭ', 'Математика профильная', 11];
const STUDENTS: unknown[][] = [
  // school 700001, ВПР: 7 present (one without a mark), 2 absent
  [...VPR, '700001', '4а', 's1', '1', 15, 20, 4, 4, null, false, 1], // confirmed
  [...VPR, '700001', '4а', 's2', '2', 18, 20, 5, 4, null, false, 1], // raised
  [...VPR, '700001', '4а', 's3', '1', 7, 20, 3, 4, null, false, 1], // lowered
  [...VPR, '700001', '4б', 's4', '2', 5, 20, 2, null, null, false, 1], // no journal mark
  [...VPR, '700001', '4б', 's5', '1', 12, 20, 4, 5, null, false, 1], // lowered
  [...VPR, '700001', '4б', 's6', '2', 10, 20, 3, 3, null, false, 2], // confirmed
  [...VPR, '700001', '4б', 's7', '1', 9, 20, null, 3, null, false, 1], // present, no mark (no scale): not in n2..n5 nor journal
  [...VPR, '700001', '4а', 's8', null, null, 20, null, 3, null, true, 1], // absent
  [...VPR, '700001', '4б', 's9', null, null, 20, null, null, null, true, 1], // absent
  // school 700002, ВПР: everyone absent
  [...VPR, '700002', '4а', 'a1', null, null, 20, null, 4, null, true, 3],
  [...VPR, '700002', '4а', 'a2', null, null, 20, null, null, null, true, 3],
  // school 700001, ЕГЭ: test scores, no marks; 81 is the high-scorer boundary
  [...EGE, '700001', '11а', 'e1', '301', 25, 32, null, 5, 81, false, 4],
  [...EGE, '700001', '11а', 'e2', '302', 24, 32, null, 4, 80, false, 4],
  [...EGE, '700001', '11а', 'e3', '301', 5, 32, null, 3, 27, false, 4],
  [...EGE, '700001', '11а', 'e4', null, null, 32, null, null, 95, true, 4], // absent: ignored even with a score
];

describe('deriveSchoolResultsSql', () => {
  let derived: Row[];
  beforeAll(async () => {
    await engine.exec(`CREATE TEMP TABLE t AS SELECT * FROM student_results WHERE false;
      INSERT INTO t (${STUDENT_COLS.join(', ')}) VALUES ${valuesOf(STUDENTS)}`);
    derived = await engine.query(`SELECT * FROM (${deriveSchoolResultsSql('t')}) ORDER BY procedure, school_id`);
  });
  const slice = (procedure: string, school: string) => derived.find((r) => r.procedure === procedure && r.school_id === school)!;

  it('one row per (year, procedure, subject, grade, school)', () => {
    expect(derived.map((r) => `${r.procedure}/${r.subject}/${r.grade}/${r.school_id}`)).toEqual([
      'ВПР/Математика/4/700001',
      'ВПР/Математика/4/700002',
      'ЕГЭ/Математика профильная/11/700001',
    ]);
    expect(Object.keys(derived[0]!)).toEqual([...TARGET_COLUMNS.school_results, 'import_id']);
  });

  it('ВПР school with absent students and missing journal marks', () => {
    // present s1..s7 = 7; marks: «2» s4; «3» s3, s6; «4» s1, s5; «5» s2 (s7 has none)
    // mean score over present = (15+18+7+5+12+10+9)/7 = 76/7
    // with mark and journal mark: s1, s2, s3, s5, s6 = 5; lowered s3 (3<4), s5 (4<5); confirmed s1, s6; raised s2
    const r = slice('ВПР', '700001');
    expect(r).toMatchObject({
      year: 2021, subject: 'Математика', grade: 4,
      participants: 7, n2: 1, n3: 2, n4: 2, n5: 1,
      max_score: 20, below_min: null, high_scorers: null,
      journal_n: 5, lowered: 2, confirmed: 2, raised: 1,
      source: 'student_results', import_id: 2,
    });
    expect(r.mean_score as number).toBeCloseTo(76 / 7, 9);
  });

  it('all students absent: 0 participants, no mark counts, no mean', () => {
    expect(slice('ВПР', '700002')).toMatchObject({
      participants: 0, n2: null, n3: null, n4: null, n5: null, mean_score: null, max_score: 20,
      journal_n: 0, lowered: 0, confirmed: 0, raised: 0, import_id: 3,
    });
  });

  it('ЕГЭ: test score over primary score, max 100, high scorers ≥ 81', () => {
    // present e1..e3: mean test score (81+80+27)/3 = 188/3 = 62.667; high scorers: e1 only (81)
    const r = slice('ЕГЭ', '700001');
    expect(r).toMatchObject({
      participants: 3, n2: null, n3: null, n4: null, n5: null, max_score: 100, high_scorers: 1,
      journal_n: 0, lowered: 0, confirmed: 0, raised: 0,
    });
    expect(r.mean_score as number).toBeCloseTo(188 / 3, 9);
  });

  it('derived rows feed school_metrics: n2=1, n3=2, n4=2, n5=1', async () => {
    await engine.exec(`INSERT INTO school_results ${deriveSchoolResultsSql('t')}`);
    const [m] = await engine.query<Row>(`SELECT * FROM school_metrics WHERE school_id = '700001' AND procedure = 'ВПР'`);
    // marked 6; quality 3/6 = 50 %; success 5/6 = 83.333 %; mean (2+6+8+5)/6 = 3.5; СОУ (100+128+72+16)/6 = 316/6
    expect(m!.marked).toBe(6);
    expect(m!.quality_pct as number).toBeCloseTo(50, 9);
    expect(m!.success_pct as number).toBeCloseTo(500 / 6, 9);
    expect(m!.mean_mark as number).toBeCloseTo(3.5, 9);
    expect(m!.sou_pct as number).toBeCloseTo(316 / 6, 9);
    await engine.exec(`DELETE FROM school_results WHERE school_id IN ('700001', '700002')`);
  });
});

describe('mergeStatements', () => {
  const run = async (stmts: string[]) => {
    for (const s of stmts) await engine.exec(s);
  };
  const count = async (table: string, where: string) =>
    (await engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE ${where}`))[0]!.n;

  it('student_results: a re-import of the same slice replaces rows and their school aggregate', async () => {
    await engine.exec(`CREATE TEMP TABLE norm AS SELECT * FROM t WHERE school_id = '700001' AND procedure = 'ВПР'`);
    await run(mergeStatements('student_results'));
    await run(mergeStatements('student_results'));
    expect(await count('student_results', `school_id = '700001'`)).toBe(9);
    expect(await count('school_results', `school_id = '700001'`)).toBe(1);
    // a corrected file for the slice: only two students left
    await engine.exec(`DROP TABLE norm; CREATE TEMP TABLE norm AS SELECT * FROM t WHERE school_id = '700001' AND procedure = 'ВПР' AND student_code IN ('s1', 's2')`);
    await run(mergeStatements('student_results'));
    expect(await count('student_results', `school_id = '700001'`)).toBe(2);
    const [sr] = await engine.query<Row>(`SELECT participants, n4, n5, raised, confirmed FROM school_results WHERE school_id = '700001'`);
    expect(sr).toEqual({ participants: 2, n4: 1, n5: 1, raised: 1, confirmed: 1 });
    await engine.exec('DROP TABLE norm');
  });

  it('reference tables keep the last row of a key repeated in one file', async () => {
    await engine.exec(`CREATE TEMP TABLE norm AS SELECT * FROM (VALUES
        ('800001', 'sch800001', 'Школа 1 (старое имя)', 'Город', NULL, 9, 1),
        ('800001', 'sch800001', 'Школа 1', 'Город', NULL, 9, 2),
        ('800002', 'sch800002', 'Школа 2', 'Район', NULL, 9, 3)
      ) v(school_id, login, name, municipality, region, import_id, _line)`);
    await run(mergeStatements('schools'));
    const names = await engine.query<{ school_id: string; name: string }>(`SELECT school_id, name FROM schools WHERE import_id = 9 ORDER BY school_id`);
    expect(names).toEqual([
      { school_id: '800001', name: 'Школа 1' },
      { school_id: '800002', name: 'Школа 2' },
    ]);
    await engine.exec('DROP TABLE norm');
  });
});
