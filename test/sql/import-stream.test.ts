import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/db/engine.ts';
import { importFile, type ImportSummary } from '../../src/db/import-file.ts';
import { freshEngine } from '../helpers.ts';

/**
 * The stream path (a canonical student file read straight into `student_results`, checked after
 * the insert) against the other two on the real engine: for every file, the three give the same
 * outcome — status, rows, the Russian problems — and the same tables. Each file is imported three
 * times on three engines that see the same files: as the app does (stream first), with the stream
 * path refused (its insert fails as a reader error would: the fast path takes the file), and with
 * the fast path's read failing too (the text path). Which path took the file is read from the
 * statements the engine received.
 */
const NOW = () => new Date('2024-05-01T10:00:00Z');
const HEAD = ['year', 'procedure', 'subject', 'grade', 'school_id', 'class', 'student_code', 'variant', 'primary_score', 'max_score', 'mark', 'journal_mark', 'test_score', 'absent'];
const STREAM_INSERT = /^INSERT INTO student_results \([^)]*\)\s*SELECT[\s\S]*FROM read_csv/;
const TABLES = ['student_results', 'school_results', 'schools', 'imports', 'score_histogram', 'journal_comparison', 'objectivity_inflated_mean', 'slice_results'];
const SCALES = 'procedure;year;subject;grade;max_score;min_score_3;min_score_4;min_score_5\nОГЭ;2023;Математика;9;31;8;15;22\n';

type Mode = 'stream' | 'fast' | 'text';
type Path = 'stream' | 'fast' | 'text' | 'none';

/** The engine as importFile sees it in a mode; `sql` collects the statements of the current file. */
function inMode(engine: Engine, mode: Mode): { engine: Engine; sql: string[] } {
  const sql: string[] = [];
  const refuse = (s: string) => {
    if (mode !== 'stream' && STREAM_INSERT.test(s)) throw new Error('Invalid Input Error: stream path disabled by the test');
    if (mode === 'text' && s.startsWith('CREATE TEMP TABLE fast')) throw new Error('fast path disabled by the test');
  };
  return {
    sql,
    engine: {
      ...engine,
      query: async (s) => (sql.push(s), refuse(s), engine.query(s)),
      exec: async (s) => (sql.push(s), refuse(s), engine.exec(s)),
      registerFile: (n, b) => engine.registerFile(n, b),
      dropFile: (n) => engine.dropFile(n),
    },
  };
}

/** Which path imported the file (the last one that ran). */
function pathOf(sql: readonly string[]): Path {
  if (sql.some((s) => s.startsWith('CREATE TEMP TABLE stg'))) return 'text';
  if (sql.some((s) => s.startsWith('CREATE TEMP TABLE fast'))) return 'fast';
  return sql.some((s) => STREAM_INSERT.test(s)) ? 'stream' : 'none';
}

async function dump(engine: Engine): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await engine.query(`SELECT * FROM ${t} ORDER BY ALL`);
  return out;
}

const outcome = (r: ImportSummary) => ({ status: r.status, rows: r.rows, problems: r.problems, more: r.more, format: r.format });
const csv = (lines: string[], head = HEAD) => new TextEncoder().encode([head.join(';'), ...lines].join('\n') + '\n');

/** Three engines fed the same files, one per mode. */
class Trio {
  private engines: Partial<Record<Mode, Engine>> = {};
  private n = 0;

  async open(): Promise<void> {
    for (const mode of ['stream', 'fast', 'text'] as const) {
      const e = await freshEngine();
      const scales = await importFile(e, 'scales.csv', new TextEncoder().encode(SCALES), { now: NOW });
      if (scales.status !== 'ok') throw new Error(JSON.stringify(scales.problems));
      this.engines[mode] = e;
    }
  }

  async close(): Promise<void> {
    for (const e of Object.values(this.engines)) await e.close();
  }

  /** Imports the bytes in every mode; checks the three agree; returns the outcome and the path the app took. */
  async import(bytes: Uint8Array): Promise<{ result: ImportSummary; path: Path }> {
    const name = `f${++this.n}.csv`;
    const runs = [];
    for (const mode of ['stream', 'fast', 'text'] as const) {
      const { engine, sql } = inMode(this.engines[mode]!, mode);
      runs.push({ mode, result: await importFile(engine, name, bytes, { now: NOW }), path: pathOf(sql) });
    }
    const [stream, fast, text] = runs;
    expect(outcome(fast!.result), `${name}: fast vs text`).toEqual(outcome(text!.result));
    expect(outcome(stream!.result), `${name}: stream vs text`).toEqual(outcome(text!.result));
    const tables = await dump(this.engines.text!);
    expect(await dump(this.engines.fast!), `${name}: tables, fast vs text`).toEqual(tables);
    expect(await dump(this.engines.stream!), `${name}: tables, stream vs text`).toEqual(tables);
    return { result: stream!.result, path: stream!.path };
  }
}

