import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/db/engine.ts';
import { freshEngine, importPath, ROOT, snapshot } from '../helpers.ts';

/**
 * Aggregated reports through the whole pipeline on the real engine: ФИС ОКО «Статистика по
 * отметкам», «Сравнение отметок с отметками по журналу», «Распределение первичных баллов»,
 * «Сбор контекстных данных об ОО», РЦОИ ГИА tables by school and protocols by participant.
 * Fixtures: test/fixtures/layouts/, written by scripts/make-layout-fixtures.ts from counts; the
 * expected counts below are those counts, rebuilt by hand from the rounded percentages
 * (e.g. 20,83 % × 48 / 100 = 9,998 → 10).
 */
const FIX = (name: string) => path.join(ROOT, 'test/fixtures/layouts', name);
const SLICE = `year = 2024 AND procedure = 'ВПР' AND subject = 'Математика' AND grade = 4`;

describe('ФИС ОКО «Статистика по отметкам» and «Сравнение отметок с отметками по журналу»', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
  });
  afterAll(() => engine.close());

  it('imports only school rows, counts rebuilt from % × participants, municipality carried from the row above', async () => {
    const r = await importPath(engine, FIX('fisoko-marks-math4-2024.xlsx'));
    expect(r).toMatchObject({ status: 'ok', format: 'ФИС ОКО: статистика по отметкам (отчёт по школам)' });
    const rows = await engine.query(`SELECT school_id, participants, n2, n3, n4, n5, source FROM school_results WHERE ${SLICE} ORDER BY 1`);
    expect(rows).toEqual([
      { school_id: '220001', participants: 48, n2: 2, n3: 12, n4: 24, n5: 10, source: 'file' },
      { school_id: '220002', participants: 23, n2: 2, n3: 7, n4: 10, n5: 4, source: 'file' },
      { school_id: '220105', participants: 75, n2: 1, n3: 13, n4: 35, n5: 26, source: 'file' },
      { school_id: '220106', participants: 12, n2: 0, n3: 4, n4: 5, n5: 3, source: 'file' },
    ]);
    // «Вся выборка», the region and the municipalities are not schools.
    expect(await engine.query('SELECT count(*)::INTEGER AS n FROM school_results')).toEqual([{ n: 4 }]);
    expect(await engine.query('SELECT school_id, login, name, municipality FROM schools ORDER BY 1')).toEqual([
      { school_id: '220001', login: 'sch220001', name: 'МБОУ «Алтайская СОШ № 1»', municipality: 'Алтайский район' },
      { school_id: '220002', login: 'sch220002', name: 'МБОУ "Айская СОШ"', municipality: 'Алтайский район' },
      { school_id: '220105', login: 'sch220105', name: 'МБОУ «Гимназия № 1»', municipality: 'город Бийск' },
      { school_id: '220106', login: 'edu220106', name: 'МБОУ «СОШ № 8»', municipality: 'город Бийск' },
    ]);
  });

  it('the CSV variant (windows-1251, «;», decimal comma, merged cells in their first cell) gives the same table', async () => {
    const other = await freshEngine();
    try {
      expect((await importPath(other, FIX('fisoko-marks-math4-2024.csv'))).status).toBe('ok');
      const q = 'SELECT * EXCLUDE (import_id) FROM school_results ORDER BY school_id';
      expect(await other.query(q)).toEqual(await engine.query(q));
    } finally {
      await other.close();
    }
  });

  it('the journal report fills journal columns of existing rows, never duplicating them; a new school gets a row', async () => {
    const r = await importPath(engine, FIX('fisoko-journal-math4-2024.xlsx'));
    expect(r).toMatchObject({ status: 'ok', format: 'ФИС ОКО: сравнение отметок с отметками по журналу (отчёт по школам)' });
    const rows = await engine.query(`SELECT school_id, participants, n2, n5, journal_n, lowered, confirmed, raised, import_id FROM school_results ORDER BY 1`);
    expect(rows).toEqual([
      { school_id: '220001', participants: 48, n2: 2, n5: 10, journal_n: 48, lowered: 6, confirmed: 30, raised: 12, import_id: 1 },
      // % only (13,04 / 65,22 / 21,74 of 23 → 3 / 15 / 5).
      { school_id: '220002', participants: 23, n2: 2, n5: 4, journal_n: 23, lowered: 3, confirmed: 15, raised: 5, import_id: 1 },
      { school_id: '220003', participants: 9, n2: null, n5: null, journal_n: 9, lowered: 2, confirmed: 6, raised: 1, import_id: 2 },
      { school_id: '220105', participants: 75, n2: 1, n5: 26, journal_n: 75, lowered: 5, confirmed: 55, raised: 15, import_id: 1 },
      { school_id: '220106', participants: 12, n2: 0, n5: 3, journal_n: 12, lowered: 1, confirmed: 9, raised: 2, import_id: 1 },
    ]);
    expect(await engine.query(`SELECT municipality FROM schools WHERE school_id = '220003'`)).toEqual([{ municipality: 'Алтайский район' }]);
  });

  it('re-importing the marks report replaces its rows and keeps the journal columns', async () => {
    const other = await freshEngine();
    try {
      await importPath(other, FIX('fisoko-journal-math4-2024.xlsx'));
      await importPath(other, FIX('fisoko-marks-math4-2024.csv'));
      const [r] = await other.query(`SELECT count(*)::INTEGER AS n, sum(n4)::INTEGER AS n4, sum(lowered)::INTEGER AS lowered FROM school_results`);
      expect(r).toEqual({ n: 5, n4: 74, lowered: 17 });
    } finally {
      await other.close();
    }
  });

  it('refuses percentages summing to 150 % and counts exceeding participants, in Russian, with the row, changing nothing', async () => {
    const before = await snapshot(engine);
    const pct = await importPath(engine, FIX('fisoko-marks-bad-pct.csv'));
    expect(pct.status).toBe('failed');
    expect(pct.problems[0]).toMatchObject({ row: 11, column: '«2», %', value: 'sch220001 МБОУ «Алтайская СОШ № 1»', expected: 'проценты «2», «3», «4», «5» школы в сумме 100 % (±1)' });
    const count = await importPath(engine, FIX('fisoko-marks-bad-count.csv'));
    expect(count.status).toBe('failed');
    // 25 % of 2 participants four times: 1 + 1 + 1 + 1 > 2.
    expect(count.problems).toEqual([
      expect.objectContaining({ row: 15, column: 'Кол-во участников', value: '2', expected: 'число участников не меньше суммы «2»+«3»+«4»+«5» (проценты × участники)' }),
    ]);
    expect(await snapshot(engine)).toEqual(before);
  });
});

