import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/core/import-problem.ts';
import type { Engine } from '../../src/db/engine.ts';
import { importFile, MAX_IMPORT_BYTES, type ImportSummary } from '../../src/db/import-file.ts';
import { freshEngine, ROOT, snapshot } from '../helpers.ts';

/** The committed corpus (scripts/make-malformed-fixtures.ts writes it). */
const DIR = path.join(ROOT, 'test', 'fixtures', 'malformed');
interface Entry {
  file: string;
  what: string;
  group: string;
  status: 'failed' | 'ok';
  expect?: Array<string | string[]>;
  rows?: number;
  check?: { sql: string; rows: Array<Record<string, unknown>> };
}
const manifest = JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as Entry[];
const bytesOf = (file: string) => new Uint8Array(readFileSync(path.join(DIR, file)));
const enc = (s: string) => new TextEncoder().encode(s);

const STUDENT_HEAD = 'year,procedure,subject,grade,school_id,class,student_code,variant,primary_score,max_score,mark,journal_mark,test_score,absent';
const SCHOOL_HEAD = 'year,procedure,subject,grade,school_id,participants,n2,n3,n4,n5,mean_score';

/** A small database the corpus must not change: a directory, school results and student rows. */
async function baseEngine(): Promise<Engine> {
  const engine = await freshEngine();
  const files: Array<[string, string]> = [
    ['schools.csv', 'school_id,name,municipality\n990101,Школа № 1,Город\n990102,Школа № 2,Село\n'],
    ['oge.csv', `${SCHOOL_HEAD}\n2023,ОГЭ,Математика,9,990101,20,2,6,8,4,15.5\n2023,ОГЭ,Математика,9,990102,10,1,3,4,2,14\n`],
    ['vpr.csv', `${STUDENT_HEAD}\n2023,ВПР,Русский язык,5,990101,5а,r1,1,30,45,4,4,,0\n2023,ВПР,Русский язык,5,990101,5а,r2,1,,45,,3,,1\n`],
  ];
  for (const [name, text] of files) {
    const r = await importFile(engine, name, enc(text), { now: () => new Date('2025-01-01T00:00:00Z') });
    if (r.status !== 'ok') throw new Error(`${name}: ${JSON.stringify(r.problems)}`);
  }
  return engine;
}

/** Every failed summary must name the file and say what was expected, in Russian. */
function expectWellFormedFailure(r: ImportSummary, file: string): string {
  expect(r.status).toBe('failed');
  expect(r.problems.length).toBeGreaterThan(0);
  for (const p of r.problems) {
    expect(p.file).toBe(file);
    expect(p.expected).toMatch(/[а-яё]/i);
  }
  return r.problems.map(formatProblem).join('\n');
}

const failing = manifest.filter((c) => c.status === 'failed');
const succeeding = manifest.filter((c) => c.status === 'ok');

describe(`malformed corpus: ${failing.length} broken files through the real pipeline`, () => {
  let engine: Engine;
  let before: Uint8Array;
  beforeAll(async () => {
    engine = await baseEngine();
    before = await snapshot(engine);
  });
  afterAll(() => engine.close());

  it('has at least 60 broken files, each under 200 KB', () => {
    expect(failing.length).toBeGreaterThanOrEqual(60);
    for (const c of manifest) expect(bytesOf(c.file).length).toBeLessThan(200 * 1024);
  });

  it.each(failing)('$file ($what): «$expect», nothing changed', { timeout: 30_000 }, async (c) => {
    const r = await importFile(engine, c.file, bytesOf(c.file));
    const text = expectWellFormedFailure(r, c.file);
    for (const fragment of c.expect ?? []) {
      if (typeof fragment === 'string') expect(text).toContain(fragment);
      else expect(fragment.some((f) => text.includes(f)), `one of ${fragment.join(' / ')} in ${text}`).toBe(true);
    }
    expect(await snapshot(engine)).toEqual(before);
  });
});

