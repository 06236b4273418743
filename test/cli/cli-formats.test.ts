import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'bin', 'orientir.mjs');
const FIX = (name: string) => path.join(ROOT, 'test/fixtures/layouts', name);

/** `orientir import` with the layout fixtures: every format the importer knows works from the command line too. */
describe('command line: layouts beyond the sample', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'orientir-cli-formats-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports ФИС ОКО «Индивидуальные результаты» (xlsx) and a РЦОИ protocol (CSV), printing each format and row count', async () => {
    const db = path.join(dir, 'w.duckdb');
    const { stdout, stderr } = await run(process.execPath, [BIN, 'import', '--db', db,
      FIX('fisoko-individual-math4-2024.xlsx'), FIX('rcoi-oge-2024-protocol-rus.csv')], { cwd: ROOT });
    expect(stderr).toBe('');
    expect(stdout).toContain('индивидуальные результаты ВПР');
    expect(stdout).toMatch(/9\b/);
    expect(stdout).toContain('РЦОИ: протокол результатов ГИА по участникам');
    const sql = await run(process.execPath, [BIN, 'sql', '--db', db, '--format', 'csv',
      `SELECT procedure, count(*) AS n FROM student_results GROUP BY ALL ORDER BY 1`], { cwd: ROOT });
    expect(sql.stdout.trim().split(/\r?\n/)).toEqual(['procedure,n', 'ВПР,9', 'ОГЭ,4']);
  });
});
