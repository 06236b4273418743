import { sqlIdent, sqlString } from '../core/text.ts';
import type { Engine } from './engine.ts';
import { migrate } from './migrate.ts';
import { inTransaction } from './transaction.ts';

/** Tables a workspace carries (all canonical data; views are rebuilt by migrations). */
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

/** Everything a workspace file carries. */
export const WORKSPACE_TABLES = ['imports', ...DATA_TABLES, ...SETTINGS_TABLES] as const;

const MAGIC = 'ORIENTIR-WORKSPACE 1\n';

interface Header {
  schemaVersion: number;
  tables: Array<{ name: string; rows: number; bytes: number }>;
}

/**
 * Writes every canonical table into one workspace file: a magic line, a JSON header line, then
 * each table as CSV written by DuckDB itself (full precision, `\N` for NULL), so reading it back
 * gives the same values. Used by the command line's `--db` file and the app's workspace export.
 */
export async function saveWorkspace(engine: Engine): Promise<Uint8Array> {
  const header: Header = { schemaVersion: await schemaVersion(engine), tables: [] };
  const blobs: Uint8Array[] = [];
  for (const name of WORKSPACE_TABLES) {
    const file = engine.scratchPath(`workspace_${name}.csv`);
    await engine.exec(`COPY (SELECT * FROM ${sqlIdent(name)}) TO ${sqlString(file)} (FORMAT csv, HEADER true, NULLSTR '\\N')`);
    const bytes = await engine.readFile(file);
    const rows = (await engine.query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${sqlIdent(name)}`))[0]?.n ?? 0;
    header.tables.push({ name, rows, bytes: bytes.length });
    blobs.push(bytes);
  }
  const head = new TextEncoder().encode(MAGIC + JSON.stringify(header) + '\n');
  const out = new Uint8Array(head.length + blobs.reduce((s, b) => s + b.length, 0));
  out.set(head, 0);
  let at = head.length;
  for (const b of blobs) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/**
 * Replaces all data with a workspace file's, in one transaction: a broken file changes nothing.
 * Throws an Error with a Russian message when the file is not a workspace.
 */
export async function loadWorkspace(engine: Engine, bytes: Uint8Array): Promise<void> {
  const magic = new TextEncoder().encode(MAGIC);
  if (bytes.length < magic.length || magic.some((b, i) => bytes[i] !== b)) {
    throw new Error('Файл не является рабочей областью Ориентира (нет подписи ORIENTIR-WORKSPACE).');
  }
  const header = readHeader(bytes, magic.length);
  await migrate(engine);
  let at = header.dataStart;
  await inTransaction(engine, async () => {
    for (const t of header.tables) {
      if (!(WORKSPACE_TABLES as readonly string[]).includes(t.name)) throw new Error(`Неизвестная таблица в рабочей области: ${t.name}`);
      const file = `workspace_in_${t.name}.csv`;
      await engine.registerFile(file, bytes.slice(at, at + t.bytes));
      at += t.bytes;
      try {
        const cols = await engine.query<{ column_name: string; data_type: string }>(
          `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ${sqlString(t.name)} AND table_schema = 'main' ORDER BY ordinal_position`,
        );
        const spec = cols.map((c) => `${sqlString(c.column_name)}: ${sqlString(c.data_type)}`).join(', ');
        await engine.exec(`DELETE FROM ${sqlIdent(t.name)}`);
        await engine
          .exec(`INSERT INTO ${sqlIdent(t.name)} SELECT * FROM read_csv(${sqlString(file)}, header = true, auto_detect = false,
          delim = ',', quote = '"', escape = '"', nullstr = '\\N', columns = {${spec}})`)
          .catch((e: unknown) => {
            const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
            throw new Error(`Рабочая область повреждена: таблица ${t.name} не читается (${reason}).`);
          });
        const n = (await engine.query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${sqlIdent(t.name)}`))[0]?.n ?? 0;
        if (n !== t.rows) throw new Error(`Рабочая область повреждена: в таблице ${t.name} ${n} строк вместо ${t.rows}.`);
      } finally {
        await engine.dropFile(file);
      }
    }
  });
}

/**
 * The JSON header after the magic line, checked before anything is touched: known tables, row and
 * byte counts that are whole numbers, and data exactly as long as the header says (a truncated or
 * padded file is refused here). Throws a Russian message.
 */
function readHeader(bytes: Uint8Array, from: number): Header & { dataStart: number } {
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
    if (!(WORKSPACE_TABLES as readonly string[]).includes(t.name)) throw new Error(`Неизвестная таблица в рабочей области: ${t.name}. Данные не изменены.`);
  }
  const expected = header.tables.reduce((sum, t) => sum + t.bytes, 0);
  const actual = bytes.length - (newline + 1);
  if (expected !== actual) throw broken(`данных ${actual} байт вместо ${expected} (файл обрезан или дополнен)`);
  return { ...header, dataStart: newline + 1 };
}

async function schemaVersion(engine: Engine): Promise<number> {
  return (await engine.query<{ v: number }>('SELECT max(version)::INTEGER AS v FROM schema_version'))[0]?.v ?? 0;
}
