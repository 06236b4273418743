import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from '../src/db/engine.ts';
import { importFile, orderForImport, type ImportSummary } from '../src/db/import-file.ts';
import { migrate } from '../src/db/migrate.ts';
import { createNodeEngine } from '../src/db/node-engine.ts';
import { saveWorkspace } from '../src/db/workspace.ts';

/** The repository root. */
export const ROOT = path.resolve(import.meta.dirname, '..');
/** Real exports beside the checkout (never copied into the repo). */
export const REAL = path.resolve(ROOT, '../shared/data/real');
export const SAMPLE = path.join(ROOT, 'sample-data');

/** ФИС ОКО 2021 regional export, Математика 4 класс, as Russian Excel saved it (windows-1251, `;`). */
export const REAL_MATH4_CSV = path.join(REAL, 'altai-vpr-2021', 'Проведение работы по математике, 4 класс. ВПР 2021 (Excel CSV, windows-1251).csv');
export const REAL_RUS5_CSV = path.join(REAL, 'altai-vpr-2021', 'Проведение работы по русскому языку, 5 класс. ВПР 2021 (Excel CSV, windows-1251).csv');

if (!existsSync(REAL)) throw new Error(`Real exports not found at ${REAL}: ../shared must sit beside the checkout.`);

/** A fresh in-memory database on the real engine with the schema applied. */
export async function freshEngine(): Promise<Engine> {
  const engine = await createNodeEngine();
  await migrate(engine);
  return engine;
}

/** Imports a file from disk under its own name. */
export function importPath(engine: Engine, file: string, options: Parameters<typeof importFile>[3] = {}): Promise<ImportSummary> {
  return importFile(engine, path.basename(file), new Uint8Array(readFileSync(file)), options);
}

/** Imports every sample-data file in dependency order; throws if any fails. */
export async function importSample(engine: Engine): Promise<void> {
  const { readdirSync } = await import('node:fs');
  const files = readdirSync(SAMPLE)
    .filter((f) => f.endsWith('.csv'))
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(SAMPLE, name))) }));
  for (const f of orderForImport(files)) {
    const r = await importFile(engine, f.name, f.bytes);
    if (r.status !== 'ok') throw new Error(`${f.name}: ${r.status} ${JSON.stringify(r.problems.slice(0, 3))}`);
  }
}

/** The whole database as bytes: equal snapshots mean nothing changed. */
export function snapshot(engine: Engine): Promise<Uint8Array> {
  return saveWorkspace(engine);
}

/** The engine, with every statement sent through it recorded in `sql` (in order). */
export function recordingEngine(engine: Engine): { engine: Engine; sql: string[] } {
  const sql: string[] = [];
  return {
    sql,
    engine: {
      ...engine,
      query: (s) => (sql.push(s), engine.query(s)),
      exec: (s) => (sql.push(s), engine.exec(s)),
      registerFile: (n, b) => engine.registerFile(n, b),
      dropFile: (n) => engine.dropFile(n),
    },
  };
}
