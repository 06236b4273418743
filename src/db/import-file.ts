import { decodedFromText, decodeFile, decodeText, looksBinary } from '../core/decode.ts';
import { MAX_LISTED_PROBLEMS, type ImportProblem } from '../core/import-problem.ts';
import { LAYOUTS } from '../core/layouts/index.ts';
import { contextFromTitle } from '../core/layouts/context-from-title.ts';
import { decimalComma } from '../core/layouts/decimal-comma.ts';
import { matchFromMapping, type ColumnMapping } from '../core/layouts/mapping.ts';
import { recogniseLayout, type LayoutMatch } from '../core/layouts/recognise.ts';
import { cleanCell, needsCleaning, num, text, typeViolation } from '../core/layouts/sql-expr.ts';
import type { FieldType, ImportContext, Layout } from '../core/layouts/types.ts';
import { sha256Hex } from '../core/sha256.ts';
import { sniffDialect, unclosedQuoteLine, type Dialect } from '../core/sniff.ts';
import { mergeStatements, newSlicesSql, noStudentRowsSql, refreshAfterMergeStatements, TARGET_COLUMNS } from '../core/sql/merge.ts';
import { canonicalSubject } from '../core/subjects.ts';
import { isSchoolNumberSql, schoolIdSql } from '../core/school-id.ts';
import { sqlIdent, sqlString } from '../core/text.ts';
import type { Engine } from './engine.ts';
import { blankRowSql, MISSING_SCALE, REFUSED, streamPlan, typedCsvRead, type StreamPlan } from './import-stream.ts';
import { inTransaction } from './transaction.ts';

/** Stages an import goes through, named for the progress bar. */
export type ImportStage = 'reading' | 'recognising' | 'checking' | 'saving';

/** What happened to one file. */
export interface ImportSummary {
  file: string;
  status: 'ok' | 'duplicate' | 'failed';
  /** Russian name of the recognised format. */
  format?: string;
  rows: number;
  importId?: number;
  problems: ImportProblem[];
  /** Problems found beyond the listed ones. */
  more: number;
  /** Context values (year, subject, grade…) the user must give for this file to import. */
  needs?: Array<keyof ImportContext>;
  /** True when the user cancelled the import (nothing was written). */
  cancelled?: boolean;
  /** When no layout fits: the first rows as read, for a column-mapping dialog. */
  preview?: string[][];
}

export interface ImportOptions {
  /** Year, procedure, subject, grade given by the user when the file does not say. */
  context?: ImportContext;
  onStage?: (stage: ImportStage) => void;
  /** Clock for `imports.imported_at` (tests pass a fixed one). */
  now?: () => Date;
  /** Cancels the import at the next stage boundary; once saving has begun it completes. */
  signal?: AbortSignal;
  /** The user's column mapping for a file no layout recognises (see core/layouts/mapping.ts). */
  mapping?: ColumnMapping;
  /** Largest file accepted, in bytes (default MAX_IMPORT_BYTES); larger ones are refused unread. */
  maxBytes?: number;
  /**
   * Called before each merge of results or scales with SQL giving the (year, procedure, subject,
   * grade) slices it will touch: the merge replaces and re-aggregates the student rows of those
   * slices, so every saved row of them must be in `student_results` when this resolves (the app
   * loads the saved files that have them). The SQL may fail on a file the merge will refuse.
   */
  beforeMerge?: (slices: string) => Promise<void>;
}

/** Merges into these touch the student rows (or their analytics) of the slices they bring. */
const SLICE_TARGETS: ReadonlySet<string> = new Set(['student_results', 'school_results', 'school_results_report', 'grading_scales']);
/** The slices a staged `norm` brings. */
const NORM_SLICES = 'SELECT DISTINCT year, procedure, subject, grade FROM norm';

/** Files larger than this (512 MiB) are refused before any parsing: the browser could not hold them. */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

/** A byte count as Russian users read it: «64 байт», «0,2 КБ», «12,5 МБ». */
function formatBytes(n: number): string {
  if (n < 1024) return `${n} байт`;
  const [value, unit] = n < 1024 ** 2 ? [n / 1024, 'КБ'] : n < 1024 ** 3 ? [n / 1024 ** 2, 'МБ'] : [n / 1024 ** 3, 'ГБ'];
  return `${(Math.round(value * 10) / 10).toString().replace('.', ',')} ${unit}`;
}

/** A file checked and staged, ready to merge: nothing in the canonical tables has changed yet. */
interface Staged {
  layout: Layout;
  rows: number;
  sha256: string;
  /** The id `norm.import_id` already holds (fast path); otherwise merge sets it. */
  importId?: number;
  /**
   * Fast path for student rows that need nothing but their own columns: no `norm` is built; this
   * SELECT (for an import id) checks and normalises the rows of `fast`, and mergeDirect inserts it
   * straight into `student_results`, checking the rest inside its transaction.
   */
  direct?: (importId: number) => string;
  /** Checks run after `direct`'s insert in its transaction (the stream path): rows, or undefined to refuse. */
  verify?: StreamPlan['verify'];
  /** SQL: the slices `direct` inserts (for ImportOptions.beforeMerge). */
  slices?: string;
}

let sequence = 0;

/**
 * Imports one file through the whole pipeline: decode, sniff, recognise, validate, then merge in
 * one transaction. Any problem leaves the database exactly as it was and is returned, not thrown.
 */
