import { DERIVED_TABLES } from '../core/sql/derived.ts';
import { refreshDerived } from './derived.ts';
import type { Engine } from './engine.ts';
import { sqlIdent, sqlString } from '../core/text.ts';
import {
  bytesSource,
  insertCsvSql,
  loadWorkspace,
  loadWorkspaceTables,
  readWorkspaceLayout,
  workspaceParts,
  schemaColumnSpecs,
  csvPart,
  WORKSPACE_TABLES,
  type WorkspaceSource,
} from './workspace.ts';

/**
 * Where a split workspace lives: a flat folder of whole files (the browser's OPFS folder, or a
 * directory on disk for tests and the benchmark). A write replaces the whole file.
 */
export interface FileStore {
  /** The file's bytes, or null when there is no such file. */
  read(name: string): Promise<Uint8Array | null>;
  /** Writes the bytes, or the parts in order, never joined (a generator's parts are let go once written: a big file is never held whole). */
  write(name: string, bytes: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<void>;
  /** Writes a small file so that a reader sees either the old content or the new, never a mix. */
  writeAtomic(name: string, bytes: Uint8Array): Promise<void>;
  remove(name: string): Promise<void>;
  list(): Promise<string[]>;
  /** Makes a stored file readable by SQL under `as`, without reading it into memory where it can. */
  register(engine: Engine, name: string, as: string): Promise<void>;
  /** A stored workspace file whose tables SQL reads where they lie, where it can; null when there is no such file. */
  source?(name: string): Promise<WorkspaceSource | null>;
}

/**
 * The summary's heavy tables, loaded after the pages appear (`loadSummaryRest`): per-school results
 * and the per-school analytics. Everything else — the overview's roll-up `slice_results`, schools,
 * categories, scales, settings — comes first. Queries of these tables wait for them (src/state/gated-engine.ts).
 */
export const LATER_TABLES: readonly string[] = ['school_results', ...DERIVED_TABLES.filter((t) => t !== 'slice_results')];

/** One import's student rows, kept in a file of their own. */
export interface StudentFile {
  /** `imports.id` of the rows (null for rows without an import, kept all the same). */
  importId: number | null;
  /** The import's identity: an id reused after a removal names another import. */
  identity: string;
  rows: number;
  file: string;
  /**
   * The (year, procedure, subject, grade) slices the file has rows of, as `year|procedure|subject|grade`:
   * an import into other slices needs none of its rows (the app then leaves them unloaded).
   * Absent in manifests written before: any import then needs every file.
   */
  slices?: string[];
}

/** A (year, procedure, subject, grade) slice of results. */
export type Slice = {
  year: number;
  procedure: string;
  subject: string;
  grade: number;
};

/** A slice's key in StudentFile.slices. */
export function sliceKey(s: Slice): string {
  return `${s.year}|${s.procedure}|${s.subject}|${s.grade}`;
}

/**
 * The files of `files` that a change of the student rows of `slices` (SQL naming year, procedure,
 * subject, grade) needs in memory, so that it replaces, removes and re-aggregates every row of
 * those slices: the files with rows of them, the files of import `importId` (a removal), and the
 * files that do not say which slices they have — all of them when `slices` does not read.
 */
export async function studentFilesTouching(
  engine: Engine,
  files: readonly StudentFile[],
  slices: string,
  importId?: number,
): Promise<StudentFile[]> {
  let keys: Set<string>;
  try {
    keys = new Set(
      (await engine.query<Slice>(`SELECT DISTINCT year, procedure, subject, grade FROM (${slices})`)).map(sliceKey),
    );
  } catch {
    // Slices that do not read (the merge will refuse the file): all of them, to be safe.
    return [...files];
  }
  return files.filter((f) => !f.slices || f.importId === importId || f.slices.some((k) => keys.has(k)));
}

/**
 * The small file written last: it names the summary and the student files of one consistent
 * state. Until a save has written it, the previous manifest (and its files) is the workspace.
 */
export interface Manifest {
  format: typeof FORMAT;
  generation: number;
  summary: string;
  /**
   * LATER_TABLES in files of their own, one per year, each with the fingerprint of its rows: a
   * save rewrites only the years whose rows changed (an import of one year's results rewrites that
   * year; a goal, a target or a setting none) instead of hundreds of megabytes. Absent in manifests
   * written before: their summary holds every table.
   */
  later?: LaterFile[];
  students: StudentFile[];
}

/** One year of LATER_TABLES (`year` null: their rows without a year). */
export interface LaterFile {
  year: number | null;
  file: string;
  fingerprint: string;
}

const FORMAT = 'orientir-split 1';
/** The manifest's name in the store. */
export const MANIFEST = 'manifest.json';

/**
 * Saves the workspace as a summary (every table but `student_results`, the workspace file
 * format) and one CSV of student rows per import, then the manifest naming them. Only student
 * files whose rows changed are written: a new import, or an older one whose slice a newer import
 * replaced (its row count went down; rows of an import are never added to later). The previous
 * state's files stay until the new manifest is written; `collectGarbage` removes them after.
 * Returns the new manifest and what was written.
 */
export async function saveSplit(
  engine: Engine,
  store: FileStore,
  previous: Manifest | null,
  options: {
    /**
     * Student files of `previous` whose rows were never loaded: they are as saved (nothing that
     * changes student rows ran on their slices), so they are kept without comparing — their rows
     * are not in `student_results`, not gone from it.
     */
    keep?: ReadonlySet<string>;
  } = {},
): Promise<{ manifest: Manifest; written: string[]; kept: string[] }> {
  const unloaded = (previous?.students ?? []).filter((f) => options.keep?.has(f.file));
  const generation = (previous?.generation ?? 0) + 1;
  const summary = `summary-${generation}.orientir`;
  const written: string[] = [];
  const kept: string[] = [];
  await store.write(summary, await workspaceParts(engine, { except: ['student_results', ...LATER_TABLES] }));
  written.push(summary);
  const later: LaterFile[] = [];
  for (const { year, fingerprint } of await laterFingerprints(engine)) {
    const same = previous?.later?.find((p) => p.year === year && p.fingerprint === fingerprint);
    if (same) {
      later.push(same);
      kept.push(same.file);
      continue;
    }
    const file = `later-${year ?? 'none'}-${generation}.orientir`;
    const where = year === null ? 'year IS NULL' : `year = ${year}`;
    await store.write(file, await workspaceParts(engine, { except: WORKSPACE_TABLES.filter((t) => !LATER_TABLES.includes(t)), where }));
    written.push(file);
    later.push({ year, file, fingerprint });
  }
  const inMemory = await engine.query<{ import_id: number | null; identity: string; n: number }>(
    `SELECT s.import_id, concat_ws('|', s.import_id, i.sha256, i.imported_at::VARCHAR, i.file_name) AS identity, s.n
     FROM (SELECT import_id, count(*)::DOUBLE AS n FROM student_results GROUP BY import_id) s
     LEFT JOIN imports i ON i.id = s.import_id
     ORDER BY s.import_id NULLS FIRST`,
  );
  // Rows of an import whose file is kept unread would be saved twice or lost: refuse to save.
  const clash = inMemory.find((s) => unloaded.some((f) => f.importId === s.import_id));
  if (clash) throw new Error(`Сохранение остановлено: строки импорта ${clash.import_id ?? 'без номера'} в памяти, а его файл не загружен.`);
  const students: StudentFile[] = [...unloaded];
  kept.push(...unloaded.map((f) => f.file));
  const slicesOf = async (importId: number | null) =>
    (await engine.query<Slice>(
      `SELECT DISTINCT year, procedure, subject, grade FROM student_results WHERE ${importId === null ? 'import_id IS NULL' : `import_id = ${importId}`}`,
    )).sort((a, b) => (sliceKey(a) < sliceKey(b) ? -1 : 1));
  for (const s of inMemory) {
    const same = previous?.students.find((p) => p.importId === s.import_id && p.identity === s.identity && p.rows === s.n);
    if (same) {
      // Written before files had their slices: the rows are in memory now, so add them.
      students.push(same.slices ? same : { ...same, slices: (await slicesOf(s.import_id)).map(sliceKey) });
      kept.push(same.file);
      continue;
    }
    const file = `students-${s.import_id ?? 'none'}-${generation}.csv`;
    const where = s.import_id === null ? 'import_id IS NULL' : `import_id = ${s.import_id}`;
    const slices = await slicesOf(s.import_id);
    await store.write(file, studentCsvParts(engine, where, slices, s.n, `split_${file}`));
    written.push(file);
    students.push({ importId: s.import_id, identity: s.identity, rows: s.n, file, slices: slices.map(sliceKey) });
  }
  students.sort((a, b) => (a.importId ?? -1) - (b.importId ?? -1));
  const manifest: Manifest = { format: FORMAT, generation, summary, later, students };
  await store.writeAtomic(MANIFEST, new TextEncoder().encode(JSON.stringify(manifest)));
  return { manifest, written, kept };
}

/**
 * The student rows `where` picks as one workspace CSV, written a slice at a time: a year of a
 * region's rows (~50 MB of CSV) would otherwise be held whole several times over at once —
 * DuckDB's output, the worker's copy, the page's. Throws if the parts do not add up to `rows`.
 */
async function* studentCsvParts(engine: Engine, where: string, slices: readonly Slice[], rows: number, scratch: string): AsyncGenerator<Uint8Array> {
  let written = 0;
  for (const [i, s] of slices.entries()) {
    const slice = `year = ${Math.trunc(s.year)} AND procedure = ${sqlString(s.procedure)} AND subject = ${sqlString(s.subject)} AND grade = ${Math.trunc(s.grade)}`;
    const part = await csvPart(engine, `SELECT * FROM student_results WHERE ${where} AND ${slice}`, `${scratch}_${i}`, i === 0);
    written += part.rows;
    yield part.bytes;
  }
  if (written !== rows) throw new Error(`Сохранение остановлено: записано ${written} строк учеников вместо ${rows}.`);
}

/**
 * What LATER_TABLES hold, year by year: each table's row count and the sum of its rows' hashes
 * (order does not matter; any changed, added or removed row changes it). One scan of each table,
 * far cheaper than writing them.
 */
async function laterFingerprints(engine: Engine): Promise<Array<{ year: number | null; fingerprint: string }>> {
  const present = new Set(
    (await engine.query<{ t: string }>(`SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'main'`)).map((r) => r.t),
  );
  const tables = LATER_TABLES.filter((t) => present.has(t));
  const parts = tables.map(
    (t) => `SELECT ${sqlString(t)} AS t, year, concat(count(*), ':', sum(hash(x))) AS f FROM ${sqlIdent(t)} x GROUP BY year`,
  );
  const rows = await engine.query<{ t: string; year: number | null; f: string }>(parts.join(' UNION ALL '));
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => (a ?? -1) - (b ?? -1));
  return years.map((year) => ({
    year,
    fingerprint: tables.map((t) => `${t}:${rows.find((r) => r.t === t && r.year === year)?.f ?? '0'}`).join('|'),
  }));
}

