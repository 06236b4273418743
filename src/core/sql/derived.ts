import { cohortChangeKeysSql, cohortChangeSelect, cohortScoresSelect } from './analytics/cohort-change.ts';
import { boundaryCountsSelect, boundaryPeaksFromCountsSelect, journalComparisonSelect, scoreHistogramSelect } from './analytics/evidence.ts';
import { inflatedMeanSelect } from './analytics/inflated-mean.ts';
import { studentRowsSql } from './analytics/slice-filter.ts';
import { journalMismatchSelect } from './analytics/journal-mismatch.ts';
import { egeTestScoresSelect } from './migration-v6-ege.ts';
import { schoolYearMarksSelect, schoolYearResultsSelect } from './school-year-results.ts';
import { sliceResultsSelect } from './slice-results.ts';

/**
 * Materialised analytics tables (migration v7). Each table `<name>` is filled from the view
 * `<name>_compute`, which holds the computation (the views of v3/v6 that read `student_results`,
 * and the overview roll-up). They are refreshed in the transaction of every change of what they
 * read — an import's merge (mergeStatements), removing imports — so no page query reads
 * `student_results`. Nothing here depends on settings: views over these tables (ege_metrics over
 * ege_test_scores) apply them when they run.
 */

/** How a derived table narrows a refresh to what changed. */
type Narrowing =
  /** rows of one (year, procedure, subject, grade) depend only on that slice's rows */
  | 'slice'
  /** rows depend on all years of a (procedure, subject, grade) (boundary_peaks pools years) */
  | 'subject'
  /** rows depend on a (procedure, year) (slice_results: distinct schools over subjects and grades) */
  | 'procedure_year'
  /** rows of (year, subject) depend on grade 4 of the year before and grade 5 of that year (cohort change) */
  | 'cohort';

interface DerivedTable {
  name: string;
  /** The computation; with `slices`, only the rows depending on those slices. */
  select: (slices?: string) => string;
  narrowing: Narrowing;
  /** Also depends on `schools` / `school_categories` (recomputed whole when they change). */
  schools?: boolean;
}

/** In refresh order: a table comes after the derived tables it reads. */
const TABLES: readonly DerivedTable[] = [
  { name: 'objectivity_inflated_mean', select: inflatedMeanSelect, narrowing: 'slice' },
  { name: 'objectivity_journal_mismatch', select: journalMismatchSelect, narrowing: 'slice' },
  { name: 'cohort_school_scores', select: cohortScoresSelect, narrowing: 'slice' },
  {
    name: 'objectivity_cohort_change',
    select: (slices) => cohortChangeSelect('cohort_school_scores', slices === undefined ? undefined : cohortChangeKeysSql(slices)),
    narrowing: 'cohort',
  },
  { name: 'journal_comparison', select: journalComparisonSelect, narrowing: 'slice' },
  { name: 'score_histogram', select: scoreHistogramSelect, narrowing: 'slice' },
  { name: 'boundary_counts', select: boundaryCountsSelect, narrowing: 'slice' },
  { name: 'boundary_peaks', select: boundaryPeaksFromCountsSelect, narrowing: 'subject' },
  { name: 'ege_test_scores', select: egeTestScoresSelect, narrowing: 'slice' },
  { name: 'slice_results', select: sliceResultsSelect, narrowing: 'procedure_year', schools: true },
  { name: 'school_year_results', select: schoolYearResultsSelect, narrowing: 'procedure_year' },
  { name: 'school_year_marks', select: schoolYearMarksSelect, narrowing: 'procedure_year' },
];

/** Names of the materialised tables, in refresh order; saved and loaded with the workspace. */
export const DERIVED_TABLES: readonly string[] = TABLES.map((t) => t.name);

/** The name of the view that computes a derived table. */
export function computeViewName(table: string): string {
  return `${table}_compute`;
}