describe('generated in the test: huge and limit cases', () => {
  let engine: Engine;
  let before: Uint8Array;
  beforeAll(async () => {
    engine = await baseEngine();
    before = await snapshot(engine);
  });
  afterAll(() => engine.close());

  const attempt = async (file: string, bytes: Uint8Array, options: Parameters<typeof importFile>[3] = {}) => {
    const r = await importFile(engine, file, bytes, options);
    const text = expectWellFormedFailure(r, file);
    expect(await snapshot(engine)).toEqual(before);
    return text;
  };

  it('100 000 columns of junk: not recognised, quickly', { timeout: 30_000 }, async () => {
    const head = Array.from({ length: 100_000 }, (_, i) => `col${i}`).join(',');
    const row = Array.from({ length: 100_000 }, (_, i) => String(i % 10)).join(',');
    expect(await attempt('wide.csv', enc(`${head}\n${row}\n`))).toMatch(/формат не распознан|нет столбцов/);
  });

  it('a canonical header followed by 100 000 empty-named columns and a bad value', { timeout: 30_000 }, async () => {
    const tail = ','.repeat(100_000);
    const text = `${STUDENT_HEAD}${tail}\n2024,ВПР,Математика,4,990101,4а,w1,1,abc,20,4,4,,0${tail}\n`;
    expect(await attempt('wide-canonical.csv', enc(text))).toContain('строка 2, столбец «первичный балл»: значение «abc»');
  });

  it('data rows of 100 000 cells under a normal header', { timeout: 30_000 }, async () => {
    const extra = ',x'.repeat(100_000);
    const text = `${STUDENT_HEAD}\n2024,ВПР,Математика,4,990101,4а,w1,1,25,20,4,4,,0${extra}\n`;
    expect(await attempt('wide-rows.csv', enc(text))).toContain('первичный балл не больше максимального');
  });

  it('a header 100 000 columns wide with the template columns at its end: too wide to find, refused', { timeout: 30_000 }, async () => {
    const junk = Array.from({ length: 100_000 }, (_, i) => `j${i}`).join(',');
    const text = `${junk},${STUDENT_HEAD}\n${','.repeat(100_000)}2024,ВПР,Математика,4,990101,4а,w1,1,12,20,4,4,,0\n`;
    expect(await attempt('wide-late.csv', enc(text))).toMatch(/формат не распознан|нет столбцов/);
  });

  it('200 000 rows with one bad value at the very end: found, with its line', { timeout: 60_000 }, async () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `2024,ВПР,Математика,4,990101,4а,big${i},1,12,20,4,4,,0`);
    lines.push('2024,ВПР,Математика,4,990101,4а,last,1,12,20,4,4,,нет?');
    expect(await attempt('long.csv', enc(`${STUDENT_HEAD}\n${lines.join('\n')}\n`))).toContain('строка 200002, столбец «отсутствовал»');
  });

  it('refuses a file over the size limit before reading it, with a Russian message', async () => {
    expect(MAX_IMPORT_BYTES).toBe(512 * 1024 * 1024);
    const text = await attempt('big.csv', enc(`${STUDENT_HEAD}\n2024,ВПР,Математика,4,990101,4а,s1,1,12,20,4,4,,0\n`), { maxBytes: 64 });
    expect(text).toMatch(/«big\.csv»: значение «файл 190 байт» — ожидалось: файл не больше 64 байт/);
    // Not even the stages after reading were entered.
    const stages: string[] = [];
    await importFile(engine, 'big.xlsx', new Uint8Array(1000).fill(0x50), { maxBytes: 999, onStage: (s) => stages.push(s) });
    expect(stages).toEqual(['reading']);
  });
});