const row = (over: Partial<Record<(typeof HEAD)[number], string>> = {}, i = 1) => {
  const base: Record<string, string> = {
    year: '2023', procedure: 'ОГЭ', subject: 'Математика', grade: '9', school_id: '220001', class: '9а', student_code: `s${i}`,
    variant: '1', primary_score: String(10 + (i % 15)), max_score: '31', mark: String(3 + (i % 3)), journal_mark: '4', test_score: '', absent: '0',
  };
  return HEAD.map((h) => over[h] ?? base[h]).join(';');
};
const rows = (n: number, over: Partial<Record<string, string>> = {}) => Array.from({ length: n }, (_, i) => row(over, i + 1));

describe('import stream path', () => {
  const trio = new Trio();
  beforeAll(() => trio.open(), 60_000);
  afterAll(() => trio.close());

  // [name, lines (or bytes), the path the app takes, status]
  const cases: Array<[string, Uint8Array, Path, ImportSummary['status']]> = [
    ['clean rows', csv(rows(30)), 'stream', 'ok'],
    ['CRLF line ends, quoted cells with the delimiter inside', new TextEncoder().encode(`${HEAD.join(';')}\r\n${row({ student_code: '"s;1"' })}\r\n${row({}, 2)}\r\n`), 'stream', 'ok'],
    ['blank lines and empty rows among the rows', csv([row({}, 1), '', ';;;;;;;;;;;;;', row({}, 2), ''].concat(rows(3).slice(2))), 'stream', 'ok'],
    ['columns in another order', csv(rows(5).map((l) => l.split(';').reverse().join(';')), [...HEAD].reverse()), 'stream', 'ok'],
    ['only the required columns and a score', csv(['2023;ОГЭ;Математика;9;220002;a1;12', '2023;ОГЭ;Математика;9;220002;a2;20'], ['year', 'procedure', 'subject', 'grade', 'school_id', 'student_code', 'primary_score']), 'stream', 'ok'],
    ['no marks: from the grading scale', csv(rows(6, { mark: '' })), 'stream', 'ok'],
    ['no maximum: from the grading scale', csv(rows(6, { max_score: '' })), 'stream', 'ok'],
    ['absent students without scores', csv([row({ absent: '1', primary_score: '', mark: '' }, 1), row({}, 2)]), 'stream', 'ok'],
    ['upper-case and «нет» classes', csv([row({ class: '9А' }, 1), row({ class: 'нет' }, 2)]), 'stream', 'ok'],
    ['decimal comma in scores', csv([row({ primary_score: '12,5' }, 1), row({}, 2)]), 'stream', 'ok'],
    ['marks written 4.0', csv([row({ mark: '4.0', journal_mark: '5.0' }, 1)]), 'stream', 'ok'],
    ['ЕГЭ test scores', csv([row({ procedure: 'ЕГЭ', grade: '11', subject: 'Химия', test_score: '72', mark: '', max_score: '', primary_score: '' }, 1)]), 'stream', 'ok'],
    ['lower-case procedure', csv(rows(3, { procedure: 'огэ' })), 'fast', 'ok'],
    ['subject spelled otherwise', csv(rows(3, { subject: 'математика' })), 'fast', 'ok'],
    ['school logins', csv(rows(3, { school_id: 'sch220003' })), 'fast', 'ok'],
    ['a padded student code', csv([row({ student_code: ' s1' }, 1), row({}, 2)]), 'fast', 'ok'],
    ['a no-break space in a variant', csv([row({ variant: '1\u00a0' }, 1)]), 'fast', 'ok'],
    ['«нет отметки» in the mark column', csv([row({ mark: 'нет отметки' }, 1), row({}, 2)]), 'fast', 'ok'],
    ['«да» for absent', csv([row({ absent: 'да', primary_score: '', mark: '' }, 1), row({}, 2)]), 'fast', 'ok'],
    ['a year with a fraction', csv([row({}, 1), row({ year: '2023.5' }, 2)]), 'text', 'failed'],
    ['grade 12', csv([row({}, 1), row({ grade: '12' }, 2)]), 'text', 'failed'],
    ['mark 6', csv([row({}, 1), row({ mark: '6' }, 2)]), 'text', 'failed'],
    ['journal mark 0', csv([row({}, 1), row({ journal_mark: '0' }, 2)]), 'text', 'failed'],
    ['test score 101', csv([row({ test_score: '101' }, 1)]), 'text', 'failed'],
    ['a score over the file\'s maximum', csv([row({}, 1), row({ primary_score: '40' }, 2)]), 'text', 'failed'],
    ['a score over the scale\'s maximum', csv([row({ max_score: '' }, 1), row({ max_score: '', primary_score: '32' }, 2)]), 'text', 'failed'],
    ['a negative score', csv([row({ primary_score: '-1' }, 1)]), 'text', 'failed'],
    ['a student twice', csv([row({}, 1), row({}, 2), row({}, 1)]), 'text', 'failed'],
    ['no year', csv([row({}, 1), row({ year: '' }, 2)]), 'text', 'failed'],
    ['no student code', csv([row({ student_code: '' }, 1)]), 'text', 'failed'],
    ['a present student without a score', csv([row({ primary_score: '', mark: '' }, 1)]), 'text', 'failed'],
    ['no mark and no grading scale', csv(rows(2, { year: '2022', mark: '' })), 'text', 'failed'],
    ['a school code without three digits', csv([row({}, 1), row({ school_id: '12' }, 2)]), 'text', 'failed'],
    ['a hexadecimal year', csv([row({ year: '0x7E7' }, 1)]), 'text', 'failed'],
    ['a line break inside quotes', csv([row({ student_code: '"s\n1"' }, 1), row({}, 2)]), 'text', 'ok'],
  ];

  for (const [name, bytes, path, status] of cases) {
    it(`${name}: the same outcome and tables on every path; taken by the ${path} path`, async () => {
      const { result, path: taken } = await trio.import(bytes);
      expect(result.status, JSON.stringify(result.problems.slice(0, 2))).toBe(status);
      expect(taken).toBe(path);
    }, 60_000);
  }

  it('random near-valid files: every path gives the same outcome and tables', { timeout: 300_000 }, async () => {
    const cell = (valid: string[], odd: string[]) => fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
    const line = fc.tuple(
      cell(['2023'], ['2023.5', '', '1999', '2022']),
      cell(['ОГЭ'], ['огэ', 'ГИА', ' ОГЭ']),
      cell(['Математика'], ['математика', 'Химия', 'Математика ']),
      cell(['9'], ['12', '9.0', '']),
      cell(['220001', '220002', '0220'], ['sch220003', '12', '', '22 0001']),
      cell(['9а', '9б', ''], ['9Б', ' 9в', 'нет', '\u00a0']),
      fc.integer({ min: 1, max: 60 }).map((i) => `s${i}`),
      cell(['1', '2', ''], ['3 ', '\u00a01']),
      cell(['0', '12', '20', '31'], ['12,5', '-1', '', '40', 'abc']),
      cell(['31', ''], ['0', '2000']),
      cell(['3', '4', '5', ''], ['6', 'нет отметки', '4.0', '2,0']),
      cell(['4', '5', ''], ['0', '1', 'н/а']),
      cell([''], ['70', '101']),
      cell(['0', ''], ['1', 'да', 'x', '2']),
    ).map((cells) => cells.join(';'));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 25 }), async (lines) => {
        await trio.import(csv(lines));
      }),
      { numRuns: 40, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
  });
});

