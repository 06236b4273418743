/**
 * Bench inputs, built once into a cache folder (os.tmpdir()/orientir-bench, or $ORIENTIR_BENCH_DATA):
 * the generator's region output (2000 schools, 2019–2025) and a 1M-row student-level file in the
 * canonical layout, concatenated from the region's ВПР rows, as windows-1251 `;` CSV (what Russian
 * Excel writes) and as the same rows in UTF-8 (for DuckDB's bare read_csv, which cannot read cp1251).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeCp1251 } from '../lib/cp1251.ts';

export const CACHE = process.env.ORIENTIR_BENCH_DATA ?? path.join(os.tmpdir(), 'orientir-bench');
export const REGION = path.join(CACHE, 'region-2000');
export const STUDENT_ROWS = 1_000_000;
export const STUDENT_CP1251 = path.join(CACHE, 'students-1m-cp1251.csv');
export const STUDENT_UTF8 = path.join(CACHE, 'students-1m-utf8.csv');

/** Runs the project's own generator for the region (deterministic; ~10 s), unless cached. */
export function ensureRegion(log: (s: string) => void): string {
  const marker = path.join(REGION, 'vpr-2025.csv');
  if (fs.existsSync(marker) && fs.existsSync(path.join(REGION, 'schools.csv'))) return REGION;
  log('generating region data: 2000 schools, 2019–2025 …');
  fs.mkdirSync(CACHE, { recursive: true });
  execFileSync(process.execPath, [path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/generate-sample-data.ts', '--schools', '2000', '--out', REGION], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  return REGION;
}

/**
 * The 1M-row student file: header + the first 1M ВПР data rows of the region (2019, then 2020…),
 * with `,` turned into `;` (ВПР rows hold no commas, quotes or semicolons — checked).
 */
export function ensureStudentFiles(log: (s: string) => void): { cp1251: string; utf8: string } {
  if (fs.existsSync(STUDENT_CP1251) && fs.existsSync(STUDENT_UTF8)) return { cp1251: STUDENT_CP1251, utf8: STUDENT_UTF8 };
  ensureRegion(log);
  log(`building ${STUDENT_ROWS.toLocaleString('en')}-row student CSV (cp1251 and UTF-8) …`);
  const out: string[] = [];
  let header: string | undefined;
  for (const year of [2019, 2020, 2021, 2022, 2023, 2024, 2025]) {
    const lines = fs.readFileSync(path.join(REGION, `vpr-${year}.csv`), 'utf8').split('\n');
    header ??= lines[0]!;
    for (let i = 1; i < lines.length && out.length < STUDENT_ROWS; i++) {
      const l = lines[i]!;
      if (l === '') continue;
      if (/[;"]/.test(l)) throw new Error(`unexpected ; or " in ВПР row: ${l}`);
      out.push(l.replaceAll(',', ';'));
    }
    if (out.length >= STUDENT_ROWS) break;
  }
  if (out.length < STUDENT_ROWS) throw new Error(`only ${out.length} ВПР rows in the region data`);
  const text = header!.replaceAll(',', ';') + '\n' + out.join('\n') + '\n';
  fs.writeFileSync(STUDENT_UTF8, text);
  fs.writeFileSync(STUDENT_CP1251, encodeCp1251(text));
  return { cp1251: STUDENT_CP1251, utf8: STUDENT_UTF8 };
}
