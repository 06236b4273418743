import type { ImportTarget } from '../layouts/types.ts';
import { type DerivedChange, refreshDerivedStatements, refreshSlicesStatements } from './derived.ts';

/** Columns of each canonical table an import writes, in table order (import_id last). */
export const TARGET_COLUMNS: Record<ImportTarget, readonly string[]> = {
  student_results: [
    'year', 'procedure', 'subject', 'grade', 'school_id', 'class', 'student_code', 'variant',
    'primary_score', 'max_score', 'mark', 'journal_mark', 'test_score', 'absent',
  ],
  school_results: [
    'year', 'procedure', 'subject', 'grade', 'school_id', 'participants', 'n2', 'n3', 'n4', 'n5',
    'mean_score', 'max_score', 'below_min', 'high_scorers', 'journal_n', 'lowered', 'confirmed', 'raised', 'source',
  ],
  schools: ['school_id', 'login', 'name', 'municipality', 'region'],
  school_categories: ['year', 'school_id', 'shnor', 'sssu', 'cohort', 'curator', 'partner_school_id'],
  grading_scales: ['procedure', 'year', 'subject', 'grade', 'max_score', 'min_score_3', 'min_score_4', 'min_score_5', 'source'],
  objectivity_lists: ['year', 'school_id', 'login', 'municipality', 'school_name', 'grade', 'subject'],
  risk_profiles: ['school_id', 'year', 'risk_code', 'level', 'activated'],
  risk_indicators: [
    'school_id', 'year', 'risk_code', 'indicator', 'unit', 'direction', 'baseline', 'target',
    'stage1', 'stage2', 'final', 'evidence1', 'evidence2', 'evidence_final', 'comment',
  ],
  roadmap_events: ['number', 'event', 'deadline_text', 'deadline_date', 'executor', 'indicator', 'target', 'actual', 'status'],
  school_results_report: [
    'year', 'procedure', 'subject', 'grade', 'school_id', 'participants', 'n2', 'n3', 'n4', 'n5',
    'mean_score', 'max_score', 'below_min', 'high_scorers', 'journal_n', 'lowered', 'confirmed', 'raised', 'source',
  ],
  score_distribution: ['year', 'procedure', 'subject', 'grade', 'school_id', 'primary_score', 'students'],
  school_context: ['year', 'school_id', 'settlement', 'students', 'teachers', 'students_ovz', 'classes'],
};

const SLICE = ['year', 'procedure', 'subject', 'grade', 'school_id'];

/** The key whose rows a new import replaces in each table. */
export const REPLACE_KEY: Record<ImportTarget, readonly string[]> = {
  student_results: SLICE,
  school_results: SLICE,
  schools: ['school_id'],
  school_categories: ['year', 'school_id'],
  grading_scales: ['procedure', 'year', 'subject', 'grade'],
  // Long format (one row per marker): a list replaces all rows of each school and year it names.
  objectivity_lists: ['year', 'school_id'],
  // «500+» monitoring: a row replaces the same factor / indicator / numbered roadmap event.
  risk_profiles: ['school_id', 'year', 'risk_code'],
  risk_indicators: ['school_id', 'year', 'risk_code', 'indicator'],
  roadmap_events: ['number'],
  school_results_report: SLICE,
  score_distribution: SLICE,
  school_context: ['year', 'school_id'],
};

const on = (key: readonly string[], a: string, b: string) => key.map((k) => `${a}.${k} = ${b}.${k}`).join(' AND ');

/**
 * Per-school aggregates of student rows: the pre-aggregated table every view reads. Participants
 * are the present students; marks are counted only where any mark exists (ЕГЭ test scores have none).
 */