describe('ФИС ОКО «Распределение первичных баллов»', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
  });
  afterAll(() => engine.close());

  it('imports one row per school and score into score_distribution, students rebuilt exactly', async () => {
    const r = await importPath(engine, FIX('fisoko-distribution-math4-2024.xlsx'));
    expect(r).toMatchObject({ status: 'ok', format: 'ФИС ОКО: распределение первичных баллов (отчёт по школам)' });
    const per = await engine.query(`SELECT school_id, count(*)::INTEGER AS scores, sum(students)::INTEGER AS students,
      max(primary_score)::INTEGER AS top FROM score_distribution WHERE ${SLICE} GROUP BY 1 ORDER BY 1`);
    expect(per).toEqual([
      { school_id: '220001', scores: 21, students: 48, top: 20 },
      { school_id: '220002', scores: 21, students: 23, top: 20 },
      { school_id: '220105', scores: 21, students: 75, top: 20 },
      { school_id: '220106', scores: 21, students: 12, top: 20 },
    ]);
    // 220001: 12,5 % of 48 at 10 and at 11 points, 10,42 % at 6 (5,0016 → 5).
    const cells = await engine.query(`SELECT primary_score, students FROM score_distribution WHERE school_id = '220001' AND primary_score IN (2, 6, 10, 11, 20) ORDER BY 1`);
    expect(cells).toEqual([
      { primary_score: 2, students: 1 },
      { primary_score: 6, students: 5 },
      { primary_score: 10, students: 6 },
      { primary_score: 11, students: 6 },
      { primary_score: 20, students: 0 },
    ]);
    expect(await engine.query(`SELECT municipality FROM schools WHERE school_id = '220106'`)).toEqual([{ municipality: 'город Бийск' }]);
  });
});

