import { concatBytes } from '../core/bytes.ts';
import { DERIVED_TABLES } from '../core/sql/derived.ts';
import { SCHEMA_COLUMNS } from '../core/sql/schema.generated.ts';
import { sqlIdent, sqlString } from '../core/text.ts';
import { refreshDerived } from './derived.ts';
import type { Engine } from './engine.ts';
import { migrate } from './migrate.ts';
import { inTransaction } from './transaction.ts';

/** Tables of imported data: each row carries the `import_id` it came with (removing an import removes them). */
export const DATA_TABLES = [
  'schools',
  'school_categories',
  'grading_scales',
  'student_results',
  'school_results',
  'objectivity_lists',
  'risk_profiles',
  'risk_indicators',
  'roadmap_events',
  'score_distribution',
  'school_context',
] as const;

/** Settings and editable reference data the user may change (seeded by migrations; kept when data is deleted). */
export const SETTINGS_TABLES = ['goals', 'goal_school_targets', 'risk_factors', 'monitoring_settings', 'ege_minimums', 'analytics_settings'] as const;

/**
 * Everything a workspace file carries: the data, the settings and the materialised analytics
 * (DERIVED_TABLES), so opening a workspace does not recompute them from the student rows.
 */
export const WORKSPACE_TABLES: readonly string[] = ['imports', ...DATA_TABLES, ...SETTINGS_TABLES, ...DERIVED_TABLES];

const MAGIC = 'ORIENTIR-WORKSPACE 1\n';

interface Header {
  schemaVersion: number;
  tables: Array<{ name: string; rows: number; bytes: number }>;
}

/** What loading a workspace found. */
export interface LoadedWorkspace {
  /** Names of the tables the file carried. */
  tables: string[];
  /** The file lacked some derived tables (an older file): they were recomputed, or must be when `deferDerived` was asked. */
  derivedMissing: boolean;
}

/**
 * Writes every canonical table into one workspace file: a magic line, a JSON header line, then
 * each table as CSV written by DuckDB itself (full precision, `\N` for NULL), so reading it back
 * gives the same values. Used by the command line's `--db` file; the app saves and exports
 * `workspaceParts` without joining them. `except` leaves tables out (the browser's summary file
 * leaves out `student_results`, kept per import); `where` keeps only the rows it selects (every
 * table written must have the columns it names).
 */
export async function saveWorkspace(engine: Engine, options: { except?: readonly string[]; where?: string } = {}): Promise<Uint8Array> {
  return concatBytes(await workspaceParts(engine, options));
}

/**
 * The bytes of `saveWorkspace`'s file in order — the magic and header line, then each table's
 * CSV — for a store or a Blob to take as they are: joined, a file would be held twice at once
 * (a year of the region's later tables is ~60 MB, an exported region ~800 MB).
 */
