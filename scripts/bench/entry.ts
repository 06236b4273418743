/**
 * Bench entry: exposes the app's engine and pipeline on `window.__bench` so the bench driver
 * (scripts/bench/run.ts) can time them in a production build with page.evaluate. Inputs come from
 * the same origin (`/__bench/…`, served by the preview server), never from another one.
 */
import { createBrowserEngine } from '../../src/db/browser-engine.ts';
import type { Engine } from '../../src/db/engine.ts';
import { importFile } from '../../src/db/import-file.ts';
import { migrate } from '../../src/db/migrate.ts';
import { removeImport } from '../../src/db/remove-import.ts';
import { loadStudentRows, loadSummary, readManifest, saveSplit, type FileStore, type Manifest } from '../../src/db/split-workspace.ts';
import * as queries from '../../src/core/sql/queries.ts';
import { requireStore } from '../../src/state/persistence.ts';

type SqlBuilder = (...args: unknown[]) => string;
const q = queries as unknown as Record<string, SqlBuilder>;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

const cache = new Map<string, Uint8Array>();
async function bytesOf(url: string): Promise<Uint8Array> {
  let b = cache.get(url);
  if (!b) cache.set(url, (b = await fetchBytes(url)));
  return b;
}

let region: Engine | undefined;
let regionStore: FileStore | undefined;
let regionManifest: Manifest | undefined;

/** Streams files served under `base` into this origin's OPFS workspace folder (as the app keeps them), manifest last. */
async function seedOpfs(base: string, names: string[]): Promise<number> {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry('workspace', { recursive: true }).catch(() => undefined);
  const dir = await root.getDirectoryHandle('workspace', { create: true });
  let bytes = 0;
  for (const name of names) {
    const res = await fetch(`${base}${name}`);
    if (!res.ok || !res.body) throw new Error(`${base}${name}: HTTP ${res.status}`);
    await res.body.pipeTo(await (await dir.getFileHandle(name, { create: true })).createWritable());
    bytes += (await (await dir.getFileHandle(name)).getFile()).size;
  }
  return bytes;
}

/** A bare `CREATE TABLE … AS SELECT * FROM read_csv(…)` of the file at `url`, registered as a buffer or as a `File`; only registering and reading are timed. */
async function bareRead(url: string, delim: string, as: 'buffer' | 'file'): Promise<{ ms: number; rows: number }> {
  const bytes = await bytesOf(url);
  const engine = await createBrowserEngine();
  try {
    // registerFileBuffer transfers (detaches) the buffer it is given: hand it a copy, made before timing.
    const copy = bytes.slice();
    const file = as === 'file' ? new File([copy], 'bare.csv') : undefined;
    const t0 = performance.now();
    if (file) await engine.registerBlob!('bare.csv', file);
    else await engine.registerFile('bare.csv', copy);
    await engine.exec(`CREATE TABLE bare AS SELECT * FROM read_csv('bare.csv', delim = '${delim}', header = true${file ? ", encoding = 'latin-1'" : ''})`);
    const ms = performance.now() - t0;
    const rows = (await engine.query<{ n: number }>('SELECT count(*)::DOUBLE AS n FROM bare'))[0]!.n;
    await engine.dropFile('bare.csv');
    return { ms, rows };
  } finally {
    await engine.close();
  }
}