/**
 * Migration v7's SQL: for each derived table, the view `<name>_compute` and the table `<name>`
 * with its columns (the views of the same name made by v3/v6 are dropped first), filled from it.
 */
export function derivedTablesMigrationSql(): string {
  return TABLES.map((t) => `DROP VIEW IF EXISTS ${t.name};
CREATE VIEW ${computeViewName(t.name)} AS
${t.select()};
CREATE TABLE ${t.name} AS SELECT * FROM ${computeViewName(t.name)};`).join('\n\n');
}

/** What changed since the derived tables were last refreshed. */
export interface DerivedChange {
  /**
   * A relation (table name or parenthesised SELECT) of `year, procedure, subject, grade` whose rows
   * in `student_results`, `school_results` or `grading_scales` changed; absent when none did.
   */
  slices?: string;
  /** `schools` or `school_categories` changed. */
  schools?: boolean;
  /**
   * A parenthesised SELECT of exactly the student rows the changed slices hold now (an import into
   * slices that had no rows before: its own rows). The tables computed from student rows read it
   * instead of picking the slices' rows out of all of `student_results` by a semi join.
   */
  rows?: string;
}

const KEYS: Record<Exclude<Narrowing, 'cohort'>, readonly string[]> = {
  slice: ['year', 'procedure', 'subject', 'grade'],
  subject: ['procedure', 'subject', 'grade'],
  procedure_year: ['procedure', 'year'],
};

function whole(t: DerivedTable): string[] {
  return [`DELETE FROM ${t.name}`, `INSERT INTO ${t.name} SELECT * FROM ${computeViewName(t.name)}`];
}

function narrowed(t: DerivedTable, slices: string, rows?: string): string[] {
  const [keys, from] = t.narrowing === 'cohort'
    ? [['year', 'subject'], cohortChangeKeysSql(slices)]
    : [KEYS[t.narrowing], `(SELECT DISTINCT ${KEYS[t.narrowing].join(', ')} FROM ${slices})`];
  // The slices' student rows as the selects pick them (studentRowsSql without its alias), swapped
  // for `rows` when the caller knows them: the semi join costs a hash probe of every student row.
  const picked = studentRowsSql('r', slices).replace(/ r$/, '');
  const select = rows === undefined ? t.select(slices) : t.select(slices).replaceAll(picked, rows);
  return [
    `DELETE FROM ${t.name} d USING ${from} k WHERE ${keys.map((c) => `k.${c} = d.${c}`).join(' AND ')}`,
    `INSERT INTO ${t.name} ${select}`,
  ];
}

/**
 * Statements that bring every derived table up to date after `change` (by default: everything
 * changed, so every table is recomputed whole). Tables touched by changed slices are recomputed
 * only for the slices whose rows they depend on. Run them in the transaction of the change.
 */
export function refreshDerivedStatements(change: DerivedChange | 'all' = 'all'): string[] {
  if (change === 'all') return TABLES.flatMap(whole);
  return TABLES.flatMap((t) => {
    if (t.schools && change.schools) return whole(t);
    return change.slices === undefined ? [] : narrowed(t, change.slices, change.rows);
  });
}

/** Temporary table of the slices a change touched, while its refresh runs. */
const CHANGED_SLICES = 'derived_changed_slices';

/**
 * refreshDerivedStatements for the slices that the SELECT `slicesSql` (any rows with year,
 * procedure, subject, grade) names, evaluated once into a temporary table first — run them before
 * anything the SELECT reads is deleted if it must see the old rows.
 */
export function refreshSlicesStatements(slicesSql: string, change: Omit<DerivedChange, 'slices'> = {}): string[] {
  return [
    `CREATE OR REPLACE TEMP TABLE ${CHANGED_SLICES} AS SELECT DISTINCT year, procedure, subject, grade FROM (${slicesSql})`,
    ...refreshDerivedStatements({ ...change, slices: CHANGED_SLICES }),
    `DROP TABLE ${CHANGED_SLICES}`,
  ];
}