/** Removes every file of the store the manifest does not name (left by earlier states or an interrupted save). */
export async function collectGarbage(store: FileStore, manifest: Manifest): Promise<string[]> {
  const keep = new Set([MANIFEST, manifest.summary, ...(manifest.later ?? []).map((l) => l.file), ...manifest.students.map((s) => s.file)]);
  const removed: string[] = [];
  for (const name of await store.list()) {
    if (keep.has(name)) continue;
    try {
      await store.remove(name);
      removed.push(name);
    } catch {
      // Another tab may be reading it; the next save tries again.
    }
  }
  return removed;
}

/** The store's manifest, checked; null when there is none. Throws a Russian message when it is broken. */
export async function readManifest(store: FileStore): Promise<Manifest | null> {
  const bytes = await store.read(MANIFEST);
  if (!bytes) return null;
  const broken = new Error('Сохранённая рабочая область повреждена: список её файлов не читается.');
  let m: Manifest;
  try {
    m = JSON.parse(new TextDecoder().decode(bytes)) as Manifest;
  } catch {
    throw broken;
  }
  const whole = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  const name = (s: unknown) => typeof s === 'string' && /^[\w.-]+$/.test(s) && s !== MANIFEST;
  if (
    !m || m.format !== FORMAT || !whole(m.generation) || !name(m.summary) || !Array.isArray(m.students) ||
    (m.later !== undefined &&
      !(Array.isArray(m.later) && m.later.every((l) => l && (l.year === null || whole(l.year)) && name(l.file) && typeof l.fingerprint === 'string'))) ||
    !m.students.every((s) => s && (s.importId === null || whole(s.importId)) && typeof s.identity === 'string' && whole(s.rows) && name(s.file)
      && (s.slices === undefined || (Array.isArray(s.slices) && s.slices.every((k) => typeof k === 'string'))))
  ) {
    throw broken;
  }
  return m;
}