export function deriveSchoolResultsSql(from: string): string {
  const present = 'NOT absent';
  const withMarks = `count(mark) FILTER (WHERE ${present}) > 0`;
  const n = (m: number) => `CASE WHEN ${withMarks} THEN count(*) FILTER (WHERE ${present} AND mark = ${m}) END::INTEGER`;
  const journal = `${present} AND mark IS NOT NULL AND journal_mark IS NOT NULL`;
  return `SELECT year, procedure, subject, grade, school_id,
    count(*) FILTER (WHERE ${present})::INTEGER AS participants,
    ${n(2)} AS n2, ${n(3)} AS n3, ${n(4)} AS n4, ${n(5)} AS n5,
    avg(COALESCE(test_score, primary_score)) FILTER (WHERE ${present})::DOUBLE AS mean_score,
    CASE WHEN count(test_score) > 0 THEN 100 ELSE max(max_score) END::DOUBLE AS max_score,
    NULL::INTEGER AS below_min,
    CASE WHEN count(test_score) > 0 THEN count(*) FILTER (WHERE ${present} AND test_score >= 81) END::INTEGER AS high_scorers,
    count(*) FILTER (WHERE ${journal})::INTEGER AS journal_n,
    count(*) FILTER (WHERE ${journal} AND mark < journal_mark)::INTEGER AS lowered,
    count(*) FILTER (WHERE ${journal} AND mark = journal_mark)::INTEGER AS confirmed,
    count(*) FILTER (WHERE ${journal} AND mark > journal_mark)::INTEGER AS raised,
    'student_results' AS source,
    max(import_id) AS import_id
  FROM ${from}
  GROUP BY year, procedure, subject, grade, school_id`;
}

/**
 * School rows described by the results file itself: a results layout may add `school_login`,
 * `school_name` and `municipality` to its select (the 2022 protocol reads them from its
 * «Школа» and «Муниципалитет» references). New schools get them here, before the importer's own
 * stub rows (which then skip these schools). `UNION ALL BY NAME` with an empty typed row fills the
 * columns a layout does not add with NULL, so layouts without them insert nothing here.
 */
function schoolsFromResultsSql(): string {
  const described = `(SELECT NULL::VARCHAR AS school_id, NULL::INTEGER AS import_id, NULL::VARCHAR AS school_login,
      NULL::VARCHAR AS school_name, NULL::VARCHAR AS municipality WHERE false
    UNION ALL BY NAME SELECT * FROM norm)`;
  return `INSERT INTO schools (school_id, login, name, municipality, region, import_id)
    SELECT school_id, any_value(school_login), any_value(school_name), any_value(municipality), NULL, any_value(import_id)
    FROM ${described}
    WHERE school_id NOT IN (SELECT school_id FROM schools)
    GROUP BY school_id
    HAVING count(school_name) + count(municipality) > 0`;
}

/**
 * Schools named by an aggregated report (hierarchy rows have no school_id and are skipped): new
 * ones get the login, name and municipality the report gives (any of them may be NULL).
 */
function schoolsFromReportSql(): string {
  const described = `(SELECT NULL::VARCHAR AS school_id, NULL::INTEGER AS import_id, NULL::VARCHAR AS school_login,
      NULL::VARCHAR AS school_name, NULL::VARCHAR AS municipality WHERE false
    UNION ALL BY NAME SELECT * FROM norm)`;
  return `INSERT INTO schools (school_id, login, name, municipality, region, import_id)
    SELECT school_id, any_value(school_login), any_value(school_name), any_value(municipality), NULL, any_value(import_id)
    FROM ${described}
    WHERE school_id IS NOT NULL AND school_id NOT IN (SELECT school_id FROM schools)
    GROUP BY school_id`;
}

/**
 * An aggregated report into `school_results` (ФИС ОКО «Статистика по отметкам» and «Сравнение
 * отметок с отметками по журналу», РЦОИ tables by school). Only rows with a school_id count
 * (hierarchy rows are skipped). A slice that already has a row is updated, never duplicated: each
 * column the report gives (non-NULL) replaces the old value, the others stay — so a journal report
 * fills journal_n, lowered, confirmed, raised of a row from student rows or a marks report, and a
 * later marks report keeps them. A report that gives `participants` takes the row over (source
 * 'file', its import_id); one that does not (the journal report) leaves its owner. A slice without
 * a row gets one (participants = journal_n when the report has no participants).
 */