describe('beforeMerge: the slices a merge will touch, asked before its transaction, on every path', () => {
  const slicesOf = async (engine: Engine, sql: string) =>
    (await engine.query<{ k: string }>(`SELECT DISTINCT concat_ws('|', year, procedure, subject, grade) AS k FROM (${sql}) ORDER BY k`)).map((r) => r.k);
  const twoSlices = csv([row({}, 1), row({ subject: 'Русский язык' }, 2), row({}, 3)]);
  const cases: Array<[string, Mode, Uint8Array, string[]]> = [
    ['stream path', 'stream', twoSlices, ['2023|ОГЭ|Математика|9', '2023|ОГЭ|Русский язык|9']],
    ['fast path', 'fast', twoSlices, ['2023|ОГЭ|Математика|9', '2023|ОГЭ|Русский язык|9']],
    ['text path', 'text', twoSlices, ['2023|ОГЭ|Математика|9', '2023|ОГЭ|Русский язык|9']],
    ['school results', 'stream', new TextEncoder().encode('year;procedure;subject;grade;school_id;participants;n2;n3;n4;n5\n2022;ВПР;математика;4;220001;10;1;2;3;4\n'), ['2022|ВПР|Математика|4']],
  ];
  for (const [name, mode, bytes, expected] of cases) {
    it(`${name}: ${expected.join(', ')}`, async () => {
      const base = await freshEngine();
      try {
        const { engine, sql } = inMode(base, mode);
        const asked: Array<{ at: number; slices: string[] }> = [];
        const r = await importFile(engine, 'f.csv', bytes, { now: NOW, beforeMerge: async (s) => void asked.push({ at: sql.length, slices: await slicesOf(base, s) }) });
        expect(r.status).toBe('ok');
        const last = asked.at(-1)!;
        expect(last.slices).toEqual(expected);
        // Asked before the transaction that merged the file.
        const begin = sql.findIndex((s, i) => i >= last.at && /^BEGIN/.test(s));
        expect(begin).toBeGreaterThanOrEqual(last.at);
        expect(sql.slice(0, last.at).some((s) => /^COMMIT/.test(s))).toBe(false);
      } finally {
        await base.close();
      }
    }, 60_000);
  }

  it('a schools directory touches no slices: not asked', async () => {
    const engine = await freshEngine();
    try {
      let asked = 0;
      const r = await importFile(engine, 's.csv', new TextEncoder().encode('school_id;name\n220001;Школа 1\n'), { beforeMerge: async () => void asked++ });
      expect(r.status).toBe('ok');
      expect(asked).toBe(0);
    } finally {
      await engine.close();
    }
  });
});
