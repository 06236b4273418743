/**
 * Property-based tests (fast-check) of the whole import on the real engine: random bytes, random
 * text and random small tables never make importFile throw or hang; a failure always has problems
 * naming the file and what was expected, and leaves the database as it was; a valid generated
 * template imports exactly its rows (round trip).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/db/engine.ts';
import { importFile, type ImportSummary } from '../../src/db/import-file.ts';
import { freshEngine, snapshot } from '../helpers.ts';

const RUNS = { ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };
const enc = (s: string) => new TextEncoder().encode(s);
let counter = 0;

/** Checks the contract of one import: ok/duplicate, or failed with located Russian problems. */
function wellFormed(r: ImportSummary, file: string): void {
  expect(['ok', 'duplicate', 'failed']).toContain(r.status);
  if (r.status === 'failed') {
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) {
      expect(p.file).toBe(file);
      expect(p.expected.length).toBeGreaterThan(0);
    }
  }
}

const SCHOOL_HEAD = ['year', 'procedure', 'subject', 'grade', 'school_id', 'participants', 'n2', 'n3', 'n4', 'n5', 'mean_score'];
const STUDENT_HEAD = ['year', 'procedure', 'subject', 'grade', 'school_id', 'class', 'student_code', 'variant', 'primary_score', 'max_score', 'mark', 'journal_mark', 'test_score', 'absent'];

/** A cell that may be right, wrong or hostile for any column. */
const wildCell = fc.oneof(
  fc.constantFrom('', '2024', 'ВПР', 'ОГЭ', 'Математика', 'математика', '4', '990101', '12', '20', '5', '0', '1', '-1', '1e9', 'NaN', 'да', 'нет', '4а', 'отсутствовал', '12,5', '"', '""', "'", ';', '\n', '=1+1', "'); DROP TABLE imports; --", '\u00a0', '\ufeff'),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);

describe('importFile never throws, never hangs, never half-writes', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
    const seed = `${SCHOOL_HEAD.join(',')}\n2023,ОГЭ,Математика,9,990101,20,2,6,8,4,15.5\n`;
    if ((await importFile(engine, 'seed.csv', enc(seed))).status !== 'ok') throw new Error('seed import failed');
  });
  afterAll(() => engine.close());

  it('on random bytes (the first ones sometimes a BOM or «PK»)', { timeout: 120_000 }, async () => {
    const prefix = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x50, 0x4b, 3, 4]);
    await fc.assert(
      fc.asyncProperty(prefix, fc.uint8Array({ maxLength: 2000 }), async (head, body) => {
        const before = await snapshot(engine);
        const file = `random-${++counter}.bin`;
        const r = await importFile(engine, file, new Uint8Array([...head, ...body]));
        wellFormed(r, file);
        if (r.status !== 'ok') expect(await snapshot(engine)).toEqual(before);
      }),
      { ...RUNS, numRuns: 40 },
    );
  });

  it('on random tables under a template header (any delimiter, hostile cells)', { timeout: 120_000 }, async () => {
    const table = fc.record({
      head: fc.constantFrom(SCHOOL_HEAD, STUDENT_HEAD),
      delimiter: fc.constantFrom(',', ';', '\t'),
      rows: fc.array(fc.array(wildCell, { minLength: 0, maxLength: 16 }), { minLength: 0, maxLength: 6 }),
      quoted: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(table, async ({ head, delimiter, rows, quoted }) => {
        const q = (c: string) => (quoted ? `"${c.replace(/"/g, '""')}"` : c);
        const text = [head, ...rows].map((r) => r.map(q).join(delimiter)).join('\n') + '\n';
        const before = await snapshot(engine);
        const file = `table-${++counter}.csv`;
        const r = await importFile(engine, file, enc(text));
        wellFormed(r, file);
        if (r.status !== 'ok') expect(await snapshot(engine)).toEqual(before);
      }),
      { ...RUNS, numRuns: 40 },
    );
  });
});

describe('round trip: a valid generated template imports exactly its rows', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
  });
  afterAll(() => engine.close());

  const slice = fc.record({
    year: fc.integer({ min: 2000, max: 2100 }),
    procedure: fc.constantFrom('ВПР', 'ОГЭ', 'ЕГЭ'),
    subject: fc.constantFrom('Математика', 'Русский язык', 'История', 'Физика', 'Английский язык'),
    grade: fc.integer({ min: 1, max: 11 }),
    school: fc.integer({ min: 1, max: 999_999 }).map((n) => String(n).padStart(6, '0')),
  });
  const counts = fc.tuple(fc.nat(50), fc.nat(50), fc.nat(50), fc.nat(50), fc.nat(20));
  const key = (s: { year: number; procedure: string; subject: string; grade: number; school: string }) => `${s.year}|${s.procedure}|${s.subject}|${s.grade}|${s.school}`;

  it('school results: rows in = rows out, and the counts are kept', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(slice, counts), { minLength: 1, maxLength: 25, selector: ([s]) => key(s) }),
        fc.constantFrom(',', ';', '\t'),
        async (rows, delimiter) => {
          const lines = rows.map(([s, [n2, n3, n4, n5, extra]]) =>
            [s.year, s.procedure, s.subject, s.grade, s.school, n2 + n3 + n4 + n5 + extra, n2, n3, n4, n5, ''].join(delimiter),
          );
          const file = `generated-${++counter}.csv`;
          const r = await importFile(engine, file, enc([SCHOOL_HEAD.join(delimiter), ...lines].join('\n') + '\n'));
          expect(r.problems).toEqual([]);
          expect(r).toMatchObject({ status: 'ok', rows: rows.length });
          const [got] = await engine.query<{ n: number; p: number }>(
            `SELECT count(*)::INTEGER AS n, COALESCE(sum(participants), 0)::INTEGER AS p FROM school_results WHERE import_id = ${r.importId}`,
          );
          expect(got).toEqual({ n: rows.length, p: rows.reduce((sum, [, c]) => sum + c.reduce((a, b) => a + b, 0), 0) });
        },
      ),
      { ...RUNS, numRuns: 40 },
    );
  });

  it('student results: rows in = rows out', { timeout: 120_000 }, async () => {
    const student = fc.record({ score: fc.integer({ min: 0, max: 20 }), mark: fc.integer({ min: 2, max: 5 }), absent: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(slice, fc.array(student, { minLength: 1, maxLength: 40 }), async (s, students) => {
        const lines = students.map((st, i) =>
          [s.year, s.procedure, s.subject, s.grade, s.school, '1а', `p${counter}-${i}`, 1, st.absent ? '' : st.score, 20, st.absent ? '' : st.mark, '', '', st.absent ? 1 : 0].join(','),
        );
        const file = `students-${++counter}.csv`;
        const r = await importFile(engine, file, enc([STUDENT_HEAD.join(','), ...lines].join('\n') + '\n'));
        expect(r.problems).toEqual([]);
        expect(r).toMatchObject({ status: 'ok', rows: students.length });
        const [got] = await engine.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM student_results WHERE import_id = ${r.importId}`);
        expect(got!.n).toBe(students.length);
      }),
      { ...RUNS, numRuns: 30 },
    );
  });
});