const bench = {
  /** Fetches (and keeps) a file so later runs time the pipeline, not the transfer. */
  async preload(url: string): Promise<number> {
    return (await bytesOf(url)).length;
  },
  forget(url: string): void {
    cache.delete(url);
  },
  /** DuckDB-WASM worker start + instantiate + open, and the migrations, in ms. */
  async engineStart(): Promise<{ instantiateMs: number; migrateMs: number }> {
    const t0 = performance.now();
    const engine = await createBrowserEngine();
    const t1 = performance.now();
    await migrate(engine);
    const t2 = performance.now();
    await engine.close();
    return { instantiateMs: t1 - t0, migrateMs: t2 - t1 };
  },
  /** The full pipeline (`importFile`) into a fresh, migrated engine; only importFile is timed. */
  async importPipeline(url: string, name: string): Promise<{ ms: number; rows: number; status: string; stages: Record<string, number>; problems: unknown[] }> {
    const bytes = await bytesOf(url);
    const engine = await createBrowserEngine();
    try {
      await migrate(engine);
      const stages: Record<string, number> = {};
      const copy = bytes.slice(); // UTF-8 bytes reach registerFileBuffer as they are, and it detaches them
      const t0 = performance.now();
      const r = await importFile(engine, name, copy, { onStage: (s) => (stages[s] = performance.now() - t0) });
      const ms = performance.now() - t0;
      return { ms, rows: r.rows, status: r.status, stages, problems: r.problems.slice(0, 3) };
    } finally {
      await engine.close();
    }
  },
  /** DuckDB's own read_csv of the same rows, registered the same way (engine.registerFile), into a table. */
  bareReadCsv: (url: string, delim: string) => bareRead(url, delim, 'buffer'),
  /**
   * The literal reference: DuckDB's own read_csv of the very bytes the pipeline imports
   * (windows-1251), from a `File` registered as the app registers one (BROWSER_FILEREADER), read as
   * latin-1 — read_csv's only single-byte encoding, so each byte is one character, as in cp1251.
   */
  bareReadCsvSameFile: (url: string, delim: string) => bareRead(url, delim, 'file'),
  /**
   * Puts the region's split workspace into this origin's OPFS, then loads it the way the app does:
   * a fresh engine, the summary's first part (what the first chart waits for), its rest, then the
   * student files — every part read by DuckDB from its OPFS `File`. The engine is kept for the query runs; returns the steps' ms.
   */
  async loadRegion(base: string, names: string[]): Promise<{ opfsBytes: number; instantiateMs: number; summaryMs: number; summaryRestMs: number; studentRowsMs: number; studentRows: number; schoolResults: number }> {
    const opfsBytes = await seedOpfs(base, names);
    await region?.close();
    regionStore = await requireStore();
    const t0 = performance.now();
    region = await createBrowserEngine();
    const t1 = performance.now();
    regionManifest = (await readManifest(regionStore))!;
    const summary = await loadSummary(region, regionStore, regionManifest);
    const t2 = performance.now();
    await summary.loadRest();
    const t25 = performance.now();
    await loadStudentRows(region, regionStore, regionManifest);
    const t3 = performance.now();
    const n = async (t: string) => (await region!.query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${t}`))[0]!.n;
    return { opfsBytes, instantiateMs: t1 - t0, summaryMs: t2 - t1, summaryRestMs: t25 - t2, studentRowsMs: t3 - t25, studentRows: await n('student_results'), schoolResults: await n('school_results') };
  },
  /**
   * What `changed()` does after one import, one removal and one goal edit at region scale: `saveSplit`
   * into OPFS after importing `rows` student rows of new schools, after removing that import, then
   * after changing a goal's target.
   * Only `saveSplit` is timed; returns its ms and what it wrote.
   */
  async saveRegion(rows: number): Promise<{
    importMs: number;
    afterImport: { ms: number; written: string[]; bytes: number };
    afterRemoval: { ms: number; written: string[]; bytes: number };
    afterGoalEdit: { ms: number; written: string[]; bytes: number };
  }> {
    const engine = region!;
    const head = 'year,procedure,subject,grade,school_id,class,student_code,variant,primary_score,max_score,mark,journal_mark,test_score,absent\n';
    const body = Array.from({ length: rows }, (_, i) => `2025,ВПР,Математика,4,${999000 + (i % 40)},4а,bench${i},1,${i % 21},20,${2 + (i % 4)},4,,0`).join('\n');
    const t0 = performance.now();
    const r = await importFile(engine, 'bench-one-import.csv', new TextEncoder().encode(head + body + '\n'));
    const importMs = performance.now() - t0;
    if (r.status !== 'ok') throw new Error(`bench import: ${JSON.stringify(r.problems.slice(0, 3))}`);
    const save = async () => {
      const t = performance.now();
      const out = await saveSplit(engine, regionStore!, regionManifest!);
      const ms = performance.now() - t;
      regionManifest = out.manifest;
      let bytes = 0;
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('workspace');
      for (const f of out.written) bytes += (await (await dir.getFileHandle(f)).getFile()).size;
      return { ms, written: out.written, bytes };
    };
    const afterImport = await save();
    await removeImport(engine, r.importId!);
    const afterRemoval = await save();
    // A goal's target edited on «Цели»: no later table changes, so their file is kept.
    await engine.exec('UPDATE goals SET target = target + 1 WHERE goal_id = (SELECT min(goal_id) FROM goals)');
    const afterGoalEdit = await save();
    return { importMs, afterImport, afterRemoval, afterGoalEdit };
  },
  /**
   * The SQL each page runs on a full refresh after a filter change, at region scale: the overview,
   * the schools table for every year, a school's trend for `schools` schools. Each query is run
   * `repeat` times (the engine has no result cache; the app's cache is by SQL text, so a filter
   * change always misses it). Returns every timing by query kind.
   */
  async pageQueries(repeat: number, schools: number, filters: Record<string, unknown>): Promise<Record<string, number[]>> {
    const engine = region!;
    const out: Record<string, number[]> = { overview: [], schoolsTable: [], schoolTrend: [] };
    const time = async (kind: string, sql: string) => {
      const t0 = performance.now();
      await engine.query(sql);
      out[kind]!.push(performance.now() - t0);
    };
    const years = (await engine.query<{ year: number }>(`SELECT DISTINCT year::INTEGER AS year FROM school_results WHERE procedure = 'ВПР' ORDER BY 1`)).map((r) => r.year);
    const ids = (await engine.query<{ id: string }>(`SELECT school_id AS id FROM schools ORDER BY hash(school_id) LIMIT ${schools}`)).map((r) => r.id);
    for (let i = 0; i < repeat; i++) {
      await time('overview', q.overviewSql!(filters));
      for (const y of years) await time('schoolsTable', q.schoolsTableSql!('ВПР', y, filters));
      for (const id of ids) await time('schoolTrend', q.schoolTrendSql!(id, filters));
    }
    return out;
  },
};

declare global {
  interface Window {
    __bench: typeof bench;
  }
}
window.__bench = bench;
document.getElementById('status')!.textContent = 'bench ready';
