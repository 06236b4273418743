import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/db/engine.ts';
import { freshEngine, importPath, ROOT, snapshot } from '../helpers.ts';

/**
 * ФИС ОКО «Индивидуальные результаты» through the whole pipeline on the real engine. Fixtures:
 * test/fixtures/layouts/fisoko-individual-*, written by scripts/make-layout-fixtures.ts (section 7);
 * the expected rows below are that script's participant list read by hand.
 */
const FIX = (name: string) => path.join(ROOT, 'test/fixtures/layouts', name);

describe('ФИС ОКО «Индивидуальные результаты»', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
  });
  afterAll(() => engine.close());

  it('recognised by its header; year, subject and grade from the title rows; the file\'s own marks, no scale needed', async () => {
    const r = await importPath(engine, FIX('fisoko-individual-math4-2024.xlsx'));
    expect(r).toMatchObject({ status: 'ok', format: 'ФИС ОКО: индивидуальные результаты ВПР (отчёт «Индивидуальные результаты»)', rows: 9 });
    const rows = await engine.query(`SELECT year, procedure, subject, grade, school_id, class, student_code, variant, primary_score, max_score, mark, journal_mark, absent
      FROM student_results ORDER BY student_code`);
    const base = { year: 2024, procedure: 'ВПР', subject: 'Математика', grade: 4, max_score: 20 };
    expect(rows).toEqual([
      { ...base, school_id: '220001', class: '4а', student_code: '40001', variant: '1', primary_score: 15, mark: 4, journal_mark: 4, absent: false },
      { ...base, school_id: '220001', class: '4а', student_code: '40002', variant: '2', primary_score: 19, mark: 5, journal_mark: 5, absent: false },
      // A mark with a trailing no-break space is still «2»; class letters in mixed case are one class.
      { ...base, school_id: '220001', class: '4а', student_code: '40003', variant: '1', primary_score: 5, mark: 2, journal_mark: 3, absent: false },
      // «отсутствовал» as the variant: absent, no score, no mark (the journal mark stays).
      { ...base, school_id: '220001', class: '4б', student_code: '40004', variant: null, primary_score: null, mark: null, journal_mark: 4, absent: true },
      { ...base, school_id: '220002', class: '4', student_code: '40101', variant: '2', primary_score: 11, mark: 3, journal_mark: null, absent: false },
      { ...base, school_id: '220002', class: '4', student_code: '40102', variant: '1', primary_score: 14, mark: 4, journal_mark: 3, absent: false },
      { ...base, school_id: '220105', class: '4в', student_code: '40201', variant: '1', primary_score: 20, mark: 5, journal_mark: 5, absent: false },
      { ...base, school_id: '220105', class: '4в', student_code: '40202', variant: '2', primary_score: 13, mark: 4, journal_mark: 5, absent: false },
      { ...base, school_id: '220105', class: '4в', student_code: '40203', variant: '1', primary_score: 9, mark: 3, journal_mark: 3, absent: false },
    ]);
  });

  it('derives school_results from the rows (counts by hand from the fixture) and creates the schools with login, name, municipality', async () => {
    expect(await engine.query(`SELECT school_id, participants, n2, n3, n4, n5, journal_n, lowered, confirmed, raised FROM school_results ORDER BY 1`)).toEqual([
      // 220001: marks 4, 5, 2 (absent not counted); journal 4, 5, 3 → confirmed 2, lowered 1.
      { school_id: '220001', participants: 3, n2: 1, n3: 0, n4: 1, n5: 1, journal_n: 3, lowered: 1, confirmed: 2, raised: 0 },
      // 220002: marks 3, 4; journal «нет отметки», 3 → one pair, raised.
      { school_id: '220002', participants: 2, n2: 0, n3: 1, n4: 1, n5: 0, journal_n: 1, lowered: 0, confirmed: 0, raised: 1 },
      // 220105: marks 5, 4, 3; journal 5, 5, 3 → confirmed 2, lowered 1.
      { school_id: '220105', participants: 3, n2: 0, n3: 1, n4: 1, n5: 1, journal_n: 3, lowered: 1, confirmed: 2, raised: 0 },
    ]);
    expect(await engine.query('SELECT school_id, login, name, municipality FROM schools ORDER BY 1')).toEqual([
      { school_id: '220001', login: 'sch220001', name: 'МБОУ «Алтайская СОШ № 1»', municipality: 'Алтайский район' },
      { school_id: '220002', login: 'sch220002', name: 'МБОУ "Айская СОШ"', municipality: 'Алтайский район' },
      { school_id: '220105', login: 'edu220105', name: 'МБОУ «Гимназия № 1»', municipality: 'город Бийск' },
    ]);
  });

  it('the CSV variant (windows-1251, «;») gives the same tables', async () => {
    const other = await freshEngine();
    try {
      expect(await importPath(other, FIX('fisoko-individual-math4-2024.csv'))).toMatchObject({ status: 'ok', rows: 9 });
      for (const q of ['SELECT * EXCLUDE (import_id) FROM student_results ORDER BY student_code', 'SELECT * EXCLUDE (import_id) FROM school_results ORDER BY school_id']) {
        expect(await other.query(q)).toEqual(await engine.query(q));
      }
    } finally {
      await other.close();
    }
  });

  it('a mark out of range and a score over the header\'s task maxima: Russian messages with rows, nothing written', async () => {
    const other = await freshEngine();
    try {
      const before = await snapshot(other);
      const r = await importPath(other, FIX('fisoko-individual-bad.csv'));
      expect(r.status).toBe('failed');
      // Title rows 1–4, header on line 5: participant 2 is line 7, participant 7 is line 12.
      expect(r.problems).toEqual([
        expect.objectContaining({ row: 7, column: 'Отметка', value: '7', expected: 'отметка 2, 3, 4 или 5 (или «нет отметки»)' }),
      ]);
      expect(await snapshot(other)).toEqual(before);
      // With the mark fixed, the score over the maximum is what remains.
      const { readFileSync } = await import('node:fs');
      const text = new TextDecoder('windows-1251').decode(readFileSync(FIX('fisoko-individual-bad.csv')));
      const fixed = new TextEncoder().encode(text.replace(/;19;7;5\r\n/, ';19;5;5\r\n'));
      const { importFile } = await import('../../src/db/import-file.ts');
      const again = await importFile(other, 'fisoko-individual-bad.csv', fixed);
      expect(again.problems).toEqual([
        expect.objectContaining({ row: 12, column: 'Первичный балл', value: '21', expected: 'балл не больше суммы максимальных баллов заданий в заголовке (20)' }),
      ]);
      expect(await snapshot(other)).toEqual(before);
    } finally {
      await other.close();
    }
  });
});
