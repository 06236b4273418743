import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workbookToTable } from '../../src/core/xlsx-table.ts';
import type { Engine } from '../../src/db/engine.ts';
import { importFile } from '../../src/db/import-file.ts';
import { freshEngine, importPath, REAL, REAL_MATH4_CSV, REAL_RUS5_CSV } from '../helpers.ts';

/**
 * Real xlsx exports through the whole pipeline on the real engine: the 2020 raw ФИС ОКО layout,
 * the 2022+ upload protocol, the official objectivity lists, the ФИС ОКО school directory, and
 * the same 2021 export as windows-1251 CSV and as xlsx giving identical tables. Expected figures
 * were counted independently from the files (../shared/data/README.md and a separate reading of
 * the sheets).
 */

const RAW_2020 = path.join(REAL, 'altai-vpr-2020-raw', 'Математика 4 класс.xlsx');
const PROTOCOL_2022 = path.join(REAL, 'altai-vpr-2022-protocol', 'История 11 класс.xlsx');
const OBJECTIVITY = path.join(REAL, 'dagestan-objectivity-lists', 'objectivity-lists-2023-2025.xlsx');
const LOGINS = path.join(REAL, 'altai-schools', 'logins.csv');
const XLSX_2021 = (name: string) => path.join(REAL, 'altai-vpr-2021', `Проведение работы по ${name}. ВПР 2021.xlsx`);

describe('ФИС ОКО 2020 raw layout: Математика 4 класс.xlsx', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
  });
  afterAll(() => engine.close());

  it('needs the year from the user: the file name and rows do not carry it', async () => {
    const r = await importPath(engine, RAW_2020);
    expect(r.status).toBe('failed');
    expect(r.problems.map((p) => p.value)).toEqual(['не удалось определить год']);
  });

  it('imports 26 626 rows with subject and grade from the file name, the year from the user', async () => {
    const r = await importPath(engine, RAW_2020, { context: { year: 2020 } });
    expect(r).toMatchObject({ status: 'ok', rows: 26_626, format: 'ФИС ОКО: результаты ВПР по обучающимся (выгрузка 2020: user, code, otc, sum)' });
    const rows = await engine.query(`SELECT year, procedure, subject, grade, count(*)::INTEGER AS n, count(DISTINCT school_id)::INTEGER AS schools,
      count(*) FILTER (WHERE absent)::INTEGER AS absent, count(*) FILTER (WHERE school_id !~ '^[0-9]+$')::INTEGER AS bad_ids
      FROM student_results GROUP BY ALL`);
    // 3 286 «отсутствовал» in var-1 + 6 rows of one school with variant «0» and no total score.
    expect(rows).toEqual([{ year: 2020, procedure: 'ВПР', subject: 'Математика', grade: 4, n: 26_626, schools: 629, absent: 3_292, bad_ids: 0 }]);
  });

  it('marks from the shipped scale (2021 scale applied to 2020): 23 334 participants, 2/3/4/5 = 1 914 / 7 173 / 10 116 / 4 131', async () => {
    const [r] = await engine.query(`SELECT sum(participants)::INTEGER AS p, sum(n2)::INTEGER AS n2, sum(n3)::INTEGER AS n3,
      sum(n4)::INTEGER AS n4, sum(n5)::INTEGER AS n5, sum(journal_n)::INTEGER AS j FROM school_results`);
    expect(r).toEqual({ p: 23_334, n2: 1_914, n3: 7_173, n4: 10_116, n5: 4_131, j: 23_318 });
    // Independent recount from the primary scores with the 2021 boundaries 6 / 10 / 15.
    const [s] = await engine.query(`SELECT count(*) FILTER (WHERE primary_score < 6)::INTEGER AS n2,
      count(*) FILTER (WHERE primary_score >= 15)::INTEGER AS n5 FROM student_results WHERE NOT absent`);
    expect(s).toEqual({ n2: 1_914, n5: 4_131 });
  });

  it('reads journal marks («нет отметки» → NULL), classes («нет» → NULL, lower case) and sch logins', async () => {
    const [r] = await engine.query(`SELECT count(*) FILTER (WHERE NOT absent AND journal_mark IS NULL)::INTEGER AS no_journal,
      count(*) FILTER (WHERE class = 'нет' OR class <> lower(class))::INTEGER AS raw_class,
      count(*) FILTER (WHERE school_id = '223080')::INTEGER AS school_223080 FROM student_results`);
    expect(r!.no_journal).toBe(16);
    expect(r!.raw_class).toBe(0);
    expect(r!.school_223080).toBeGreaterThan(0);
  });
});