/** What `loadSummary` loaded, and how to load the rest of the summary. */
export interface LoadedSummary {
  /** The summary predates the derived tables: recompute them once the student rows are in. */
  derivedMissing: boolean;
  /** Tables still to load (LATER_TABLES the summary, or its own file, carries). */
  later: string[];
  /** Loads them, one statement per table and no explicit transaction (the pages query meanwhile). */
  loadRest(): Promise<void>;
}

/**
 * Loads the summary of a saved split workspace, first part: every table but LATER_TABLES and the
 * student rows, in one transaction, after the migrations. The pages can show their first figures
 * after this; `loadRest`, then `loadStudentRows`, bring the rest. `views: false`: see `loadWorkspace`.
 */
export async function loadSummary(engine: Engine, store: FileStore, manifest: Manifest, options: { views?: boolean } = {}): Promise<LoadedSummary> {
  const open = async (file: string) => {
    const source = store.source ? await store.source(file) : await store.read(file).then((b) => (b ? bytesSource(b) : null));
    if (!source) throw new Error(`Сохранённая рабочая область повреждена: нет файла ${file}.`);
    return source;
  };
  const source = await open(manifest.summary);
  const first = WORKSPACE_TABLES.filter((t) => !LATER_TABLES.includes(t));
  const loaded = await loadWorkspace(engine, source, { deferDerived: true, only: first, ...options });
  // Written before LATER_TABLES had a file of their own: the summary holds them too.
  const split = manifest.later !== undefined;
  const rest = split
    ? await Promise.all(manifest.later!.map(async (l) => {
      const file = await open(l.file);
      return { file, layout: await readWorkspaceLayout(file) };
    }))
    : [{ file: source, layout: loaded.layout }];
  // Year files carry every later table (written from the current schema); an older single summary
  // may lack the derived ones (written before they existed): they are recomputed then.
  const later = split ? [...LATER_TABLES] : LATER_TABLES.filter((t) => loaded.tables.includes(t));
  return {
    derivedMissing: !split && DERIVED_TABLES.some((t) => !loaded.tables.includes(t)),
    later,
    loadRest: async () => {
      // Emptied first (a tab taking the workspace over reloads it into its open database), then
      // each year's rows appended.
      for (const t of later) await engine.exec(`DELETE FROM ${sqlIdent(t)}`);
      const specs = schemaColumnSpecs();
      for (const r of rest) await loadWorkspaceTables(engine, r.file, r.layout, later, { specs, empty: new Set(later) });
    },
  };
}

