/**
 * Node-side work of the bench: the same pipeline on the Node engine (DuckDB-WASM blocking bundle),
 * used to measure the import for comparison and to build the region workspace snapshot the app's
 * cold start loads.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { importFile, orderForImport } from '../../src/db/import-file.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createNodeEngine } from '../../src/db/node-engine.ts';
import { saveWorkspace } from '../../src/db/workspace.ts';
import { CACHE, ensureRegion } from './data.ts';

/** One timed import of `file` into a fresh Node engine; returns ms of `importFile` alone. */
export async function nodeImportOnce(file: string): Promise<{ ms: number; rows: number; stages: Record<string, number> }> {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const engine = await createNodeEngine();
  try {
    await migrate(engine);
    const stages: Record<string, number> = {};
    const t0 = performance.now();
    const r = await importFile(engine, path.basename(file), bytes, { onStage: (s) => (stages[s] = performance.now() - t0) });
    const ms = performance.now() - t0;
    if (r.status !== 'ok') throw new Error(`node import failed: ${JSON.stringify(r.problems.slice(0, 3))}`);
    return { ms, rows: r.rows, stages };
  } finally {
    await engine.close();
  }
}

/** Which source files decide the snapshot's content and format (a change rebuilds the cached one). */
const SNAPSHOT_INPUTS = ['src/core/sql/migrations.ts', 'src/core/sql/merge.ts', 'src/db/workspace.ts', 'src/db/import-file.ts', 'src/core/layouts/canonical.ts'];

/**
 * The region workspace (2000 schools, `years`) imported file by file through `importFile` on the
 * Node engine and saved with `saveWorkspace` — byte for byte what the app would persist in OPFS.
 */
export async function ensureRegionWorkspace(years: number[], log: (s: string) => void): Promise<{ file: string; buildMs?: number; counts: Record<string, number> }> {
  const hash = createHash('sha256');
  for (const f of SNAPSHOT_INPUTS) hash.update(fs.existsSync(f) ? fs.readFileSync(f) : Buffer.from(f));
  hash.update(years.join(','));
  const key = hash.digest('hex').slice(0, 12);
  const file = path.join(CACHE, `region-${years[0]}-${years[years.length - 1]}-${key}.orientir`);
  const meta = `${file}.json`;
  if (fs.existsSync(file) && fs.existsSync(meta)) return { file, counts: JSON.parse(fs.readFileSync(meta, 'utf8')) as Record<string, number> };
  const dir = ensureRegion(log);
  const names = fs.readdirSync(dir).filter((n) => n.endsWith('.csv')).filter((n) => {
    const m = /-(\d{4})\.csv$/.exec(n);
    return !m || years.includes(Number(m[1]));
  });
  const files = orderForImport(names.map((name) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(dir, name))) })));
  const engine = await createNodeEngine();
  const t0 = performance.now();
  try {
    await migrate(engine);
    for (const f of files) {
      const r = await importFile(engine, f.name, f.bytes);
      if (r.status !== 'ok') throw new Error(`region import of ${f.name} failed: ${JSON.stringify(r.problems.slice(0, 3))}`);
      log(`  region → node engine: ${f.name} ${r.rows} rows (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    const counts: Record<string, number> = {};
    for (const t of ['student_results', 'school_results', 'schools']) {
      counts[t] = (await engine.query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${t}`))[0]!.n;
    }
    const bytes = await saveWorkspace(engine);
    fs.writeFileSync(file, bytes);
    fs.writeFileSync(meta, JSON.stringify(counts));
    return { file, buildMs: performance.now() - t0, counts };
  } finally {
    await engine.close();
  }
}