describe('ФИС ОКО 2022+ protocol: История 11 класс.xlsx (sheets «Классы», «Протокол»)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
    // Test values, not the official ВПР 2022 История 11 scale: a scale the user would import.
    const scale = 'procedure,year,subject,grade,max_score,min_score_3,min_score_4,min_score_5\nВПР,2022,История,11,21,7,12,17\n';
    const s = await importFile(engine, 'scales.csv', new TextEncoder().encode(scale));
    expect(s.status).toBe('ok');
  });
  afterAll(() => engine.close());

  it('picks the «Протокол» sheet, not «Классы»', () => {
    const table = workbookToTable(new Uint8Array(readFileSync(PROTOCOL_2022)));
    expect(table.sheets).toEqual(['Классы', 'Протокол']);
    expect(table.sheet).toBe('Протокол');
  });

  it('imports 3 279 rows: year from «Дата загрузки», subject and grade from the file name', async () => {
    const r = await importPath(engine, PROTOCOL_2022);
    expect(r).toMatchObject({ status: 'ok', rows: 3_279, format: 'ФИС ОКО: протокол проверки ВПР (форма 2022+, лист «Протокол»)' });
    const rows = await engine.query(`SELECT year, procedure, subject, grade, count(*)::INTEGER AS n, count(DISTINCT school_id)::INTEGER AS schools,
      count(*) FILTER (WHERE absent)::INTEGER AS absent, max(primary_score)::INTEGER AS top, any_value(max_score)::INTEGER AS max_score
      FROM student_results GROUP BY ALL`);
    // max_score: the sum of the header's task maxima is 21 too; until the importer passes the header
    // to the layout (see fisoko-protocol-2022.ts), it is the scale's maximum.
    expect(rows).toEqual([{ year: 2022, procedure: 'ВПР', subject: 'История', grade: 11, n: 3_279, schools: 266, absent: 319, top: 21, max_score: 21 }]);
  });

  it('counts 2 960 participants with marks from the imported scale (independent recount)', async () => {
    const [r] = await engine.query<Record<string, number>>(`SELECT sum(participants)::INTEGER AS p, sum(n2)::INTEGER AS n2, sum(n3)::INTEGER AS n3,
      sum(n4)::INTEGER AS n4, sum(n5)::INTEGER AS n5, sum(journal_n)::INTEGER AS j FROM school_results`);
    const [s] = await engine.query<Record<string, number>>(`SELECT count(*)::INTEGER AS p,
      count(*) FILTER (WHERE primary_score < 7)::INTEGER AS n2, count(*) FILTER (WHERE primary_score BETWEEN 7 AND 11)::INTEGER AS n3,
      count(*) FILTER (WHERE primary_score BETWEEN 12 AND 16)::INTEGER AS n4, count(*) FILTER (WHERE primary_score >= 17)::INTEGER AS n5,
      count(journal_mark)::INTEGER AS j FROM student_results WHERE NOT absent`);
    expect(r).toEqual(s);
    expect(r!.p).toBe(2_960);
    expect(r!.j).toBe(2_956);
  });

  it('takes school ids from «Школа» (edu… → digits) and names and municipalities after «|»', async () => {
    const rows = await engine.query(`SELECT school_id, login, name, municipality FROM schools WHERE school_id IN ('223144', '224286') ORDER BY 1`);
    expect(rows).toEqual([
      { school_id: '223144', login: 'edu223144', name: 'МБОУ "Приобская СОШ"', municipality: 'Быстроистокский муниципальный район' },
      { school_id: '224286', login: 'edu224286', name: 'МБОУ "СОШ №18"', municipality: 'город Рубцовск' },
    ]);
    const [n] = await engine.query(`SELECT count(*)::INTEGER AS schools, count(DISTINCT municipality)::INTEGER AS municipalities,
      count(*) FILTER (WHERE municipality LIKE '%|%' OR municipality LIKE 'reg%')::INTEGER AS raw FROM schools`);
    expect(n).toEqual({ schools: 266, municipalities: 68, raw: 0 });
  });
});