export async function workspaceParts(engine: Engine, options: { except?: readonly string[]; where?: string } = {}): Promise<Uint8Array[]> {
  const header: Header = { schemaVersion: await schemaVersion(engine), tables: [] };
  const blobs: Uint8Array[] = [];
  const present = await baseTables(engine);
  // A derived table the schema does not have yet (an older schema) is simply not written.
  const names = WORKSPACE_TABLES.filter((n) => !options.except?.includes(n) && (present.has(n) || !DERIVED_TABLES.includes(n)));
  for (const name of names) {
    const where = options.where ? ` WHERE ${options.where}` : '';
    const bytes = await tableCsv(engine, `SELECT * FROM ${sqlIdent(name)}${where}`, `workspace_${name}.csv`);
    const rows = (await engine.query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${sqlIdent(name)}${where}`))[0]?.n ?? 0;
    header.tables.push({ name, rows, bytes: bytes.length });
    blobs.push(bytes);
  }
  return [new TextEncoder().encode(MAGIC + JSON.stringify(header) + '\n'), ...blobs];
}

/** The rows of `select` as workspace CSV (header, full precision, `\N` for NULL), written by DuckDB. */
export async function tableCsv(engine: Engine, select: string, scratchName: string): Promise<Uint8Array> {
  return (await csvPart(engine, select, scratchName, true)).bytes;
}

/** Like `tableCsv`, with or without the header line (a part after a file's first), and the number of rows. */
export async function csvPart(engine: Engine, select: string, scratchName: string, header: boolean): Promise<{ bytes: Uint8Array; rows: number }> {
  const file = engine.scratchPath(scratchName);
  const [done] = await engine.query<{ Count: number }>(`COPY (${select}) TO ${sqlString(file)} (FORMAT csv, HEADER ${header}, NULLSTR '\\N')`);
  return { bytes: await engine.readFile(file), rows: Number(done?.Count ?? -1) };
}

/**
 * SQL that appends a registered workspace CSV file to `table`, typed by the table's own columns
 * (no type guessing: a value that does not fit fails the statement).
 */
export async function insertCsvSql(engine: Engine, table: string, file: string, specs?: Map<string, string>): Promise<string> {
  const spec = (specs ?? (await columnSpecs(engine))).get(table) ?? '';
  return `INSERT INTO ${sqlIdent(table)} SELECT * FROM read_csv(${sqlString(file)}, header = true, auto_detect = false,
    delim = ',', quote = '"', escape = '"', nullstr = '\\N', columns = {${spec}})`;
}

/**
 * Every table's read_csv `columns` spec in a database `migrate` has brought up to date: the
 * generated schema's, known without asking DuckDB (test/sql/schema.test.ts checks it is the same).
 */
export function schemaColumnSpecs(): Map<string, string> {
  return new Map(Object.entries(SCHEMA_COLUMNS));
}

/** Every table's columns as a read_csv `columns` spec (`'name': 'TYPE', …`), in one query. */
export async function columnSpecs(engine: Engine): Promise<Map<string, string>> {
  const rows = await engine.query<{ t: string; spec: string }>(
    `SELECT table_name AS t, string_agg(concat('''', replace(column_name, '''', ''''''), ''': ''', data_type, ''''), ', ' ORDER BY ordinal_position) AS spec
     FROM information_schema.columns WHERE table_schema = 'main' GROUP BY table_name`,
  );
  return new Map(rows.map((r) => [r.t, r.spec]));
}

/**
 * Where a workspace file's bytes come from: a whole file in memory, or (in the browser) a `File`
 * whose table slices DuckDB reads where they lie.
 */
export interface WorkspaceSource {
  size: number;
  /** Bytes `start`..`end` (only the first line or two are ever read this way). */
  read(start: number, end: number): Promise<Uint8Array>;
  /** Makes bytes `start`..`end` readable by SQL under the virtual file name `as`. */
  register(engine: Engine, as: string, start: number, end: number): Promise<void>;
}

/** A workspace file held in memory. */
export function bytesSource(bytes: Uint8Array): WorkspaceSource {
  return {
    size: bytes.length,
    read: async (start, end) => bytes.subarray(start, end),
    // subarray: the engine copies what it needs; no second copy of the whole file here.
    register: (engine, as, start, end) => engine.registerFile(as, bytes.subarray(start, end)),
  };
}

/** A checked workspace header: where each table's CSV lies in the file. */
export interface WorkspaceLayout {
  schemaVersion: number;
  tables: Array<{ name: string; rows: number; bytes: number; start: number }>;
}

/**
 * Reads and checks a workspace file's signature and header before anything is touched: known
 * tables, whole row and byte counts, data exactly as long as the header says (a truncated or padded
 * file is refused here). Throws a Russian message.
 */
export async function readWorkspaceLayout(source: WorkspaceSource): Promise<WorkspaceLayout> {
  const magic = new TextEncoder().encode(MAGIC);
  const head = await source.read(0, Math.min(source.size, 1 << 20));
  if (head.length < magic.length || magic.some((b, i) => head[i] !== b)) {
    throw new Error('Файл не является рабочей областью Ориентира (нет подписи ORIENTIR-WORKSPACE).');
  }
  const header = readHeader(head, magic.length, source.size);
  let at = header.dataStart;
  return {
    schemaVersion: header.schemaVersion,
    tables: header.tables.map((t) => {
      const start = at;
      at += t.bytes;
      return { ...t, start };
    }),
  };
}

/**
 * Loads the named tables of a checked workspace file (all when `names` is undefined): each table is
 * emptied and filled from its CSV, and its row count checked. Runs in the caller's transaction, if any.
 */
export async function loadWorkspaceTables(
  engine: Engine,
  source: WorkspaceSource,
  layout: WorkspaceLayout,
  names?: readonly string[],
  known?: { specs: Map<string, string>; empty: ReadonlySet<string>; together?: boolean },
): Promise<void> {
  const specs = known?.specs ?? (await columnSpecs(engine));
  // A table known to be empty that the file leaves empty: nothing to do (most tables of a new database).
  const todo = layout.tables.filter((t) => (!names || names.includes(t.name)) && !(t.rows === 0 && known?.empty.has(t.name)));
  const fileOf = (t: { name: string }) => `workspace_in_${t.name}.csv`;
  const loadOne = async (t: (typeof todo)[number]) => {
    if (!known?.empty.has(t.name)) await engine.exec(`DELETE FROM ${sqlIdent(t.name)}`);
    // The table is empty: the rows the INSERT reports are the table's.
    const inserted = await engine.query<{ Count: number }>(await insertCsvSql(engine, t.name, fileOf(t), specs)).catch((e: unknown) => {
      const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      throw new Error(`Рабочая область повреждена: таблица ${t.name} не читается (${reason}).`);
    });
    const n = Number(inserted[0]?.Count ?? -1);
    if (n !== t.rows) throw new Error(`Рабочая область повреждена: в таблице ${t.name} ${n} строк вместо ${t.rows}.`);
  };
  await Promise.all(todo.map((t) => source.register(engine, fileOf(t), t.start, t.start + t.bytes)));
  try {
    // Inside a transaction every statement is sent at once and DuckDB runs them in order: no round
    // trip to the page between tables (a cold start waits for these); the first failure is the one
    // reported, and it fails the transaction. Outside one, a table at a time lets the pages'
    // queries go between them.
    if (known?.together) await Promise.all(todo.map(loadOne));
    else for (const t of todo) await loadOne(t);
  } finally {
    await Promise.all(todo.map((t) => engine.dropFile(fileOf(t)).catch(() => undefined)));
  }
}

/**
 * Replaces all data with a workspace file's, in one transaction: a broken file changes nothing.
 * A data table the file does not carry ends up empty; settings it does not carry keep their
 * values. Derived tables it lacks (a file from before they existed) are recomputed after loading,
 * unless `deferDerived` (the caller loads more data first and recomputes them itself). `only`
 * loads just those tables (the others are left for `loadWorkspaceTables`). `views: false` leaves a
 * new database without its views (the caller creates them with `createViews`).
 * Throws an Error with a Russian message when the file is not a workspace.
 */
export async function loadWorkspace(
  engine: Engine,
  file: Uint8Array | WorkspaceSource,
  options: { deferDerived?: boolean; only?: readonly string[]; views?: boolean } = {},
): Promise<LoadedWorkspace & { layout: WorkspaceLayout }> {
  const source = file instanceof Uint8Array ? bytesSource(file) : file;
  const layout = await readWorkspaceLayout(source);
  const carried = layout.tables.map((t) => t.name);
  // Settings the file brings now replace the seeded ones: a new database is not seeded with them.
  const settingsNow = SETTINGS_TABLES.filter((t) => carried.includes(t) && (!options.only || options.only.includes(t)));
  const applied = await migrate(engine, {
    seedScales: !carried.includes('grading_scales'),
    skipSeed: settingsNow,
    ...(options.views === false ? { views: false } : {}),
  });
  performance.mark('orientir:schema');
  const fresh = applied.some((v) => v === 1);
  const specs = schemaColumnSpecs();
  const derivedMissing = DERIVED_TABLES.some((t) => specs.has(t) && !carried.includes(t));
  // A database the migrations just created holds no data: its data and derived tables, and the
  // settings left unseeded, need no emptying.
  const empty = new Set<string>(fresh ? [...DATA_TABLES, ...DERIVED_TABLES, 'imports', ...settingsNow] : []);
  await inTransaction(engine, async () => {
    for (const t of DATA_TABLES) if (!carried.includes(t) && !empty.has(t)) await engine.exec(`DELETE FROM ${sqlIdent(t)}`);
    await loadWorkspaceTables(engine, source, layout, options.only, { specs, empty, together: true });
    if (derivedMissing && !options.deferDerived && !options.only) await refreshDerived(engine);
  });
  performance.mark('orientir:tables');
  return { tables: carried, derivedMissing, layout };
}

/** The JSON header after the magic line (see readWorkspaceLayout). */
function readHeader(bytes: Uint8Array, from: number, size: number): Header & { dataStart: number } {
  const broken = (why: string) => new Error(`Рабочая область повреждена: ${why}. Данные не изменены.`);
  const newline = bytes.indexOf(0x0a, from);
  if (newline < 0) throw broken('нет заголовка (файл обрезан)');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(from, newline))) as Header;
  } catch {
    throw broken('заголовок не читается');
  }
  const whole = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (!header || !Array.isArray(header.tables) || !header.tables.every((t) => t && typeof t.name === 'string' && whole(t.rows) && whole(t.bytes))) {
    throw broken('заголовок не описывает таблицы');
  }
  for (const t of header.tables) {
    if (!WORKSPACE_TABLES.includes(t.name)) throw new Error(`Неизвестная таблица в рабочей области: ${t.name}. Данные не изменены.`);
  }
  if (new Set(header.tables.map((t) => t.name)).size !== header.tables.length) throw broken('таблица указана дважды');
  const expected = header.tables.reduce((sum, t) => sum + t.bytes, 0);
  const actual = size - (newline + 1);
  if (expected !== actual) throw broken(`данных ${actual} байт вместо ${expected} (файл обрезан или дополнен)`);
  return { ...header, dataStart: newline + 1 };
}

async function schemaVersion(engine: Engine): Promise<number> {
  return (await engine.query<{ v: number }>('SELECT max(version)::INTEGER AS v FROM schema_version'))[0]?.v ?? 0;
}

async function baseTables(engine: Engine): Promise<Set<string>> {
  const rows = await engine.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE'`);
  return new Set(rows.map((r) => r.t));
}