export async function importFile(
  engine: Engine,
  fileName: string,
  bytes: Uint8Array,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  let sheet: string | undefined;
  let text: string | undefined;
  const fail = (problems: ImportProblem[], more = 0, format?: string): ImportSummary => ({
    file: fileName,
    status: 'failed',
    rows: 0,
    problems: problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => (sheet && !p.sheet ? { ...p, sheet } : p)),
    more: more + Math.max(0, problems.length - MAX_LISTED_PROBLEMS),
    ...(format ? { format } : {}),
  });
  const cancelled = (): ImportSummary => ({
    ...fail([{ file: fileName, expected: 'завершение импорта', value: 'импорт отменён пользователем', hint: 'Данные не изменены.' }]),
    cancelled: true,
  });
  options.onStage?.('reading');
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  if (bytes.length > maxBytes) {
    return fail([{
      file: fileName,
      value: `файл ${formatBytes(bytes.length)}`,
      expected: `файл не больше ${formatBytes(maxBytes)}`,
      hint: 'Разделите выгрузку на части (например, по предметам или муниципалитетам) и импортируйте их по очереди.',
    }]);
  }
  if (bytes.length === 0) {
    return fail([{ file: fileName, expected: 'таблица с заголовком и строками данных', value: 'пустой файл (0 байт)', hint: 'Выгрузите файл заново.' }]);
  }
  // Web Crypto hashes off the main thread: the workbook read or the decoding below runs meanwhile.
  const hashing = sha256Hex(bytes);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const table = await readWorkbook(bytes);
    if (!table.ok) return fail([{ file: fileName, ...table.problem }]);
    ({ sheet, csv: text } = table.value);
  } else if (looksBinary(bytes)) {
    return fail([{ file: fileName, expected: 'текстовая таблица CSV', value: 'двоичные данные', hint: 'Проверьте, что выбран файл выгрузки, а не архив или документ.' }]);
  }
  const decoded = text !== undefined ? decodedFromText(text) : decodeFile(bytes);
  // What the engine reads, made while the hash is computed (unused only when the import stops early).
  const utf8 = decoded.utf8();
  const sha256 = await hashing;
  const previous = await engine.query<{ id: number; file_name: string }>(
    `SELECT id, file_name FROM imports WHERE sha256 = ${sqlString(sha256)} AND status = 'ok' LIMIT 1`,
  );
  if (previous[0]) {
    return { file: fileName, status: 'duplicate', rows: 0, importId: previous[0].id, problems: [], more: 0 };
  }

  if (options.signal?.aborted) return cancelled();
  options.onStage?.('recognising');
  const nul = decoded.contains('\u0000') ? decoded.text().indexOf('\u0000') : -1;
  if (nul >= 0) {
    return fail([{
      file: fileName,
      row: lineAt(decoded.text(), nul),
      value: 'нулевой байт (NUL) в тексте',
      expected: 'текстовая таблица без нулевых байтов',
      hint: 'Файл повреждён или это не текст: выгрузите его заново.',
    }]);
  }
  const dialect = sniffDialect(decoded.head);
  // The scan walks every character; without a quote in the file there is nothing to find.
  const unclosed = decoded.contains('"') ? unclosedQuoteLine(decoded.text(), dialect.delimiter) : undefined;
  if (unclosed !== undefined) {
    return fail([{
      file: fileName,
      row: unclosed,
      value: 'значение в кавычках не закрыто или после закрывающей кавычки идёт текст',
      expected: 'значение в кавычках: "…", сразу за ним — разделитель или конец строки',
      hint: 'Файл обрезан или в нём лишняя кавычка: выгрузите его заново или уберите кавычку.',
    }]);
  }
  const recognised = recogniseLayout(dialect.rows, LAYOUTS);
  let match = recognised.match;
  if (options.mapping) {
    const mapped = matchFromMapping(options.mapping, dialect.rows[options.mapping.headerRow] ?? []);
    if (!mapped.match) {
      return fail([{ file: fileName, expected: 'сопоставление всех обязательных столбцов', value: `не сопоставлены: ${mapped.missing.map((m) => `«${m}»`).join(', ')}` }]);
    }
    match = mapped.match;
  }
  if (!match) return { ...fail([unrecognised(fileName, recognised.closest)]), preview: dialect.rows.slice(0, 12) };
  const context = resolveContext(match, dialect.rows, fileName, options.context ?? {});
  if (!context.ok) return { ...fail(context.problems), ...(context.needs.length ? { needs: context.needs } : {}) };

  const id = ++sequence;
  const virtualName = `import_${id}_${Date.now()}.csv`;
  await engine.registerFile(virtualName, utf8);
  try {
    if (options.signal?.aborted) return cancelled();
    options.onStage?.('checking');
    const now = options.now?.() ?? new Date();
    const beforeSaving = () => {
      if (options.signal?.aborted) return false;
      options.onStage?.('saving');
      return true;
    };
    const touch = (slices: string) => (options.beforeMerge && SLICE_TARGETS.has(match.layout.target) ? options.beforeMerge(slices) : Promise.resolve());
    const stream = streamPlan(virtualName, dialect.delimiter, dialect.rows, match);
    if (stream) {
      await touch(stream.slices);
      const direct = await mergeDirect(engine, { layout: match.layout, rows: 0, sha256, direct: stream.insert, verify: stream.verify }, fileName, now, beforeSaving);
      if (direct === 'cancelled') return cancelled();
      if (direct !== 'refused') return { file: fileName, status: 'ok', format: match.layout.title, rows: direct.rows, importId: direct.id, problems: [], more: 0 };
    }
    let staged = await stage(engine, virtualName, dialect, match, context.value, fileName, sha256);
    if (!staged.ok) return fail(staged.problems, staged.more, match.layout.title);
    let importId: number | undefined;
    if (staged.value.direct) {
      await touch(staged.value.slices!);
      const direct = await mergeDirect(engine, staged.value, fileName, now, beforeSaving);
      if (direct === 'cancelled') return cancelled();
      if (direct === 'refused') {
        await engine.exec('DROP TABLE IF EXISTS fast; DROP TABLE IF EXISTS subject_map;');
        staged = await stageText(engine, virtualName, dialect.delimiter, match, context.value, fileName, sha256);
        if (!staged.ok) return fail(staged.problems, staged.more, match.layout.title);
      } else importId = direct.id;
    }
    if (importId === undefined) {
      if (options.signal?.aborted) return cancelled();
      await touch(NORM_SLICES);
      if (options.signal?.aborted) return cancelled();
      options.onStage?.('saving');
      importId = await merge(engine, staged.value, fileName, now);
    }
    return { file: fileName, status: 'ok', format: match.layout.title, rows: staged.value.rows, importId, problems: [], more: 0 };
  } finally {
    await engine.exec('DROP TABLE IF EXISTS norm; DROP TABLE IF EXISTS src; DROP TABLE IF EXISTS stg; DROP TABLE IF EXISTS fast; DROP TABLE IF EXISTS subject_map;');
    await engine.dropFile(virtualName);
  }
}

