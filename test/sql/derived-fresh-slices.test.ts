import { describe, expect, it } from 'vitest';
import { DERIVED_TABLES } from '../../src/core/sql/derived.ts';
import type { Engine } from '../../src/db/engine.ts';
import { importFile } from '../../src/db/import-file.ts';
import { freshEngine, recordingEngine } from '../helpers.ts';

/**
 * An import whose slices (year, procedure, subject, grade) held no student rows before refreshes
 * the derived tables from its own rows (`student_results WHERE import_id = …`) instead of picking
 * the slices' rows out of all student rows; an import into a slice that has rows of other schools
 * or replaces a school's rows takes the semi join. Either way every derived table must hold
 * exactly what its `_compute` view computes (multiset equality both ways).
 */
const HEAD = 'year;procedure;subject;grade;school_id;class;student_code;variant;primary_score;max_score;mark;journal_mark;test_score;absent';

/** A deterministic file: `n` students per school, scores and marks spread by a small LCG. */
function file(year: number, subject: string, grade: number, schools: string[], seed: number, n = 12): Uint8Array {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = [HEAD];
  for (const school of schools) {
    for (let i = 0; i < n; i++) {
      const absent = next() < 0.08;
      const score = Math.floor(next() * 21);
      const mark = score < 6 ? 2 : score < 11 ? 3 : score < 16 ? 4 : 5;
      const journal = Math.min(5, Math.max(2, mark + Math.floor(next() * 3) - 1));
      lines.push(absent
        ? `${year};ВПР;${subject};${grade};${school};${grade}а;${school}-${year}-${i};;;20;;${journal};;1`
        : `${year};ВПР;${subject};${grade};${school};${grade}а;${school}-${year}-${i};1;${score};20;${mark};${journal};;0`);
    }
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

const count = async (e: Engine, sql: string) => (await e.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${sql})`))[0]!.n;

async function expectCurrent(e: Engine): Promise<void> {
  for (const t of DERIVED_TABLES) {
    const d = {
      rows: await count(e, `SELECT * FROM ${t}`),
      missing: await count(e, `SELECT * FROM ${t}_compute EXCEPT ALL SELECT * FROM ${t}`),
      extra: await count(e, `SELECT * FROM ${t} EXCEPT ALL SELECT * FROM ${t}_compute`),
    };
    expect({ table: t, ...d }).toEqual({ table: t, rows: await count(e, `SELECT * FROM ${t}_compute`), missing: 0, extra: 0 });
  }
}

/** Imports a file and tells whether the refresh read the import's rows by its id. */
async function importAndWatch(engine: Engine, name: string, bytes: Uint8Array): Promise<boolean> {
  const { engine: watched, sql } = recordingEngine(engine);
  const r = await importFile(watched, name, bytes);
  expect(r.status, JSON.stringify(r.problems.slice(0, 2))).toBe('ok');
  return sql.some((s) => s.startsWith('INSERT INTO objectivity_journal_mismatch') && /FROM student_results WHERE import_id = \d+\)/.test(s));
}

describe('derived refresh of slices new to the database', () => {
  it('reads the import\'s own rows only when its slices were empty, and the tables equal their views after every step', async () => {
    const engine = await freshEngine();
    try {
      const math4 = ['220001', '220002', '220003', '220004'];
      expect(await importAndWatch(engine, 'a.csv', file(2021, 'Математика', 4, math4, 1))).toBe(true);
      await expectCurrent(engine);
      // Another school in the same slice: the slice's rows are not only the import's.
      expect(await importAndWatch(engine, 'b.csv', file(2021, 'Математика', 4, ['220005'], 2))).toBe(false);
      await expectCurrent(engine);
      // A school's rows replaced by a re-export with other scores.
      expect(await importAndWatch(engine, 'c.csv', file(2021, 'Математика', 4, ['220001'], 3))).toBe(false);
      await expectCurrent(engine);
      // New slices: grade 5 of the next year (the cohort change reads grade 4 of 2021 with it) and another subject.
      expect(await importAndWatch(engine, 'd.csv', file(2022, 'Математика', 5, [...math4, '220005'], 4))).toBe(true);
      await expectCurrent(engine);
      expect(await importAndWatch(engine, 'e.csv', file(2021, 'Русский язык', 4, math4, 5))).toBe(true);
      await expectCurrent(engine);
      const [flagged] = await engine.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM objectivity_journal_mismatch');
      expect(flagged!.n).toBeGreaterThan(0);
      const [cohort] = await engine.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM objectivity_cohort_change');
      expect(cohort!.n).toBe(5);
    } finally {
      await engine.close();
    }
  });
});