function schoolResultsReportStatements(): string[] {
  const cols = TARGET_COLUMNS.school_results_report.filter((c) => !SLICE.includes(c) && c !== 'source');
  const rows = '(SELECT * FROM norm WHERE school_id IS NOT NULL)';
  const set = cols.map((c) => `${c} = COALESCE(n.${c}, t.${c})`).join(', ');
  return [
    `UPDATE school_results AS t SET ${set},
      source = CASE WHEN n.participants IS NOT NULL THEN n.source ELSE t.source END,
      import_id = CASE WHEN n.participants IS NOT NULL THEN n.import_id ELSE t.import_id END
    FROM ${rows} n WHERE ${on(SLICE, 't', 'n')}`,
    `INSERT INTO school_results (${[...TARGET_COLUMNS.school_results, 'import_id'].join(', ')})
    SELECT ${TARGET_COLUMNS.school_results.map((c) => (c === 'participants' ? 'COALESCE(n.participants, n.journal_n)' : `n.${c}`)).join(', ')}, n.import_id
    FROM ${rows} n WHERE NOT EXISTS (SELECT 1 FROM school_results t WHERE ${on(SLICE, 't', 'n')})`,
    schoolsFromReportSql(),
  ];
}

/**
 * Statements that merge the normalised rows of table `norm` (with `import_id`) into `target`:
 * the same key is replaced, never duplicated; then the derived tables (src/core/sql/derived.ts)
 * that read what changed are refreshed. Run them inside one transaction. A caller that changes
 * more in the same transaction (the importer adds school stubs whose municipality the roll-up
 * reads) passes `refresh: false` and runs refreshAfterMergeStatements after its own statements.
 */
export function mergeStatements(target: ImportTarget, options: { refresh?: boolean; inserted?: number } = {}): string[] {
  return [...mergeRowsStatements(target, options.inserted), ...(options.refresh === false ? [] : refreshAfterMergeStatements(target))];
}

/**
 * `inserted`: student rows already inserted with this import id (`norm` is then a view of them):
 * the replaced slices' rows are deleted without them, and nothing is inserted again.
 */
function mergeRowsStatements(target: ImportTarget, inserted?: number): string[] {
  const cols = [...TARGET_COLUMNS[target], 'import_id'].join(', ');
  const key = REPLACE_KEY[target];
  const keys = `(SELECT DISTINCT ${key.join(', ')} FROM norm)`;
  if (target === 'school_results_report') return schoolResultsReportStatements();
  if (target === 'score_distribution' || target === 'school_context') {
    // Aggregated reports: hierarchy rows (no school_id) are not data.
    const rows = `(SELECT DISTINCT ${key.join(', ')} FROM norm WHERE school_id IS NOT NULL)`;
    return [
      `DELETE FROM ${target} t USING ${rows} k WHERE ${on(key, 't', 'k')}`,
      `INSERT INTO ${target} (${cols}) SELECT ${cols} FROM norm WHERE school_id IS NOT NULL`,
      schoolsFromReportSql(),
    ];
  }
  if (target === 'student_results') {
    // The file's school rows, aggregated first: one row per school slice it replaces, so their
    // keys come with them instead of from another pass over a million student rows.
    return [
      `CREATE OR REPLACE TEMP TABLE merge_school_results AS ${deriveSchoolResultsSql('norm')}`,
      `DELETE FROM student_results t USING merge_school_results k WHERE ${on(key, 't', 'k')}${inserted === undefined ? '' : ` AND t.import_id IS DISTINCT FROM ${inserted}`}`,
      `DELETE FROM school_results t USING merge_school_results k WHERE ${on(key, 't', 'k')}`,
      ...(inserted === undefined ? [`INSERT INTO student_results (${cols}) SELECT ${cols} FROM norm`] : []),
      'INSERT INTO school_results SELECT * FROM merge_school_results',
      'DROP TABLE merge_school_results',
      schoolsFromResultsSql(),
    ];
  }
  const stmts = [`DELETE FROM ${target} t USING ${keys} k WHERE ${on(key, 't', 'k')}`];
  if (target === 'objectivity_lists') {
    // Several rows per key (one per marker): a school repeated in one file keeps its last line's rows.
    stmts.push(`INSERT INTO ${target} (${cols}) SELECT ${cols} FROM norm QUALIFY _line = max(_line) OVER (PARTITION BY ${key.join(', ')})`);
  } else {
    // Reference tables: a key repeated in one file (real directories list some schools twice) keeps its last row.
    stmts.push(`INSERT INTO ${target} (${cols}) SELECT ${cols} FROM norm QUALIFY row_number() OVER (PARTITION BY ${key.join(', ')} ORDER BY _line DESC) = 1`);
  }
  return stmts;
}