describe('РЦОИ: ГИА by school and protocols by participant', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
  });
  afterAll(() => engine.close());

  const EXPECTED = [
    { school_id: '220001', subject: 'Математика профильная', participants: 12, below_min: 1, high_scorers: 2, mean_score: 61.5 },
    { school_id: '220001', subject: 'Русский язык', participants: 25, below_min: 0, high_scorers: 5, mean_score: 72.4 },
    { school_id: '220001', subject: 'Физика', participants: 3, below_min: 0, high_scorers: 0, mean_score: 55 },
    { school_id: '220002', subject: 'Математика профильная', participants: 4, below_min: 2, high_scorers: 0, mean_score: 31 },
    { school_id: '220002', subject: 'Русский язык', participants: 10, below_min: 1, high_scorers: 0, mean_score: 58.1 },
    { school_id: '220105', subject: 'Математика профильная', participants: 40, below_min: 0, high_scorers: 9, mean_score: 70.2 },
    { school_id: '220105', subject: 'Русский язык', participants: 60, below_min: 0, high_scorers: 17, mean_score: 78.9 },
    { school_id: '220105', subject: 'Физика', participants: 10, below_min: 0, high_scorers: 2, mean_score: 66.4 },
    { school_id: '220106', subject: 'Русский язык', participants: 31, below_min: 2, high_scorers: 3, mean_score: 65 },
    { school_id: '220106', subject: 'Физика', participants: 4, below_min: 1, high_scorers: 0, mean_score: 41.5 },
  ];
  const Q = `SELECT school_id, subject, participants, below_min, high_scorers, mean_score FROM school_results
    WHERE year = 2024 AND procedure = 'ЕГЭ' AND grade = 11 ORDER BY 1, 2`;

  it('unpivots subject groups (xlsx with merges): «Всего»/«Итого» dropped, 80-99 + 100 = high scorers, 0 participants skipped', async () => {
    const r = await importPath(engine, FIX('rcoi-ege-2024-schools.xlsx'));
    expect(r).toMatchObject({ status: 'ok', format: 'РЦОИ: результаты ГИА по образовательным организациям' });
    expect(await engine.query(Q)).toEqual(EXPECTED);
    expect(await engine.query('SELECT school_id, name, municipality FROM schools ORDER BY 1')).toEqual([
      { school_id: '220001', name: 'МБОУ «Алтайская СОШ № 1»', municipality: 'Алтайский район' },
      { school_id: '220002', name: 'МБОУ "Айская СОШ"', municipality: 'Алтайский район' },
      { school_id: '220105', name: 'МБОУ «Гимназия № 1»', municipality: 'город Бийск' },
      { school_id: '220106', name: 'МБОУ «СОШ № 8»', municipality: 'город Бийск' },
    ]);
  });

  it('the CSV variant (АТЕ only in its first row, carried down in SQL) gives the same rows and schools', async () => {
    const other = await freshEngine();
    try {
      expect((await importPath(other, FIX('rcoi-ege-2024-schools.csv'))).status).toBe('ok');
      expect(await other.query(Q)).toEqual(EXPECTED);
      const s = 'SELECT school_id, name, municipality FROM schools ORDER BY 1';
      expect(await other.query(s)).toEqual(await engine.query(s));
    } finally {
      await other.close();
    }
  });

  it('refuses more «не преодолели» than participants, with the row, changing nothing', async () => {
    const before = await snapshot(engine);
    const r = await importPath(engine, FIX('rcoi-ege-2024-schools-bad.csv'));
    expect(r.status).toBe('failed');
    expect(r.problems).toEqual([expect.objectContaining({ row: 8, column: 'Код ОО', value: '220105' })]);
    expect(r.problems[0]!.expected).toContain('не преодолели минимальный порог');
    expect(await snapshot(engine)).toEqual(before);
  });

  it('imports the ЕГЭ protocol (test scores) and the ОГЭ protocol (marks) into student_results', async () => {
    const ege = await importPath(engine, FIX('rcoi-ege-2024-protocol-math.xlsx'));
    expect(ege).toMatchObject({ status: 'ok', rows: 5, format: 'РЦОИ: протокол результатов ГИА по участникам' });
    const oge = await importPath(engine, FIX('rcoi-oge-2024-protocol-rus.csv'));
    expect(oge).toMatchObject({ status: 'ok', rows: 4 });
    const rows = await engine.query(`SELECT procedure, subject, grade, school_id, class, student_code, primary_score, mark, test_score
      FROM student_results ORDER BY procedure, student_code`);
    expect(rows.slice(0, 2)).toEqual([
      { procedure: 'ЕГЭ', subject: 'Математика профильная', grade: 11, school_id: '220001', class: '11а', student_code: '2400101', primary_score: 12, mark: null, test_score: 68 },
      { procedure: 'ЕГЭ', subject: 'Математика профильная', grade: 11, school_id: '220001', class: '11а', student_code: '2400102', primary_score: 18, mark: null, test_score: 82 },
    ]);
    expect(rows.filter((x) => x.procedure === 'ОГЭ').map((x) => [x.grade, x.subject, x.mark])).toEqual([
      [9, 'Русский язык', 5], [9, 'Русский язык', 4], [9, 'Русский язык', 2], [9, 'Русский язык', 3],
    ]);
    // The protocol replaces the table's slice for its schools: derived from its 3 and 2 participants.
    const [m] = await engine.query(`SELECT participants, high_scorers, source FROM school_results WHERE school_id = '220001' AND subject = 'Математика профильная'`);
    expect(m).toEqual({ participants: 3, high_scorers: 1, source: 'student_results' });
  });
});