type WorkbookResult =
  | { ok: true; value: { sheet: string; csv: string } }
  | { ok: false; problem: Omit<ImportProblem, 'file'> };

/** Reads a workbook with the xlsx reader, loaded only when the first workbook arrives. */
async function readWorkbook(bytes: Uint8Array): Promise<WorkbookResult> {
  const { workbookToTable } = await import('../core/xlsx-table.ts');
  try {
    const table = workbookToTable(bytes);
    if (!table.sheet || table.csv.trim() === '') {
      return { ok: false, problem: { expected: 'лист с таблицей', value: 'в книге нет листов с данными', hint: 'Откройте файл в Excel и проверьте, что таблица на месте.' } };
    }
    return { ok: true, value: table };
  } catch (e) {
    return {
      ok: false,
      problem: {
        expected: 'книга Excel (xlsx)',
        value: `файл повреждён или это не xlsx (${e instanceof Error ? e.message : String(e)})`,
        hint: 'Сохраните файл заново в Excel как «Книга Excel (*.xlsx)».',
      },
    };
  }
}

/** Target table order for a batch: reference data first, so results find their scales and schools. */
const TARGET_ORDER = [
  'grading_scales',
  'schools',
  'school_categories',
  'objectivity_lists',
  'risk_profiles',
  'risk_indicators',
  'roadmap_events',
  'school_results',
  'student_results',
];

/**
 * Orders a batch of files for import by what they hold (recognised from the header only):
 * grading scales, then schools and categories, then results. Unrecognised files go last, where
 * their import reports them.
 */
export function orderForImport<T extends { name: string; bytes: Uint8Array }>(files: readonly T[]): T[] {
  const rank = (f: T) => {
    if (f.bytes.length === 0 || looksBinary(f.bytes)) return TARGET_ORDER.length;
    const { match } = recogniseLayout(sniffDialect(decodeText(headOf(f.bytes)).text).rows, LAYOUTS);
    const rank = match ? TARGET_ORDER.indexOf(match.layout.target) : -1;
    return rank < 0 ? TARGET_ORDER.length : rank;
  };
  return files
    .map((f) => ({ f, r: rank(f) }))
    .sort((a, b) => a.r - b.r || a.f.name.localeCompare(b.f.name))
    .map((x) => x.f);
}

/** The 1-based line of a character offset in text. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The first 256 KiB cut at a line end, so a multi-byte character is never split. */
function headOf(bytes: Uint8Array): Uint8Array {
  const limit = 256 * 1024;
  if (bytes.length <= limit) return bytes;
  const end = bytes.lastIndexOf(0x0a, limit);
  return bytes.subarray(0, end > 0 ? end : limit);
}

function unrecognised(file: string, closest: LayoutMatch | undefined): ImportProblem {
  if (closest) {
    return {
      file,
      row: closest.headerRow + 1,
      expected: `заголовок формата «${closest.layout.title}»`,
      value: `нет столбцов: ${closest.missing.map((m) => `«${m}»`).join(', ')}`,
      hint: 'Добавьте недостающие столбцы или переименуйте их как в шаблоне.',
    };
  }
  return {
    file,
    expected: 'выгрузка ФИС ОКО / РЦОИ или шаблон Ориентира',
    value: 'формат не распознан: ни одна из первых 30 строк не похожа на заголовок известного формата',
    hint: 'Проверьте, что это таблица результатов, или скачайте шаблон на странице «Данные».',
  };
}

type Resolved = { ok: true; value: Required<ImportContext> } | { ok: false; problems: ImportProblem[]; needs: Array<keyof ImportContext> };

/** Year, subject, grade and procedure from the user, then the title rows, then the file name. */
function resolveContext(match: LayoutMatch, rows: string[][], fileName: string, given: ImportContext): Resolved {
  const titles = rows.slice(0, match.headerRow).flat().join(' ');
  const fromTitle = contextFromTitle(titles);
  const fromName = contextFromTitle(fileName);
  const ctx: ImportContext = { ...fromName, ...fromTitle, ...given };
  const problems: ImportProblem[] = [];
  const needs: Array<keyof ImportContext> = [];
  if (ctx.subject !== undefined) {
    const canonical = canonicalSubject(ctx.subject);
    if (!canonical) {
      problems.push({ file: fileName, expected: 'известный предмет', value: ctx.subject, hint: 'Укажите предмет вручную.' });
      needs.push('subject');
    } else ctx.subject = canonical;
  }
  const labels: Record<keyof ImportContext, string> = { year: 'год', subject: 'предмет', grade: 'класс', procedure: 'процедуру' };
  for (const need of match.layout.needs) {
    if (ctx[need] === undefined) {
      needs.push(need);
      problems.push({
        file: fileName,
        expected: `${labels[need]} работы в заголовке или имени файла`,
        value: `не удалось определить ${labels[need]}`,
        hint: 'Укажите его при импорте (в командной строке: --year, --subject, --grade).',
      });
    }
  }
  if (problems.length) return { ok: false, problems, needs };
  return { ok: true, value: { procedure: 'ВПР', year: 0, subject: '', grade: 0, ...ctx } };
}

