import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/db/engine.ts';
import { importFile, orderForImport } from '../../src/db/import-file.ts';
import { freshEngine, REAL_MATH4_CSV, ROOT, SAMPLE } from '../helpers.ts';

/**
 * The importer's two paths on the real engine: the fast path (typed `read_csv`, set-based checks)
 * must build exactly the tables the text path builds, and must hand every file it cannot vouch for
 * to the text path. The text path is forced by failing the fast path's first statement (an engine
 * wrapper that throws on it — the importer's fallback for any SQL error); which path ran is read
 * from the statements the engine received.
 */
const NOW = () => new Date('2024-05-01T10:00:00Z');
const STREAM_INSERT = /^INSERT INTO student_results \([^)]*\)\s*SELECT[\s\S]*FROM read_csv/;

/**
 * Wraps an engine: records every statement; the stream path (canonical student files, tested in
 * import-stream.test.ts) is always refused, as a reader error would be; with `textOnly`, the fast
 * path's read fails too.
 */
function recording(engine: Engine, textOnly: boolean): { engine: Engine; sql: string[] } {
  const sql: string[] = [];
  const wrapped: Engine = {
    ...engine,
    query: async (s) => {
      sql.push(s);
      return engine.query(s);
    },
    exec: async (s) => {
      sql.push(s);
      if (STREAM_INSERT.test(s)) throw new Error('Invalid Input Error: stream path disabled by the test');
      if (textOnly && s.startsWith('CREATE TEMP TABLE fast')) throw new Error('fast path disabled by the test');
      return engine.exec(s);
    },
    registerFile: (n, b) => engine.registerFile(n, b),
    dropFile: (n) => engine.dropFile(n),
  };
  return { engine: wrapped, sql };
}

const TABLES = ['student_results', 'school_results', 'schools', 'school_categories', 'grading_scales', 'risk_profiles', 'risk_indicators', 'roadmap_events', 'imports'];

async function dump(engine: Engine): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await engine.query(`SELECT * FROM ${t} ORDER BY ALL`);
  return out;
}

/** Imports the files on a fresh engine; returns the tables and, per file, whether the fast path staged it. */
async function importAll(files: Array<{ name: string; bytes: Uint8Array }>, textOnly: boolean) {
  const base = await freshEngine();
  try {
    const fast: Record<string, boolean> = {};
    for (const f of files) {
      const { engine, sql } = recording(base, textOnly);
      const r = await importFile(engine, f.name, f.bytes, { now: NOW });
      expect(r.status, `${f.name}: ${JSON.stringify(r.problems.slice(0, 2))}`).toBe('ok');
      fast[f.name] = sql.some((s) => s.startsWith('CREATE TEMP TABLE fast')) && !sql.some((s) => s.startsWith('CREATE TEMP TABLE stg'));
    }
    return { tables: await dump(base), fast };
  } finally {
    await base.close();
  }
}

describe('import fast path', () => {
  it('sample data (every template and layout of sample-data/ but the largest ВПР years): the fast path stages every file and builds the same tables as the text path', async () => {
    const skip = new Set(['vpr-2019.csv', 'vpr-2020.csv', 'vpr-2022.csv', 'vpr-2023.csv', 'vpr-2024.csv', 'vpr-2025.csv', 'oge-2019.csv', 'oge-2020.csv', 'oge-2021.csv', 'oge-2022.csv', 'oge-2023.csv']);
    const { readdirSync } = await import('node:fs');
    const files = orderForImport(readdirSync(SAMPLE)
      .filter((f) => f.endsWith('.csv') && !skip.has(f))
      .map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(SAMPLE, name))) })));
    const fast = await importAll(files, false);
    const text = await importAll(files, true);
    expect(Object.values(text.fast).every((v) => !v)).toBe(true);
    expect(fast.fast).toEqual(Object.fromEntries(files.map((f) => [f.name, true])));
    expect(fast.tables.student_results!.length).toBeGreaterThan(10_000);
    expect(fast.tables).toEqual(text.tables);
  });

  it('the real ФИС ОКО 2021 export (windows-1251 CSV, «отсутствовал»): fast path, same tables as the text path', async () => {
    // Marks from the ВПР 2021 scale the migrations ship.
    const files = [{ name: path.basename(REAL_MATH4_CSV), bytes: new Uint8Array(readFileSync(REAL_MATH4_CSV)) }];
    const fast = await importAll(files, false);
    const text = await importAll(files, true);
    expect(fast.fast[path.basename(REAL_MATH4_CSV)]).toBe(true);
    expect(fast.tables.student_results!.length).toBe(26_666);
    expect(fast.tables).toEqual(text.tables);
  });

  it('a decimal comma (Russian Excel) is read typed; a file mixing «,» and «.» goes to the text path; both import as the text path does', async () => {
    const header = 'year;procedure;subject;grade;school_id;class;student_code;variant;primary_score;max_score;mark;journal_mark;test_score;absent';
    const file = (second: string) => new TextEncoder().encode([header, '2024;ОГЭ;Математика;9;220001;9а;1;1;12,5;31;4;4;;0', `2024;ОГЭ;Математика;9;220001;9а;2;1;${second};31;5;5;;0`].join('\n') + '\n');
    for (const [second, fastExpected] of [['20', true], ['20.5', false]] as const) {
      const bytes = file(second);
      const fast = await importAll([{ name: 'comma.csv', bytes }], false);
      const text = await importAll([{ name: 'comma.csv', bytes }], true);
      expect(fast.fast['comma.csv'], second).toBe(fastExpected);
      expect(fast.tables).toEqual(text.tables);
      expect(fast.tables.student_results!.map((r) => (r as { primary_score: number }).primary_score)).toEqual([12.5, Number(second)]);
    }
  });

  it('padded cells, no-break spaces and empty quoted cells are cleaned by the fast path as on the text path', async () => {
    const header = 'year;procedure;subject;grade;school_id;class;student_code;variant;primary_score;max_score;mark;journal_mark;test_score;absent';
    const nbsp = '\u00a0';
    const lines = [
      `2024;ОГЭ; Математика ;9; 220001;9а;1;1;12;31;4${nbsp};4;;0`,
      `2024;ОГЭ;Математика;9;220001 ;"";2;"";20;31;5;нет отметки;;0`,
      `2024;ОГЭ;Математика;9;sch220002;9Б ;3;2;25;31;5; 5;;0`,
    ];
    const bytes = new TextEncoder().encode([header, ...lines].join('\n') + '\n');
    const fast = await importAll([{ name: 'padded.csv', bytes }], false);
    const text = await importAll([{ name: 'padded.csv', bytes }], true);
    expect(fast.fast['padded.csv']).toBe(true);
    expect(fast.tables).toEqual(text.tables);
    expect(fast.tables.student_results!.map((r) => { const x = r as Record<string, unknown>; return [x.school_id, x.class, x.variant, x.mark, x.journal_mark]; })).toEqual([
      ['220001', '9а', '1', 4, 4],
      ['220001', null, null, 5, null],
      ['220002', '9б', '2', 5, 5],
    ]);
  });

  it('leaves no staging tables behind on either path', async () => {
    const engine = await freshEngine();
    try {
      const bytes = new Uint8Array(readFileSync(path.join(ROOT, 'sample-data', 'schools.csv')));
      expect((await importFile(engine, 'schools.csv', bytes)).status).toBe('ok');
      expect(await engine.query(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE temporary`)).toEqual([{ n: 0 }]);
    } finally {
      await engine.close();
    }
  });
});