describe('official objectivity lists, Дагестан 2023–2025', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
    const r = await importPath(engine, OBJECTIVITY);
    expect(r).toMatchObject({ status: 'ok', rows: 599, format: 'Списки школ с признаками необъективности результатов ВПР' });
  });
  afterAll(() => engine.close());

  it('lists 159 / 148 / 144 schools: the file repeats its 296 rows of 2024 as two identical blocks of 148', async () => {
    const rows = await engine.query(`SELECT year, count(*)::INTEGER AS schools, sum(markers)::INTEGER AS markers,
      count(*) FILTER (WHERE markers = 0)::INTEGER AS without FROM objectivity_list_schools GROUP BY 1 ORDER BY 1`);
    // 159 + 296 + 144 = 599 rows; the README's «296 in 2024» counts rows, every 2024 school is listed twice.
    expect(rows).toEqual([
      { year: 2023, schools: 159, markers: 227, without: 0 },
      { year: 2024, schools: 148, markers: 194, without: 0 },
      { year: 2025, schools: 144, markers: 207, without: 0 },
    ]);
  });

  it('stores one row per marker: «4 РУ» → 4, Русский язык; «5 МА» → 5, Математика', async () => {
    const rows = await engine.query(`SELECT year, grade, subject, count(*)::INTEGER AS n FROM objectivity_lists GROUP BY ALL ORDER BY ALL`);
    expect(rows).toEqual(
      [
        [2023, 60, 59, 54, 54],
        [2024, 62, 62, 38, 32],
        [2025, 67, 53, 46, 41],
      ].flatMap(([year, ma4, ru4, ma5, ru5]) => [
        { year, grade: 4, subject: 'Математика', n: ma4 },
        { year, grade: 4, subject: 'Русский язык', n: ru4 },
        { year, grade: 5, subject: 'Математика', n: ma5 },
        { year, grade: 5, subject: 'Русский язык', n: ru5 },
      ]),
    );
    const [s] = await engine.query(`SELECT login, school_id, municipality FROM objectivity_lists WHERE year = 2023 AND login = 'edu053025' LIMIT 1`);
    expect(s).toEqual({ login: 'edu053025', school_id: '053025', municipality: 'Акушинский муниципальный район' });
  });

  it('keeps a school listed without any marker set, and re-importing a year replaces it', async () => {
    const csv = 'Год;Логин;Муниципалитет;ОО;4 РУ;4 МА;5 РУ;5 МА;Количество маркеров\n2023;edu053025;Акушинский муниципальный район;Школа;;;;;1\n';
    const r = await importFile(engine, 'list-2023-fix.csv', new TextEncoder().encode(csv));
    expect(r.status).toBe('ok');
    const rows = await engine.query(`SELECT year, school_id, school_name, markers FROM objectivity_list_schools WHERE school_id = '053025' ORDER BY 1`);
    expect(rows).toEqual([{ year: 2023, school_id: '053025', school_name: 'Школа', markers: 0 }]);
    const [n] = await engine.query(`SELECT count(*)::INTEGER AS n FROM objectivity_list_schools WHERE year = 2023`);
    expect(n).toEqual({ n: 159 });
    const [schools] = await engine.query(`SELECT count(*)::INTEGER AS n FROM schools`);
    expect(schools).toEqual({ n: 0 });
  });
});

describe('ФИС ОКО school directory: altai-schools/logins.csv', () => {
  it('imports 692 rows as 692 schools: sch220028 and ksh220028 are two schools', async () => {
    const engine = await freshEngine();
    const r = await importPath(engine, LOGINS);
    expect(r).toMatchObject({ status: 'ok', rows: 692, format: 'Справочник школ ФИС ОКО (логин, имя, регион)' });
    const [n] = await engine.query(`SELECT count(*)::INTEGER AS n, count(DISTINCT school_id)::INTEGER AS ids, count(DISTINCT login)::INTEGER AS logins FROM schools`);
    expect(n).toEqual({ n: 692, ids: 692, logins: 692 });
    // sch220028 (line 43, a district school) and ksh220028 (line 420, a regional boarding school)
    // share the digits 220028 but not the kind of organisation: each keeps its own name.
    const rows = await engine.query(`SELECT school_id, login, name FROM schools WHERE login LIKE '%220028' ORDER BY login`);
    expect(rows).toEqual([
      { school_id: 'ksh220028', login: 'ksh220028', name: expect.stringContaining('Новоалтайская общеобразовательная школа-интернат') },
      { school_id: '220028', login: 'sch220028', name: 'МБОУ Алтайская СОШ №5' },
    ]);
    await engine.close();
  });
});

describe('the same export as windows-1251 CSV and as xlsx gives identical tables', () => {
  it.each([
    ['Математика 4', REAL_MATH4_CSV, XLSX_2021('математике, 4 класс'), 26_666],
    ['Русский язык 5', REAL_RUS5_CSV, XLSX_2021('русскому языку, 5 класс'), 26_501],
  ])('%s', async (_name, csv, xlsx, rows) => {
    const a = await freshEngine();
    const b = await freshEngine();
    try {
      expect(await importPath(a, csv)).toMatchObject({ status: 'ok', rows });
      expect(await importPath(b, xlsx)).toMatchObject({ status: 'ok', rows });
      for (const table of ['student_results', 'school_results', 'schools']) {
        const sql = `SELECT * EXCLUDE (import_id) FROM ${table} ORDER BY ALL`;
        const [x, y] = [await a.query(sql), await b.query(sql)];
        expect(x.length, table).toBeGreaterThan(0);
        expect(y, table).toEqual(x);
      }
    } finally {
      await a.close();
      await b.close();
    }
  });
});
