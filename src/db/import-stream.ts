import { markFromScale } from '../core/layouts/canonical.ts';
import { decimalComma } from '../core/layouts/decimal-comma.ts';
import type { LayoutMatch } from '../core/layouts/recognise.ts';
import { fieldBounds, needsCleaning, oneOf } from '../core/layouts/sql-expr.ts';
import { TARGET_COLUMNS } from '../core/sql/merge.ts';
import { isSchoolNumberSql } from '../core/school-id.ts';
import { PROCEDURES, SUBJECTS } from '../core/subjects.ts';
import { sqlIdent, sqlString } from '../core/text.ts';
import type { Engine } from './engine.ts';

/** The message of the `error()` the typed paths raise on the first row they cannot take. */
export const REFUSED = 'orientir: fast path refused';

/**
 * The typed `read_csv` of an import's rows: columns `c0…c<width-1>` of the given types, no
 * auto-detect, errors not ignored (a cell that does not read as its type fails the statement).
 */
export function typedCsvRead(virtualName: string, delimiter: string, skip: number, types: readonly string[], decimal: boolean): string {
  const columns = types.map((t, i) => `'c${i}': '${t}'`).join(', ');
  return `read_csv(${sqlString(virtualName)}, delim = ${sqlString(delimiter)}, quote = '"', escape = '"', header = false,
      skip = ${skip}, columns = {${columns}}, auto_detect = false, null_padding = true, strict_mode = false,
      ignore_errors = false${decimal ? `, decimal_separator = ','` : ''})`;
}

/**
 * SQL: whether a row of typedCsvRead is blank (every cell empty or spaces). A CASE runs its ELSE
 * only on the rows its WHEN leaves (a projection's AND would test every column of every row): one
 * filled column, `probe`, rules a row in.
 */
export function blankRowSql(types: readonly string[], probe: number): string {
  const isBlank = (i: number) => (types[i] === 'VARCHAR' ? `COALESCE(trim(c${i}), '') = ''` : `c${i} IS NULL`);
  return `CASE WHEN NOT ${isBlank(probe)} THEN false ELSE ${types.map((_, i) => isBlank(i)).join(' AND ')} END`;
}

/** A student row with a score but no mark: no grading scale for its slice. */
export const MISSING_SCALE = 'mark IS NULL AND NOT absent AND primary_score IS NOT NULL AND test_score IS NULL';

/** What the stream path does with one file: the insert, then the checks on what it inserted. */
export interface StreamPlan {
  /** INSERT of the file's rows into `student_results` under import id `id`. */
  insert: (id: number) => string;
  /**
   * Run after the insert, in its transaction: fills marks and maximums from the grading scales where
   * the file has none, then checks everything the other paths check. The row count when the rows
   * are exactly what the other paths would have made of the file; undefined otherwise.
   */
  verify: (engine: Engine, id: number) => Promise<number | undefined>;
  /** SQL: the file's (year, procedure, subject, grade) slices, read before the insert. */
  slices: string;
}

/**
 * The stream path for files in the canonical student layout, the bulk format (a region's years of
 * ВПР): rows go from the CSV reader straight into `student_results`, converted but not checked row
 * by row; the checks run afterwards on what was inserted, as aggregates and on the distinct values
 * of the text columns, inside the merge transaction. It takes a file only as it is — canonical
 * subject names, upper-case procedures, numeric school ids, clean cells, 1/0 flags, numeric marks;
 * any other file (or value) is refused, the transaction rolls back, and the fast and text paths take
 * it, so the rows and messages are theirs. Undefined for other layouts.
 */
