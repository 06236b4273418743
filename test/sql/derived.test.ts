import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOUNDARY_PEAKS_VIEW } from '../../src/core/sql/analytics/evidence.ts';
import { changesSql } from '../../src/core/sql/coordinator-queries.ts';
import { DERIVED_TABLES } from '../../src/core/sql/derived.ts';
import { overviewFromSchoolsSql, overviewSql } from '../../src/core/sql/queries.ts';
import { refreshDerived } from '../../src/db/derived.ts';
import type { Engine, Row } from '../../src/db/engine.ts';
import { importFile } from '../../src/db/import-file.ts';
import { removeAllData, removeImport } from '../../src/db/remove-import.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { freshEngine, importPath, importSample, REAL_MATH4_CSV, REAL_RUS5_CSV } from '../helpers.ts';

const count = async (e: Engine, sql: string) => (await e.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${sql})`))[0]!.n;

/** Rows of `a` not in `b` and of `b` not in `a` (multisets), and both row counts. */
async function difference(e: Engine, a: string, b: string) {
  return {
    rows: await count(e, `SELECT * FROM ${a}`),
    expected: await count(e, `SELECT * FROM ${b}`),
    missing: await count(e, `SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a}`),
    extra: await count(e, `SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}`),
  };
}

/** Every derived table holds exactly what its `_compute` view computes from the data now. */
async function expectCurrent(e: Engine): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const t of DERIVED_TABLES) {
    const d = await difference(e, t, `${t}_compute`);
    expect({ table: t, ...d }).toEqual({ table: t, rows: d.expected, expected: d.expected, missing: 0, extra: 0 });
    rows[t] = d.rows;
  }
  return rows;
}

/** A copy of every derived table, to compare a later state with. */
async function keep(e: Engine, tag: string): Promise<void> {
  for (const t of DERIVED_TABLES) await e.exec(`CREATE OR REPLACE TEMP TABLE ${tag}_${t} AS SELECT * FROM ${t}`);
}

async function expectSameAs(e: Engine, tag: string): Promise<void> {
  for (const t of DERIVED_TABLES) {
    const d = await difference(e, t, `${tag}_${t}`);
    expect({ table: t, ...d }).toEqual({ table: t, rows: d.expected, expected: d.expected, missing: 0, extra: 0 });
  }
}

const EGE_HEAD = 'year,procedure,subject,grade,school_id,class,student_code,variant,primary_score,max_score,mark,journal_mark,test_score,absent';
const EGE_FILE = [EGE_HEAD, ...[20, 30, 40, 60, 61, 80, 81, 95, 100].map((s, i) => `2025,ЕГЭ,Русский язык,11,990101,11а,e${i},1,,,,,${s},0`)].join('\n');

describe('derived tables on the sample municipality', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
    await importSample(engine);
    expect((await importFile(engine, 'ege-students.csv', new TextEncoder().encode(EGE_FILE))).status).toBe('ok');
  }, 300_000);
  afterAll(() => engine.close());

  it('after importing: every table equals its computation, and none is empty', async () => {
    const rows = await expectCurrent(engine);
    for (const t of DERIVED_TABLES) expect(rows[t], t).toBeGreaterThan(0);
  });

  it('boundary_peaks from the score counts equals the v3 view over student rows', async () => {
    const original = BOUNDARY_PEAKS_VIEW.replace(/^\s*CREATE VIEW boundary_peaks AS/, '').replace(/;\s*$/, '');
    const d = await difference(engine, 'boundary_peaks', `(${original})`);
    expect(d.rows).toBeGreaterThan(0);
    expect(d).toEqual({ rows: d.expected, expected: d.expected, missing: 0, extra: 0 });
  });

  it('the overview from the roll-up equals pooling every school row, for every kind of filter', async () => {
    const [m] = await engine.query<{ m: string }>(`SELECT municipality AS m FROM schools WHERE municipality IS NOT NULL ORDER BY 1 LIMIT 1`);
    const filters = [
      {},
      { procedure: 'ВПР' },
      { subject: 'Математика' },
      { grade: 4 },
      { subject: 'Русский язык', grade: 5 },
      { municipality: m!.m },
      { category: 'shnor' as const },
      { category: 'sssu' as const },
      { category: 'other' as const },
      { municipality: m!.m, category: 'other' as const, subject: 'Математика', year: 2024 },
      { procedure: 'ЕГЭ' },
    ];
    for (const f of filters) {
      const roll = await engine.query(overviewSql(f));
      const rows = await engine.query(overviewFromSchoolsSql(f));
      expect(roll.length, JSON.stringify(f)).toBe(rows.length);
      expect(rows.length).toBeGreaterThan(0);
      roll.forEach((r: Row, i) => {
        const s = rows[i]!;
        // Σ mean_score·participants adds doubles in another order: equal to the last digits.
        const { mean_test_score: a, ...exact } = r;
        const { mean_test_score: b, ...expected } = s;
        expect(exact, JSON.stringify(f)).toEqual(expected);
        if (b === null) expect(a).toBeNull();
        else expect(Math.abs((a as number) - (b as number))).toBeLessThanOrEqual(1e-9 * Math.abs(b as number));
      });
    }
    // The ЕГЭ weighted mean is really there (school-level ЕГЭ files of the sample).
    expect((await engine.query<{ t: number | null }>(`SELECT max(mean_test_score) AS t FROM (${overviewSql()})`))[0]!.t).toBeGreaterThan(0);
  });

  it('the «what changed» tile from school_year_results equals the sums over every school row', async () => {
    const fromRows = changesSql().replace(
      'SELECT procedure, year, school_id, good, marked FROM school_year_results',
      'SELECT procedure, year, school_id, sum(n4 + n5) AS good, sum(n2 + n3 + n4 + n5) AS marked FROM school_results GROUP BY procedure, year, school_id',
    );
    expect(fromRows).not.toBe(changesSql());
    const rows = await engine.query(changesSql());
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(await engine.query(fromRows));
  });

  it('school_year_marks equals per-school sums in TypeScript over the rows with marks', async () => {
    type R = { procedure: string; year: number; school_id: string; n2: number | null; n3: number | null; n4: number | null; n5: number | null };
    const sums = new Map<string, { good: number; marked: number }>();
    for (const r of await engine.query<R>(`SELECT procedure, year, school_id, n2, n3, n4, n5 FROM school_results`)) {
      if (r.n2 === null || r.n3 === null || r.n4 === null || r.n5 === null) continue;
      const marked = r.n2 + r.n3 + r.n4 + r.n5;
      if (marked <= 0) continue;
      const key = `${r.procedure}|${r.year}|${r.school_id}`;
      const s = sums.get(key) ?? { good: 0, marked: 0 };
      s.good += r.n4 + r.n5;
      s.marked += marked;
      sums.set(key, s);
    }
    const table = await engine.query<{ k: string; good: number; marked: number }>(
      `SELECT procedure || '|' || year || '|' || school_id AS k, good::DOUBLE AS good, marked::DOUBLE AS marked FROM school_year_marks`);
    expect(table.length).toBeGreaterThan(100);
    expect(new Map(table.map((r) => [r.k, { good: r.good, marked: r.marked }]))).toEqual(sums);
  });

  it('after removing an import and importing it again: current after each, and back to the same tables', async () => {
    await keep(engine, 'before');
    // ВПР 2022: its grade 4 pairs with grade 5 of 2023, its grade 5 with grade 4 of 2021.
    const [imp] = await engine.query<{ id: number; file_name: string }>(`SELECT id, file_name FROM imports WHERE file_name = 'vpr-2022.csv'`);
    const slices = `SELECT DISTINCT year, procedure, subject, grade FROM student_results WHERE import_id = ${imp!.id}`;
    expect(await count(engine, slices)).toBeGreaterThan(0);
    const cohort = (year: number) => count(engine, `SELECT * FROM objectivity_cohort_change WHERE year = ${year}`);
    expect(await cohort(2022)).toBeGreaterThan(0);
    expect(await cohort(2023)).toBeGreaterThan(0);
    await removeImport(engine, imp!.id);
    await expectCurrent(engine);
    expect(await cohort(2022)).toBe(0);
    expect(await cohort(2023)).toBe(0);
    expect(await cohort(2024)).toBeGreaterThan(0);
    expect(await count(engine, 'SELECT * FROM before_score_histogram EXCEPT ALL SELECT * FROM score_histogram')).toBeGreaterThan(0);
    const { readFileSync } = await import('node:fs');
    const { SAMPLE } = await import('../helpers.ts');
    const r = await importFile(engine, imp!.file_name, new Uint8Array(readFileSync(`${SAMPLE}/${imp!.file_name}`)));
    expect(r.status).toBe('ok');
    await expectCurrent(engine);
    await expectSameAs(engine, 'before');
  });

  it('after removing the school categories: the roll-up has no ШНОР left and stays current', async () => {
    const [cat] = await engine.query<{ id: number }>(`SELECT DISTINCT import_id AS id FROM school_categories`);
    expect(await count(engine, `SELECT * FROM slice_results WHERE shnor`)).toBeGreaterThan(0);
    await removeImport(engine, cat!.id);
    await expectCurrent(engine);
    expect(await count(engine, `SELECT * FROM slice_results WHERE shnor OR sssu`)).toBe(0);
  });

  it('after a settings change: ege_metrics follows it at once and the tables stay current', async () => {
    const ege = () => engine.query(`SELECT below_min, min_score, high_scorers FROM ege_metrics WHERE year = 2025 AND subject = 'Русский язык' AND school_id = '990101'`);
    expect(await ege()).toEqual([{ below_min: 2, min_score: 36, high_scorers: 3 }]);
    await engine.exec(`UPDATE analytics_settings SET value = 'аттестат' WHERE key = 'russian_minimum'`);
    await engine.exec(`UPDATE analytics_settings SET value = '80' WHERE key = 'high_band_low'`);
    expect(await ege()).toEqual([{ below_min: 1, min_score: 24, high_scorers: 4 }]);
    await expectCurrent(engine);
  });

  it('refreshDerived rebuilds the tables inside a transaction and outside one', async () => {
    await keep(engine, 'now');
    await inTransaction(engine, async () => {
      for (const t of DERIVED_TABLES) await engine.exec(`DELETE FROM ${t}`);
      await refreshDerived(engine);
    });
    await expectSameAs(engine, 'now');
    for (const t of DERIVED_TABLES) await engine.exec(`DELETE FROM ${t}`);
    await refreshDerived(engine);
    await expectSameAs(engine, 'now');
  });

  it('removing all data empties them', async () => {
    await removeAllData(engine);
    for (const t of DERIVED_TABLES) expect(await count(engine, `SELECT * FROM ${t}`), t).toBe(0);
    await expectCurrent(engine);
  });
});

describe('derived tables on real ФИС ОКО exports', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
  });
  afterAll(() => engine.close());

  it('after each of two real files, and after removing the first', async () => {
    const first = await importPath(engine, REAL_MATH4_CSV);
    expect(first.status).toBe('ok');
    const rows = await expectCurrent(engine);
    expect(rows.objectivity_inflated_mean).toBeGreaterThan(0);
    expect(rows.objectivity_journal_mismatch).toBeGreaterThan(0);
    expect(rows.slice_results).toBeGreaterThan(0);
    expect((await importPath(engine, REAL_RUS5_CSV)).status).toBe('ok');
    await expectCurrent(engine);
    await removeImport(engine, first.status === 'ok' ? first.importId! : -1);
    const left = await expectCurrent(engine);
    expect(await count(engine, `SELECT * FROM objectivity_inflated_mean WHERE grade = 4`)).toBe(0);
    expect(left.objectivity_inflated_mean).toBeGreaterThan(0);
  }, 300_000);
});
