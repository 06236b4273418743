import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overviewSql } from '../../src/core/sql/queries.ts';
import type { Engine } from '../../src/db/engine.ts';
import { freshEngine, importSample, REAL_MATH4_CSV, ROOT, SAMPLE } from '../helpers.ts';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'bin', 'orientir.mjs');

/** Runs `orientir …` as a user would; returns exit code and output instead of throwing. */
async function orientir(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('command line: orientir import / sql', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'orientir-cli-'));
  const db = path.join(dir, 'sample.duckdb');
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
    await importSample(engine);
  });
  afterAll(async () => {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the sample folder, printing each file with its format and rows', async () => {
    const r = await orientir('import', '--db', db, SAMPLE);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(27); // 24 results and reference files + 3 «500+» monitoring files
    expect(lines[0]).toMatch(/^✓ .*grading-scales\.csv: Шкалы перевода баллов в отметки \(шаблон Ориентира\), строк: \d+$/);
    expect(r.stdout).toMatch(/✓ .*oge-2025\.csv: Результаты обучающихся \(шаблон Ориентира\), строк: \d+/);
    expect(r.stdout).toMatch(/✓ .*ege-2025\.csv: Результаты по школам \(шаблон Ориентира\), строк: \d+/);
  });

  it('answers SQL with the same overview numbers as the core computes in process', async () => {
    const r = await orientir('sql', '--db', db, '--format', 'json', overviewSql());
    expect(r.code).toBe(0);
    const viaCli = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    const inProcess = await engine.query(overviewSql());
    expect(viaCli).toEqual(inProcess);
    expect(viaCli.length).toBe(21);
  });

  it('prints CSV and an aligned table', async () => {
    const csv = await orientir('sql', '--db', db, '--format', 'csv', "SELECT procedure, count(*)::INTEGER AS n FROM school_results GROUP BY 1 ORDER BY 1");
    expect(csv.stdout.trim().split(/\r?\n/)[0]).toBe('procedure,n');
    const table = await orientir('sql', '--db', db, "SELECT 1 AS one");
    expect(table.stdout).toBe('one\n---\n1\n(1 строка)\n');
  });

  it('refuses anything but reading', async () => {
    for (const sql of ["COPY schools TO 'x.csv'", "ATTACH 'other.duckdb'", 'DELETE FROM schools', "SELECT * FROM read_csv('/etc/passwd')"]) {
      const r = await orientir('sql', '--db', db, sql);
      expect(r.code, sql).toBe(1);
      expect(r.stderr).toMatch(/Консоль только читает данные/);
    }
  });

  it('on a bad file exits 1 with file, row, column and value in Russian, and leaves the database unchanged', async () => {
    const before = readFileSync(db);
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'year,procedure,subject,grade,school_id,class,student_code,variant,primary_score,max_score,mark,journal_mark,test_score,absent\n2025,ВПР,Математика,4,990101,4а,z1,1,99,20,5,5,,0\n');
    const r = await orientir('import', '--db', db, REAL_MATH4_CSV, bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('«bad.csv», строка 2, столбец «первичный балл»: значение «99» — ожидалось: первичный балл не больше максимального');
    expect(r.stderr).toContain('база данных не изменена');
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('imports the real ФИС ОКО 2021 CSV export and reports its format', async () => {
    const realDb = path.join(dir, 'real.duckdb');
    const r = await orientir('import', '--db', realDb, REAL_MATH4_CSV);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ФИС ОКО: результаты ВПР по обучающимся (выгрузка 2021), строк: 26666');
    const q = await orientir('sql', '--db', realDb, '--format', 'json', 'SELECT sum(participants)::INTEGER AS n FROM school_results');
    expect(JSON.parse(q.stdout)).toEqual([{ n: 24_933 }]);
    const again = await orientir('import', '--db', realDb, REAL_MATH4_CSV);
    expect(again.stdout).toMatch(/уже импортирован/);
  });
});