type StageResult = { ok: true; value: Staged } | { ok: false; problems: ImportProblem[]; more: number };

/**
 * Stages a file: the fast path first (typed read, set-based checks); when it cannot vouch for the
 * file — a value that does not read as its type, any failed check, any SQL error — the text path
 * runs, which finds every problem and describes it row by row.
 */
async function stage(
  engine: Engine,
  virtualName: string,
  { delimiter, rows }: Dialect,
  match: LayoutMatch,
  ctx: Required<ImportContext>,
  fileName: string,
  sha256: string,
): Promise<StageResult> {
  let fast: Staged | undefined;
  try {
    fast = await stageFast(engine, virtualName, delimiter, rows, match, ctx, sha256);
  } catch {
    fast = undefined;
  }
  if (fast) return { ok: true, value: fast };
  await engine.exec('DROP TABLE IF EXISTS norm; DROP TABLE IF EXISTS fast; DROP TABLE IF EXISTS subject_map;');
  return stageText(engine, virtualName, delimiter, match, ctx, fileName, sha256);
}

/** Field types the fast path reads straight into DOUBLE columns. */
const NUMERIC_TYPES: ReadonlySet<FieldType> = new Set(['integer', 'number', 'year', 'grade']);

/**
 * The fast path: one typed `read_csv` into `fast` (numbers parsed by the CSV reader, no auto-detect,
 * errors not ignored; text cells cleaned on the way, only those that need it), the subject map, then
 * `norm` in one statement that also checks every row (it raises an error at the first row failing a
 * field or row check), then one scan of `norm` counting its rows, the rows without a grading scale
 * and the distinct keys. Returns undefined as soon as anything is off: the text path then reports it. It
 * never accepts a file the text path would refuse, and builds the same `norm`.
 */