export function streamPlan(virtualName: string, delimiter: string, previewRows: readonly (readonly string[])[], match: LayoutMatch): StreamPlan | undefined {
  const { layout, columns } = match;
  if (layout.id !== 'canonical-student-results') return undefined;
  const present = layout.fields.filter((s) => columns[s.field] !== undefined);
  const numeric = present.filter((s) => fieldBounds(s) !== undefined);
  const width = Math.max(...Object.values(columns)) + 1;
  const types = Array.from({ length: width }, (_, i) => (numeric.some((s) => columns[s.field] === i) ? 'DOUBLE' : 'VARCHAR'));
  const cell = (field: string) => (columns[field] === undefined ? undefined : `c${columns[field]}`);
  const read = typedCsvRead(virtualName, delimiter, match.headerRow + 1, types, decimalComma(previewRows, match, numeric.map((s) => s.field), delimiter));
  const probe = columns[(present.find((s) => s.required) ?? present[0])!.field]!;

  const as = (field: string, type: string, sql = (c: string) => c) => {
    const c = cell(field);
    return c ? sql(c) : `NULL::${type}`;
  };
  const absent = cell('absent');
  const values: Record<string, string> = {
    year: as('year', 'INTEGER', (c) => `CAST(${c} AS INTEGER)`),
    procedure: as('procedure', 'VARCHAR'),
    subject: as('subject', 'VARCHAR'),
    grade: as('grade', 'INTEGER', (c) => `CAST(${c} AS INTEGER)`),
    school_id: as('school_id', 'VARCHAR'),
    class: as('class', 'VARCHAR', (c) => `lower(${c})`),
    student_code: as('student_code', 'VARCHAR'),
    variant: as('variant', 'VARCHAR'),
    primary_score: as('primary_score', 'DOUBLE'),
    max_score: as('max_score', 'DOUBLE'),
    mark: as('mark', 'TINYINT', (c) => `CAST(${c} AS TINYINT)`),
    journal_mark: as('journal_mark', 'TINYINT', (c) => `CAST(${c} AS TINYINT)`),
    test_score: as('test_score', 'DOUBLE'),
    absent: absent
      ? `CASE WHEN ${absent} IS NULL OR ${absent} = '0' THEN false WHEN ${absent} = '1' THEN true ELSE error(${sqlString(REFUSED)}) END`
      : 'false',
  };
  // Casting a fraction to an integer would round it: whole-number fields are checked before.
  const fractions = numeric.filter((s) => fieldBounds(s)!.whole).map((s) => `${cell(s.field)} <> floor(${cell(s.field)})`);
  const id = (n: number) => (fractions.length ? `CASE WHEN ${fractions.join(' OR ')} THEN error(${sqlString(REFUSED)}) ELSE ${n} END::INTEGER` : `${n}::INTEGER`);
  const studentColumns = TARGET_COLUMNS.student_results;

  const rows = (n: number) => `(SELECT * FROM student_results WHERE import_id = ${n})`;
  const outOfRange = numeric
    .map((s) => {
      const { lo, hi } = fieldBounds(s)!;
      const f = sqlIdent(s.field);
      return `COALESCE(min(${f}) < ${lo} OR max(${f}) > ${hi}, false)`;
    })
    .join(' OR ') || 'false';
  const keys = (layout.uniqueKey ?? []).map((k) => sqlIdent(k)).join(', ');

  return {
    slices: `SELECT DISTINCT ${['year', 'procedure', 'subject', 'grade'].map((c) => `${values[c]} AS ${c}`).join(', ')}
      FROM ${read} WHERE NOT (${blankRowSql(types, probe)})`,
    insert: (n) => `INSERT INTO student_results (${[...studentColumns, 'import_id'].join(', ')})
      SELECT ${studentColumns.map((c) => values[c]!).join(', ')}, ${id(n)}
      FROM ${read} WHERE NOT (${blankRowSql(types, probe)})`,
    async verify(engine, n) {
      const [agg] = await engine.query<{ n: number; d: number; bad: boolean; unscaled: number }>(
        `SELECT count(*)::DOUBLE AS n, count(DISTINCT hash(${keys}))::DOUBLE AS d,
          (${outOfRange}) OR count(*) FILTER (WHERE student_code IS NULL OR ${needsCleaning('student_code')}) > 0
            OR count(*) FILTER (WHERE NOT absent AND primary_score IS NULL AND test_score IS NULL) > 0
            OR count(*) FILTER (WHERE primary_score > max_score) > 0 AS bad,
          count(*) FILTER (WHERE max_score IS NULL OR (mark IS NULL AND primary_score IS NOT NULL))::DOUBLE AS unscaled
        FROM ${rows(n)}`,
      );
      // Duplicate keys are counted by hashes: a collision only sends the file to the other paths.
      if (!agg || agg.n === 0 || agg.bad !== false || agg.d !== agg.n) return undefined;
      const [distinct] = await engine.query<{ bad: number }>(
        `SELECT count(*) FILTER (WHERE g = 15 AND NOT ${oneOf('procedure', PROCEDURES)})
            + count(*) FILTER (WHERE g = 27 AND NOT ${isSchoolNumberSql('school_id')})
            + count(*) FILTER (WHERE g = 23 AND NOT ${oneOf('subject', SUBJECTS)})
            + count(*) FILTER (WHERE g = 29 AND ${needsCleaning('class')}) + count(*) FILTER (WHERE g = 30 AND ${needsCleaning('variant')}) AS bad
        FROM (SELECT procedure, subject, school_id, class, variant, grouping(procedure, subject, school_id, class, variant) AS g
          FROM ${rows(n)} GROUP BY GROUPING SETS ((procedure), (subject), (school_id), (class), (variant)))`,
      );
      if (distinct?.bad !== 0) return undefined;
      if (agg.unscaled > 0) {
        await engine.exec(`UPDATE student_results AS t SET max_score = COALESCE(t.max_score, scale.max_score),
            mark = COALESCE(t.mark, ${markFromScale('t.primary_score')})
          FROM grading_scales scale
          WHERE t.import_id = ${n} AND (t.max_score IS NULL OR (t.mark IS NULL AND t.primary_score IS NOT NULL))
            AND scale.procedure = t.procedure AND scale.year = t.year AND scale.subject = t.subject AND scale.grade = t.grade`);
        const [after] = await engine.query<{ bad: number }>(
          `SELECT count(*) FILTER (WHERE primary_score > max_score OR (${MISSING_SCALE}))::DOUBLE AS bad FROM ${rows(n)}`,
        );
        if (after?.bad !== 0) return undefined;
      }
      return agg.n;
    },
  };
}