describe('broken-looking files that must import, and import right', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await baseEngine();
  });
  afterAll(() => engine.close());

  it.each(succeeding)('$file ($what): $rows rows', { timeout: 30_000 }, async (c) => {
    const r = await importFile(engine, c.file, bytesOf(c.file));
    expect(r.problems.map(formatProblem)).toEqual([]);
    expect(r).toMatchObject({ status: 'ok', rows: c.rows });
    if (c.check) expect(await engine.query(c.check.sql)).toEqual(c.check.rows);
  });
});

describe('conflicting re-imports: the same slice twice with different numbers', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await baseEngine();
  });
  afterAll(() => engine.close());

  const count = async (sql: string) => (await engine.query<{ n: number }>(sql))[0]!.n;

  it('school results: the second file replaces the slice, never adds to it', async () => {
    const first = `${SCHOOL_HEAD}\n2024,ВПР,Математика,4,990101,10,1,2,3,4,\n2024,ВПР,Математика,4,990102,8,1,1,3,3,\n`;
    const second = `${SCHOOL_HEAD}\n2024,ВПР,Математика,4,990101,30,3,6,9,12,\n`;
    expect((await importFile(engine, 'first.csv', enc(first))).status).toBe('ok');
    expect((await importFile(engine, 'second.csv', enc(second))).status).toBe('ok');
    expect(await engine.query(`SELECT school_id, participants FROM school_results WHERE year = 2024 ORDER BY 1`)).toEqual([
      { school_id: '990101', participants: 30 },
      { school_id: '990102', participants: 8 },
    ]);
    // The same second file again is a duplicate and changes nothing.
    const before = await snapshot(engine);
    expect((await importFile(engine, 'second-again.csv', enc(second))).status).toBe('duplicate');
    expect(await snapshot(engine)).toEqual(before);
  });

  it('student results: re-import with other scores replaces rows and the derived school results', async () => {
    const mk = (score: number, n: number) =>
      `${STUDENT_HEAD}\n${Array.from({ length: n }, (_, i) => `2024,ВПР,Русский язык,4,990101,4а,c${i},1,${score},20,${score >= 15 ? 5 : 3},4,,0`).join('\n')}\n`;
    expect((await importFile(engine, 'rus-a.csv', enc(mk(10, 5)))).rows).toBe(5);
    expect((await importFile(engine, 'rus-b.csv', enc(mk(16, 3)))).rows).toBe(3);
    expect(await count(`SELECT count(*)::INTEGER AS n FROM student_results WHERE subject = 'Русский язык' AND grade = 4`)).toBe(3);
    expect(await engine.query(`SELECT participants, n3, n5 FROM school_results WHERE subject = 'Русский язык' AND grade = 4`)).toEqual([
      { participants: 3, n3: 0, n5: 3 },
    ]);
    expect(await count(`SELECT count(*)::INTEGER AS n FROM imports WHERE file_name IN ('rus-a.csv', 'rus-b.csv')`)).toBe(2);
  });

  it('ФИС ОКО 2021: the same export re-saved with a changed score replaces the school slice', async () => {
    const name = 'Проведение работы по математике, 4 класс. ВПР 2021.csv';
    const head = 'логин школы;регион;номер обучающегося;код обучающегося;отметка за предыдущую четверть/триместр;пол;класс;вариант;всего баллов';
    const a = `${head}\nsch990101;р-н;1;1;5;ж;4а;1;10\nsch990101;р-н;2;2;4;м;4а;1;12\n`;
    const b = `${head}\nsch990101;р-н;1;1;5;ж;4а;1;15\n`;
    expect((await importFile(engine, name, enc(a))).status).toBe('ok');
    expect((await importFile(engine, name, enc(b))).status).toBe('ok');
    expect(await engine.query(`SELECT student_code, primary_score FROM student_results WHERE year = 2021 AND school_id = '990101'`)).toEqual([
      { student_code: '1', primary_score: 15 },
    ]);
    expect(await count(`SELECT count(*)::INTEGER AS n FROM school_results WHERE year = 2021 AND school_id = '990101'`)).toBe(1);
  });
});