/**
 * Appends every student file of the manifest to `student_results`, one statement per file (so
 * queries of the pages can run between them), each checked against the manifest's row count.
 * Runs without an explicit transaction: the connection is shared with the pages (`between` is
 * awaited before each file, to let their queries go first). A file that does not read back as
 * saved removes what it added and throws a Russian message.
 */
export async function loadStudentRows(
  engine: Engine,
  store: FileStore,
  manifest: Pick<Manifest, 'students'>,
  onProgress: (done: number, total: number) => void = () => {},
  between: () => Promise<void> | void = () => {},
): Promise<void> {
  const total = manifest.students.reduce((s, f) => s + f.rows, 0);
  let done = 0;
  for (const s of manifest.students) {
    await between();
    const as = `split_in_${s.file}`;
    const where = s.importId === null ? 'import_id IS NULL' : `import_id = ${s.importId}`;
    try {
      await store.register(engine, s.file, as);
      const inserted = await engine
        .query<{ Count: number }>(await insertCsvSql(engine, 'student_results', as))
        .catch((e: unknown) => {
          const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
          throw new Error(`Сохранённая рабочая область повреждена: строки учеников (файл ${s.file}) не читаются (${reason}).`);
        });
      const n = Number(inserted[0]?.Count ?? -1);
      const [check] = await engine.query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM student_results WHERE ${where}`);
      if (n !== s.rows || check?.n !== s.rows) {
        await engine.exec(`DELETE FROM student_results WHERE ${where}`);
        throw new Error(`Сохранённая рабочая область повреждена: в файле ${s.file} ${n} строк учеников вместо ${s.rows}.`);
      }
    } finally {
      await engine.dropFile(as).catch(() => undefined);
    }
    done += s.rows;
    onProgress(done, total);
  }
}

/** Loads a whole split workspace at once (summary, student rows, derived tables if the summary lacks them). */
export async function loadSplit(engine: Engine, store: FileStore, manifest: Manifest): Promise<void> {
  const { derivedMissing, loadRest } = await loadSummary(engine, store, manifest);
  await loadRest();
  await loadStudentRows(engine, store, manifest);
  if (derivedMissing) await refreshDerived(engine);
}