async function stageFast(
  engine: Engine,
  virtualName: string,
  delimiter: string,
  previewRows: readonly (readonly string[])[],
  match: LayoutMatch,
  ctx: Required<ImportContext>,
  sha256: string,
): Promise<Staged | undefined> {
  const { layout } = match;
  const width = Math.max(...Object.values(match.columns)) + 1;
  const firstLine = match.headerRow + 2;
  const select = layout.select(ctx, match.header);
  const present = layout.fields.filter((s) => match.columns[s.field] !== undefined);
  const fieldChecks = present.flatMap((spec) => [...(spec.required && !spec.allowEmpty ? [`${text(spec.field)} IS NULL`] : []), ...(typeViolation(spec) ? [typeViolation(spec)!.when] : [])]);
  const rowChecks = layoutChecks(match).map((c) => c.when);
  const keys = (layout.uniqueKey ?? []).map((k) => (k in select ? select[k]! : text(k)));
  const all = [...Object.values(select), ...fieldChecks, ...rowChecks, ...keys].join('\n');
  const numbered = layout.fields.filter((spec) => all.includes(num(spec.field))).map((spec) => spec.field);
  const toNum = (sql: string) => numbered.reduce((acc, field) => acc.replaceAll(num(field), `src.${sqlIdent(`${field}__num`)}`), sql);
  // A numeric field is read typed when the SQL only ever asks for its number or whether it is
  // empty; its text (e.g. in a concatenation) would differ from the file's spelling.
  const nullTests = (sql: string, field: string) =>
    sql.replaceAll(`${text(field)} IS NULL`, `src.${sqlIdent(`${field}__num`)} IS NULL`).replaceAll(`${text(field)} IS NOT NULL`, `src.${sqlIdent(`${field}__num`)} IS NOT NULL`);
  const typedFields = new Set(
    present.filter((spec) => NUMERIC_TYPES.has(spec.type) && !nullTests(toNum(all), spec.field).includes(text(spec.field))).map((s) => s.field),
  );
  const textFields = present.filter((s) => !typedFields.has(s.field)).map((s) => s.field);
  // A school id that is already a bare number of 3+ digits is the value itself: the regexp runs
  // only on the others (the same result: the first run of 3+ digits).
  const idFields = textFields.filter((f) => all.includes(schoolIdSql(text(f))));
  const bareId = (x: string) => `CASE WHEN ${isSchoolNumberSql(x)} THEN ${x} ELSE ${schoolIdSql(x)} END`;
  const rewrite = (sql: string) =>
    [...typedFields].reduce((acc, field) => nullTests(acc, field), toNum(idFields.reduce((acc, f) => acc.replaceAll(schoolIdSql(text(f)), bareId(text(f))), sql)));

  const byColumn = new Map(present.map((spec) => [match.columns[spec.field]!, spec]));
  const types = Array.from({ length: width }, (_, i) => (typedFields.has(byColumn.get(i)?.field ?? '') ? 'DOUBLE' : 'VARCHAR'));
  // Text cells as cleanCell leaves them; the cleaning runs only on the cells that need it (empty,
  // padded, with a no-break space), the rest are taken as read.
  const cleaned = (c: string) => `CASE WHEN ${needsCleaning(c)} THEN ${cleanCell(c)} ELSE ${c} END`;
  const cells = present.map((spec) => {
    const c = `c${match.columns[spec.field]}`;
    return typedFields.has(spec.field) ? `${c} AS ${sqlIdent(`${spec.field}__num`)}` : `${cleaned(c)} AS ${sqlIdent(spec.field)}`;
  });
  const absent = layout.fields.filter((s) => match.columns[s.field] === undefined).map((s) => `NULL::VARCHAR AS ${sqlIdent(s.field)}`);
  const probe = match.columns[(present.find((s) => s.required) ?? present[0])!.field]!;
  const blank = blankRowSql(types, probe);
  const numCols = numbered.filter((f) => !typedFields.has(f)).map((f) => `, ${num(f)} AS ${sqlIdent(`${f}__num`)}`).join('');
  const read = typedCsvRead(virtualName, delimiter, match.headerRow + 1, types, decimalComma(previewRows, match, typedFields, delimiter));
  // The cleaned cells go into a table first: the same expressions straight over `read_csv` in the
  // statement building `norm` measured slower than writing the table and reading it back.
  // Line numbers (file order) come from its rowids, so the blank lines stay in it, flagged, when
  // something needs them: layouts whose SQL reads `_line`, and merges that keep a repeated key's last line.
  const withLines = layout.target !== 'student_results' || all.includes('_line');
  await engine.exec(`CREATE TEMP TABLE fast AS SELECT *${numCols} FROM (SELECT ${[...cells, ...absent].join(', ')}${withLines ? `, (${blank}) AS _blank` : ''}
    FROM ${read}${withLines ? '' : ` WHERE NOT (${blank})`}) src`);
  // Rows of `fast` follow file order (insertion order is kept), as in the text path's `stg`.
  const rows = withLines ? `(SELECT rowid + ${firstLine} AS _line, * FROM fast WHERE NOT _blank)` : 'fast';

  const hasSubject = layout.fields.some((s) => s.field === 'subject');
  if (hasSubject) {
    const raw = await engine.query<{ raw: string }>(`SELECT DISTINCT subject AS raw FROM ${rows} src WHERE subject IS NOT NULL`);
    const known = raw.map((r) => ({ raw: r.raw, canonical: canonicalSubject(r.raw) }));
    if (known.some((k) => !k.canonical)) return undefined;
    await engine.exec(subjectMapSql(known.map((k) => ({ raw: k.raw, canonical: k.canonical! }))));
  }

  const importId = await nextImportId(engine);
  const refusals = [...fieldChecks, ...rowChecks].map(rewrite);
  const id = refusals.length
    ? `CASE WHEN ${refusals.map((c) => `(${c})`).join(' OR ')} THEN error(${sqlString(REFUSED)}) ELSE ${importId} END::INTEGER`
    : `${importId}::INTEGER`;
  const list = Object.entries(select).map(([col, expr]) => `${rewrite(expr)} AS ${sqlIdent(col)}`);
  // Student rows made of student_results columns only need no `norm`: the merge inserts them
  // straight from `fast` (writing a million rows twice was ~0.6 s of the import).
  const studentColumns = TARGET_COLUMNS.student_results;
  if (!withLines && layout.target === 'student_results' && sourceColumns(layout) === ''
    && Object.keys(select).length === studentColumns.length && studentColumns.every((c) => c in select)
    && (layout.uniqueKey ?? []).every((k) => k in select)) {
    const [source] = await engine.query<{ n: number }>('SELECT count(*)::DOUBLE AS n FROM fast');
    if (!source || source.n === 0) return undefined;
    const guard = (n: number) => (refusals.length
      ? `CASE WHEN ${refusals.map((c) => `(${c})`).join(' OR ')} THEN error(${sqlString(REFUSED)}) ELSE ${n} END::INTEGER`
      : `${n}::INTEGER`);
    const byColumn = Object.fromEntries(list.map((expr, i) => [Object.keys(select)[i]!, expr]));
    return {
      layout,
      rows: source.n,
      sha256,
      slices: `SELECT DISTINCT ${['year', 'procedure', 'subject', 'grade'].map((c) => byColumn[c]!).join(', ')} FROM fast src${joins(layout, select, rewrite)}`,
      direct: (n) => `INSERT INTO student_results (${[...studentColumns, 'import_id'].join(', ')})
        SELECT ${studentColumns.map((c) => byColumn[c]!).join(', ')}, ${guard(n)} AS import_id
        FROM fast src${joins(layout, select, rewrite)}`,
    };
  }
  // Any failed check aborts the statement (the caller then takes the text path).
  await engine.exec(`CREATE TEMP TABLE norm AS SELECT ${withLines ? 'src._line AS _line, ' : ''}${list.join(', ')}${sourceColumns(layout)}, ${id} AS import_id
    FROM ${rows} src${joins(layout, select, rewrite)}`);

  // Duplicate keys are counted by hashes: a collision only sends the file to the text path, which
  // compares the values themselves.
  const onNorm = (layout.uniqueKey ?? []).every((k) => k in select);
  const distinct = layout.uniqueKey?.length && onNorm ? `count(DISTINCT hash(${layout.uniqueKey.map((k) => sqlIdent(k)).join(', ')}))` : 'count(*)';
  const missing = layout.target === 'student_results' ? `count_if(${MISSING_SCALE})` : '0';
  const [agg] = await engine.query<{ n: number; m: number; d: number }>(
    `SELECT count(*)::DOUBLE AS n, ${missing}::DOUBLE AS m, ${distinct}::DOUBLE AS d FROM norm`,
  );
  // The rows the file has (a layout may turn one into several of `norm`, e.g. one per marker).
  const [source] = await engine.query<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM ${rows} src`);
  if (!agg || !source || source.n === 0 || agg.m !== 0 || agg.d !== agg.n) return undefined;
  if (layout.uniqueKey?.length && !onNorm) {
    const [dup] = await engine.query<{ n: number }>(
      `SELECT count(*)::DOUBLE AS n FROM (SELECT 1 FROM ${rows} src${joins(layout, select, rewrite)} GROUP BY ${keys.map(rewrite).join(', ')} HAVING count(*) > 1)`,
    );
    if (dup?.n !== 0) return undefined;
  }
  await engine.exec('DROP TABLE fast');
  return { layout, rows: source.n, sha256, importId };
}

/** The joins every layout's SQL may use: `subj` (canonical subject) and `scale` (grading scale of the row). */
function joins(layout: Layout, select: Record<string, string>, typed: (sql: string) => string): string {
  const subject = layout.fields.some((s) => s.field === 'subject') ? ' LEFT JOIN subject_map subj ON subj.raw = src.subject' : '';
  const withScale = layout.target === 'student_results' || layout.target === 'school_results';
  const scale = withScale
    ? ` LEFT JOIN grading_scales scale ON scale.procedure = ${typed(select.procedure!)} AND scale.year = ${typed(select.year!)}
        AND scale.subject = ${typed(select.subject!)} AND scale.grade = ${typed(select.grade!)}`
    : '';
  return subject + scale;
}

/** The source fields the merge describes the schools it creates with (results layouts only). */
function schoolSourceFields(layout: Layout): string[] {
  if (layout.target !== 'student_results' && layout.target !== 'school_results') return [];
  return ['login', 'municipality'].filter((f) => layout.fields.some((s) => s.field === f));
}

/** `norm` columns `_src_<field>`: the cleaned source text of schoolSourceFields, for the merge. */
function sourceColumns(layout: Layout): string {
  return schoolSourceFields(layout).map((f) => `, ${text(f)} AS ${sqlIdent(`_src_${f}`)}`).join('');
}

/** A layout's row checks: the fixed ones, then those its recognised header adds. */
function layoutChecks(match: LayoutMatch): NonNullable<Layout['checks']> {
  return [...(match.layout.checks ?? []), ...(match.layout.headerChecks?.(match.header) ?? [])];
}

/** `subject_map`: each spelling of a subject in the file → its canonical name. */
function subjectMapSql(known: Array<{ raw: string; canonical: string }>): string {
  const values = known.map((k) => `(${sqlString(k.raw)}, ${sqlString(k.canonical)})`);
  return `CREATE TEMP TABLE subject_map (raw VARCHAR, canonical VARCHAR)${values.length ? `; INSERT INTO subject_map VALUES ${values.join(', ')}` : ''}`;
}

/** The id the next import gets (merge re-checks it inside its transaction). */
async function nextImportId(engine: Engine): Promise<number> {
  return (await engine.query<{ id: number }>('SELECT (COALESCE(max(id), 0) + 1)::INTEGER AS id FROM imports'))[0]!.id;
}


/** Loads the rows as text into `stg`, cleans them into `src`, checks everything, builds `norm`. */
async function stageText(
  engine: Engine,
  virtualName: string,
  delimiter: string,
  match: LayoutMatch,
  ctx: Required<ImportContext>,
  fileName: string,
  sha256: string,
): Promise<StageResult> {
  const { layout } = match;
  const width = Math.max(...Object.values(match.columns)) + 1;
  const columns = Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const load = (parallel: boolean) =>
    engine.exec(`CREATE TEMP TABLE stg AS SELECT * FROM read_csv(${sqlString(virtualName)},
    delim = ${sqlString(delimiter)}, quote = '"', escape = '"', header = false, skip = ${match.headerRow + 1},
    columns = {${columns}}, auto_detect = false, null_padding = true, strict_mode = false, ignore_errors = false${parallel ? '' : ', parallel = false'})`);
  try {
    try {
      await load(true);
    } catch (e) {
      // DuckDB's parallel reader refuses line breaks inside quoted values together with null_padding.
      if (!String(e instanceof Error ? e.message : e).includes('parallel=false')) throw e;
      await engine.exec('DROP TABLE IF EXISTS stg');
      await load(false);
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
    return {
      ok: false,
      problems: [{
        file: fileName,
        ...(line ? { row: Number(line) } : {}),
        value: `таблицу не удалось прочитать (${message.split('\n')[0]})`,
        expected: 'таблица CSV с одинаковым разделителем и закрытыми кавычками',
        hint: 'Откройте файл в Excel и сохраните заново как «CSV (разделители — точка с запятой)».',
      }],
      more: 0,
    };
  }
  // Data lines start right after the header line; rowid follows file order (insertion order is kept).
  const firstLine = match.headerRow + 2;
  const fieldCols = layout.fields
    .filter((s) => match.columns[s.field] !== undefined)
    .map((s) => `${cleanCell(`c${match.columns[s.field]}`)} AS ${sqlIdent(s.field)}`);
  const absentFields = layout.fields.filter((s) => match.columns[s.field] === undefined).map((s) => `NULL::VARCHAR AS ${sqlIdent(s.field)}`);
  // Every field read as a number somewhere (checks, types, select) gets its number computed once,
  // as a column of `src`; `typed()` points the expressions at it instead of re-parsing the text.
  const select = layout.select(ctx, match.header);
  const sqlOverSrc = [
    ...Object.values(select),
    ...layoutChecks(match).map((c) => c.when),
    ...layout.fields.map((spec) => typeViolation(spec)?.when ?? ''),
  ].join('\n');
  const numbered = layout.fields.filter((spec) => sqlOverSrc.includes(num(spec.field))).map((spec) => spec.field);
  const typed = (sql: string) => numbered.reduce((acc, field) => acc.replaceAll(num(field), `src.${sqlIdent(`${field}__num`)}`), sql);
  const numCols = numbered.map((field) => `, ${num(field)} AS ${sqlIdent(`${field}__num`)}`).join('');
  // Cleaned once into a table: every check below reads it, and cleaning (regexes) is the costly part.
  await engine.exec(`CREATE TEMP TABLE src AS SELECT *${numCols} FROM (SELECT rowid + ${firstLine} AS _line, ${[...fieldCols, ...absentFields].join(', ')}
    FROM stg WHERE NOT (${Array.from({ length: width }, (_, i) => `COALESCE(trim(c${i}), '') = ''`).join(' AND ')})) src`);
  const rows = (await engine.query<{ n: number }>('SELECT count(*)::DOUBLE AS n FROM src'))[0]?.n ?? 0;
  if (rows === 0) {
    return { ok: false, problems: [{ file: fileName, row: match.headerRow + 1, expected: 'строки данных под заголовком', value: 'только заголовок' }], more: 0 };
  }

  const problems: ImportProblem[] = [];
  let more = 0;
  const report = async (checks: Check[], from: string) => {
    const found = await failingChecks(engine, checks, from);
    for (const { check, count } of found) {
      const room = MAX_LISTED_PROBLEMS - problems.length;
      if (room <= 0) {
        more += count;
        continue;
      }
      const lines = await engine.query<{ line: number; value: string | null }>(
        `SELECT ${from === 'norm' ? '' : 'src.'}_line::DOUBLE AS line, (${check.value})::VARCHAR AS value FROM ${from} WHERE ${check.when} ORDER BY 1 LIMIT ${room}`,
      );
      for (const r of lines) {
        problems.push({ file: fileName, row: r.line, column: check.label, value: r.value ?? '', expected: check.expected, ...(check.hint ? { hint: check.hint } : {}) });
      }
      more += count - lines.length;
    }
  };

  const fieldChecks: Check[] = [];
  for (const spec of layout.fields) {
    if (match.columns[spec.field] === undefined) continue;
    if (spec.required && !spec.allowEmpty) fieldChecks.push({ when: `${text(spec.field)} IS NULL`, label: spec.label, value: `''`, expected: 'непустое значение' });
    const v = typeViolation(spec);
    if (v) fieldChecks.push({ when: typed(v.when), label: spec.label, value: text(spec.field), expected: v.expected });
  }
  await report(fieldChecks, 'src');

  if (layout.fields.some((s) => s.field === 'subject')) {
    const raw = await engine.query<{ raw: string; line: number }>(
      `SELECT subject AS raw, min(_line)::DOUBLE AS line FROM src WHERE subject IS NOT NULL GROUP BY subject`,
    );
    const known = raw.map((r) => ({ ...r, canonical: canonicalSubject(r.raw) }));
    for (const k of known.filter((k) => !k.canonical)) {
      problems.push({ file: fileName, row: k.line, column: 'предмет', value: k.raw, expected: 'название предмета, например «Математика» или «Русский язык»' });
    }
    await engine.exec(subjectMapSql(known.filter((k) => k.canonical).map((k) => ({ raw: k.raw, canonical: k.canonical! }))));
  }
  if (problems.length) return { ok: false, problems, more };

  const from = `src${joins(layout, select, typed)}`;
  const rowChecks: Check[] = layoutChecks(match).map((c) => ({
    when: typed(c.when),
    label: layout.fields.find((s) => s.field === c.column)?.label ?? c.column,
    value: text(c.value),
    expected: c.expected,
  }));
  if (layout.uniqueKey?.length) {
    const key = layout.uniqueKey.map((k) => (k in select ? typed(select[k]!) : text(k))).join(', ');
    rowChecks.push({
      // Counted by a hash aggregate; the window that finds the lines runs only when there are duplicates.
      count: `SELECT COALESCE(sum(c), 0)::DOUBLE AS n FROM (SELECT count(*) AS c FROM ${from} GROUP BY ${key} HAVING count(*) > 1)`,
      when: `src._line IN (SELECT _line FROM (SELECT src._line AS _line, count(*) OVER (PARTITION BY ${key}) AS c FROM ${from}) WHERE c > 1)`,
      label: layout.uniqueKey.map((k) => layout.fields.find((s) => s.field === k)?.label ?? k).join(' + '),
      value: `concat_ws(' | ', ${key})`,
      expected: 'строка встречается в файле один раз',
      hint: 'Уберите повторяющиеся строки.',
    });
  }
  await report(rowChecks, from);
  if (problems.length) return { ok: false, problems, more };

  const list = Object.entries(select).map(([col, expr]) => `${typed(expr)} AS ${sqlIdent(col)}`);
  await engine.exec(`CREATE TEMP TABLE norm AS SELECT _line, ${list.join(', ')}${sourceColumns(layout)}, NULL::INTEGER AS import_id FROM ${from}`);
  if (layout.target === 'student_results') {
    await report(
      [
        {
          when: MISSING_SCALE,
          label: 'отметка',
          value: `concat(procedure, ' ', year, ', ', subject, ', ', grade, ' класс')`,
          expected: 'шкала перевода баллов в отметки для этой работы',
          hint: 'Добавьте шкалу на странице «Данные» (файл шкал) или укажите отметку в файле.',
        },
      ],
      'norm',
    );
  }
  if (problems.length) return { ok: false, problems, more };
  return { ok: true, value: { layout, rows, sha256 } };
}

/** A row check: an SQL condition true for bad rows, and how to report them. */
interface Check {
  when: string;
  /** SQL giving the failing row count as `n`, when cheaper than counting `when` row by row. */
  count?: string;
  label: string;
  value: string;
  expected: string;
  hint?: string;
}

/** Counts the rows failing each check in one scan; only checks with failures come back, in order. */
async function failingChecks(engine: Engine, checks: Check[], from: string): Promise<Array<{ check: Check; count: number }>> {
  if (checks.length === 0) return [];
  const scanned = checks.filter((c) => c.count === undefined);
  const [counts] = scanned.length
    ? await engine.query<Record<string, number>>(`SELECT ${scanned.map((c, i) => `count_if(${c.when})::DOUBLE AS k${i}`).join(', ')} FROM ${from}`)
    : [];
  const found: Array<{ check: Check; count: number }> = [];
  for (const check of checks) {
    const count = check.count === undefined
      ? counts?.[`k${scanned.indexOf(check)}`] ?? 0
      : (await engine.query<{ n: number }>(check.count))[0]?.n ?? 0;
    if (count > 0) found.push({ check, count });
  }
  return found;
}

/** Whether the slices of `norm` hold no student rows but the `inserted` import's (newSlicesSql). */
async function slicesAreNew(engine: Engine, inserted?: number): Promise<boolean> {
  for (const sql of [noStudentRowsSql(inserted), newSlicesSql(inserted)]) {
    if ((await engine.query<{ fresh: boolean }>(sql))[0]?.fresh === true) return true;
  }
  return false;
}

/** DuckDB errors a row's values cause (the checks' own error() among them). */
const REFUSED_BY_DATA = new RegExp(`${REFUSED}|Conversion Error|Out of Range Error|Invalid Input Error|NOT NULL constraint failed`);

/** Why mergeDirect stopped: a row the text path must report, or the user's cancel. */
class DirectStop extends Error {
  constructor(readonly reason: 'refused' | 'cancelled') {
    super(reason);
  }
}

/**
 * The merge of a file the fast path left as a SELECT (Staged.direct): in one transaction, its rows
 * go straight into `student_results` (a failed check aborts the insert), `norm` becomes a view of
 * them, the counts the fast path checks on `norm` are checked, then the merge goes on as merge()
 * does. 'refused': rolled back, the text path must stage the file; 'cancelled': rolled back before
 * saving was announced (`beforeSaving` returned false).
 */
async function mergeDirect(
  engine: Engine,
  staged: Staged,
  fileName: string,
  now: Date,
  beforeSaving: () => boolean,
): Promise<{ id: number; rows: number } | 'refused' | 'cancelled'> {
  const { layout } = staged;
  try {
    return await inTransaction(engine, async () => {
      const id = await nextImportId(engine);
      try {
        await engine.exec(staged.direct!(id));
      } catch (e) {
        // A row the checks refuse, or a value no cast takes: the text path reports it. Any other
        // failure is the merge's and fails the import, as in merge() — but for the stream path,
        // whose statement reads the file itself: any of its errors may be the file's (the CSV
        // reader's own), so the other paths take the file and say what is wrong with it.
        if (staged.verify || REFUSED_BY_DATA.test(e instanceof Error ? e.message : String(e))) throw new DirectStop('refused');
        throw e;
      }
      let rows = staged.rows;
      if (staged.verify) {
        const verified = await staged.verify(engine, id);
        if (verified === undefined) throw new DirectStop('refused');
        rows = verified;
      }
      await engine.exec(`CREATE TEMP VIEW norm AS SELECT * FROM student_results WHERE import_id = ${id}`);
      if (!staged.verify) {
        const keys = (layout.uniqueKey ?? []).map((k) => sqlIdent(k)).join(', ');
        const [agg] = await engine.query<{ n: number; m: number; d: number }>(
          `SELECT count(*)::DOUBLE AS n, count_if(${MISSING_SCALE})::DOUBLE AS m, ${keys ? `count(DISTINCT hash(${keys}))` : 'count(*)'}::DOUBLE AS d FROM norm`,
        );
        // Duplicate keys counted by hashes, as in stageFast.
        if (!agg || agg.m !== 0 || agg.d !== agg.n) throw new DirectStop('refused');
      }
      if (!beforeSaving()) throw new DirectStop('cancelled');
      const fresh = await slicesAreNew(engine, id);
      for (const sql of mergeStatements(layout.target, { refresh: false, inserted: id })) await engine.exec(sql);
      await engine.exec(`INSERT INTO schools (school_id, login, name, municipality, region, import_id)
        SELECT n.school_id, NULL, NULL, NULL, NULL, ${id} FROM norm n
        WHERE n.school_id NOT IN (SELECT school_id FROM schools) GROUP BY n.school_id`);
      for (const sql of refreshAfterMergeStatements(layout.target, fresh ? { importId: id } : {})) await engine.exec(sql);
      await engine.exec('DROP VIEW norm');
      const ts = now.toISOString().replace('T', ' ').replace('Z', '');
      await engine.exec(`INSERT INTO imports VALUES (${id}, ${sqlString(fileName)}, ${sqlString(staged.sha256)},
        ${sqlString(layout.title)}, ${rows}, TIMESTAMP ${sqlString(ts)}, 'ok', NULL)`);
      return { id, rows };
    });
  } catch (e) {
    if (e instanceof DirectStop) return e.reason;
    throw e;
  }
}

/** Merges `norm` into its table and records the import, all in one transaction. */
async function merge(engine: Engine, staged: Staged, fileName: string, now: Date): Promise<number> {
  const { layout } = staged;
  return inTransaction(engine, async () => {
    const id = await nextImportId(engine);
    if (id !== staged.importId) await engine.exec(`UPDATE norm SET import_id = ${id}`);
    const fresh = layout.target === 'student_results' && (await slicesAreNew(engine));
    for (const sql of mergeStatements(layout.target, { refresh: false })) await engine.exec(sql);
    if (layout.target === 'student_results' || layout.target === 'school_results') {
      const source = schoolSourceFields(layout);
      const from = (f: string) => (source.includes(f) ? `any_value(n.${sqlIdent(`_src_${f}`)})` : 'NULL');
      await engine.exec(`INSERT INTO schools (school_id, login, name, municipality, region, import_id)
        SELECT n.school_id, ${from('login')}, NULL, ${from('municipality')}, NULL, ${id}
        FROM norm n
        WHERE n.school_id NOT IN (SELECT school_id FROM schools) GROUP BY n.school_id`);
    }
    // After the stub schools: the roll-ups take each school's municipality from `schools`.
    for (const sql of refreshAfterMergeStatements(layout.target, fresh ? { importId: id } : {})) await engine.exec(sql);
    const ts = now.toISOString().replace('T', ' ').replace('Z', '');
    await engine.exec(`INSERT INTO imports VALUES (${id}, ${sqlString(fileName)}, ${sqlString(staged.sha256)},
      ${sqlString(layout.title)}, ${staged.rows}, TIMESTAMP ${sqlString(ts)}, 'ok', NULL)`);
    return id;
  });
}
