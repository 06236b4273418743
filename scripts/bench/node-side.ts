/**
 * Node-side work of the bench: the same pipeline on the Node engine (DuckDB-WASM blocking bundle),
 * used to measure the import for comparison and to build the region's split workspace (the files
 * the app keeps in OPFS) that the cold start and the bench page load.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { importFile, orderForImport } from '../../src/db/import-file.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createNodeEngine, dirStore } from '../../src/db/node-engine.ts';
import { MANIFEST, saveSplit, type Manifest } from '../../src/db/split-workspace.ts';
import { loadWorkspace } from '../../src/db/workspace.ts';
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

/** Which source folders decide the saved files' content and format (a change rebuilds the cached ones). */
const SNAPSHOT_INPUTS = ['src/core/sql', 'src/core/layouts', 'src/db'];

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [dir];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sourceFiles(path.join(dir, d.name)) : [path.join(dir, d.name)])).sort();
}

/** The region as the app keeps it in OPFS: the split workspace's folder (manifest, summary, one student file per import). */
export interface RegionFiles {
  dir: string;
  /** File names in `dir`, the manifest last (the order the bench writes them into OPFS). */
  files: string[];
  bytes: number;
  summaryBytes: number;
  studentFiles: number;
  buildMs?: number;
  counts: Record<string, number>;
}

/**
 * The region workspace (2000 schools, `years`) imported file by file through `importFile` on the
 * Node engine and saved with `saveSplit` into a directory — byte for byte what the app keeps in
 * its OPFS folder. `legacy` (a single-file workspace) is converted instead of importing.
 */
export async function ensureRegionWorkspace(years: number[], log: (s: string) => void, legacy?: string): Promise<RegionFiles> {
  const hash = createHash('sha256');
  for (const f of SNAPSHOT_INPUTS.flatMap(sourceFiles)) hash.update(fs.existsSync(f) ? fs.readFileSync(f) : Buffer.from(f));
  hash.update(legacy ? `legacy:${legacy}:${fs.statSync(legacy).size}` : years.join(','));
  const key = hash.digest('hex').slice(0, 12);
  const dir = path.join(CACHE, `region-${years[0]}-${years[years.length - 1]}-${key}.split`);
  const meta = path.join(dir, '..', `${path.basename(dir)}.json`);
  const describe = (counts: Record<string, number>, buildMs?: number): RegionFiles => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as Manifest;
    const files = [manifest.summary, ...(manifest.later ?? []).map((l) => l.file), ...manifest.students.map((s) => s.file), MANIFEST];
    return {
      dir,
      files,
      bytes: files.reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0),
      summaryBytes: fs.statSync(path.join(dir, manifest.summary)).size,
      studentFiles: manifest.students.length,
      counts,
      ...(buildMs === undefined ? {} : { buildMs }),
    };
  };
  if (fs.existsSync(meta) && fs.existsSync(path.join(dir, MANIFEST))) return describe(JSON.parse(fs.readFileSync(meta, 'utf8')) as Record<string, number>);
  fs.rmSync(dir, { recursive: true, force: true });
  const engine = await createNodeEngine();
  const t0 = performance.now();
  try {
    await migrate(engine);
    if (legacy) {
      await loadWorkspace(engine, new Uint8Array(fs.readFileSync(legacy)));
    } else {
      const src = ensureRegion(log);
      const names = fs.readdirSync(src).filter((n) => n.endsWith('.csv')).filter((n) => {
        const m = /-(\d{4})\.csv$/.exec(n);
        return !m || years.includes(Number(m[1]));
      });
      const files = orderForImport(names.map((name) => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(src, name))) })));
      for (const f of files) {
        const r = await importFile(engine, f.name, f.bytes);
        if (r.status !== 'ok') throw new Error(`region import of ${f.name} failed: ${JSON.stringify(r.problems.slice(0, 3))}`);
        log(`  region → node engine: ${f.name} ${r.rows} rows (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
    }
    const counts: Record<string, number> = {};
    for (const t of ['student_results', 'school_results', 'schools']) {
      counts[t] = (await engine.query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${t}`))[0]!.n;
    }
    await saveSplit(engine, dirStore(dir), null);
    fs.writeFileSync(meta, JSON.stringify(counts));
    return describe(counts, performance.now() - t0);
  } finally {
    await engine.close();
  }
}