describe('ФИС ОКО «Сбор контекстных данных об ОО»', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
  });
  afterAll(() => engine.close());

  it('imports one row per school into school_context, year from the title, город/село normalised', async () => {
    const r = await importPath(engine, FIX('fisoko-context-2024.xlsx'));
    expect(r).toMatchObject({ status: 'ok', rows: 3, format: 'ФИС ОКО: сбор контекстных данных об ОО' });
    expect(await engine.query('SELECT * EXCLUDE (import_id) FROM school_context ORDER BY school_id')).toEqual([
      { year: 2024, school_id: '220001', settlement: 'село', students: 412, teachers: 31, students_ovz: 18, classes: 22 },
      { year: 2024, school_id: '220002', settlement: 'село', students: 157, teachers: 17, students_ovz: 9, classes: 11 },
      { year: 2024, school_id: '220105', settlement: 'город', students: 1104, teachers: 68, students_ovz: 12, classes: 40 },
    ]);
    expect(await engine.query(`SELECT count(*)::INTEGER AS n FROM schools WHERE municipality IS NOT NULL`)).toEqual([{ n: 3 }]);
  });

  it('refuses more students with ОВЗ than students, changing nothing', async () => {
    const before = await snapshot(engine);
    const r = await importPath(engine, FIX('fisoko-context-bad.csv'));
    expect(r.problems).toEqual([
      expect.objectContaining({ row: 4, column: 'Число обучающихся с ОВЗ', value: '190', expected: 'обучающихся с ОВЗ не больше, чем всех обучающихся' }),
    ]);
    expect(await snapshot(engine)).toEqual(before);
  });
});
