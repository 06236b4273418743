import type { ImportTarget } from '../layouts/types.ts';

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
};

const SLICE = ['year', 'procedure', 'subject', 'grade', 'school_id'];

/** The key whose rows a new import replaces in each table. */
export const REPLACE_KEY: Record<ImportTarget, readonly string[]> = {
  student_results: SLICE,
  school_results: SLICE,
  schools: ['school_id'],
  school_categories: ['year', 'school_id'],
  grading_scales: ['procedure', 'year', 'subject', 'grade'],
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
 * Statements that merge the normalised rows of table `norm` (with `import_id`) into `target`:
 * the same key is replaced, never duplicated. Run them inside one transaction.
 */
export function mergeStatements(target: ImportTarget): string[] {
  const cols = [...TARGET_COLUMNS[target], 'import_id'].join(', ');
  const key = REPLACE_KEY[target];
  const keys = `(SELECT DISTINCT ${key.join(', ')} FROM norm)`;
  const stmts = [`DELETE FROM ${target} t USING ${keys} k WHERE ${on(key, 't', 'k')}`];
  if (target === 'student_results') {
    stmts.push(`DELETE FROM school_results t USING ${keys} k WHERE ${on(key, 't', 'k')}`);
    stmts.push(`INSERT INTO student_results (${cols}) SELECT ${cols} FROM norm`);
    stmts.push(`INSERT INTO school_results ${deriveSchoolResultsSql('norm')}`);
  } else {
    // Reference tables: a key repeated in one file (real directories list some schools twice) keeps its last row.
    stmts.push(`INSERT INTO ${target} (${cols}) SELECT ${cols} FROM norm QUALIFY row_number() OVER (PARTITION BY ${key.join(', ')} ORDER BY _line DESC) = 1`);
  }
  return stmts;
}