/** What a merge into `target` changes for the derived tables (nothing for the other targets). */
const CHANGES: Partial<Record<ImportTarget, { slices?: string; change: Omit<DerivedChange, 'slices'> }>> = {
  // Schools these add are new: all their result rows are in the import's own slices.
  student_results: { slices: 'SELECT * FROM norm', change: {} },
  school_results: { slices: 'SELECT * FROM norm', change: {} },
  // Aggregated reports name schools by id; hierarchy rows (no school_id) are not data.
  school_results_report: { slices: 'SELECT * FROM norm WHERE school_id IS NOT NULL', change: {} },
  grading_scales: { slices: 'SELECT * FROM norm', change: {} },
  schools: { change: { schools: true } },
  school_categories: { change: { schools: true } },
};

/**
 * Statements refreshing the derived tables after a merge into `target`, for the slices of `norm`.
 * `importId`: for student rows whose slices had no rows before the merge (newSlicesSql, asked
 * before it), the import that now holds all of their rows — the refresh reads them by it.
 */
export function refreshAfterMergeStatements(target: ImportTarget, options: { importId?: number } = {}): string[] {
  const what = CHANGES[target];
  if (!what) return [];
  if (what.slices === undefined) return refreshDerivedStatements(what.change);
  const rows = target === 'student_results' && options.importId !== undefined
    ? { rows: `(SELECT * FROM student_results WHERE import_id = ${options.importId})` }
    : {};
  return refreshSlicesStatements(what.slices, { ...what.change, ...rows });
}

/**
 * SQL giving `fresh`: true when `student_results` holds no row of any (year, procedure, subject,
 * grade) of `norm` — asked before a merge, it means that afterwards those slices hold only the
 * merged rows. `inserted`: the merged rows are already in (with this import id) and do not count.
 */
export function newSlicesSql(inserted?: number): string {
  return `SELECT NOT EXISTS (SELECT 1 FROM student_results t
    SEMI JOIN (SELECT DISTINCT year, procedure, subject, grade FROM norm) USING (year, procedure, subject, grade)
    ${inserted === undefined ? '' : `WHERE t.import_id IS DISTINCT FROM ${inserted}`}) AS fresh`;
}

/**
 * SQL giving `fresh` true when `student_results` holds no rows at all (but the `inserted` import's):
 * then newSlicesSql is true too, and this costs nothing (no slices to find, row groups of one
 * import id skipped by their min/max).
 */
export function noStudentRowsSql(inserted?: number): string {
  return `SELECT NOT EXISTS (SELECT 1 FROM student_results${inserted === undefined ? '' : ` WHERE import_id IS DISTINCT FROM ${inserted}`}) AS fresh`;
}
