/**
 * Materialised analytics tables (migration v7): each is filled from its `<name>_compute` view,
 * which holds the computation that used to be the view of the same name. They are refreshed once
 * after every change of the data they read, so no page query reads `student_results`.
 */

/** Names of the materialised tables, in refresh order; saved and loaded with the workspace. */
export const DERIVED_TABLES: readonly string[] = [
  'objectivity_inflated_mean',
  'objectivity_journal_mismatch',
  'objectivity_cohort_change',
  'journal_comparison',
  'score_histogram',
  'boundary_peaks',
  'ege_metrics',
  'slice_results',
];

/** Statements that recompute every derived table from the current data. */
export function refreshDerivedStatements(): string[] {
  return DERIVED_TABLES.flatMap((t) => [`DELETE FROM ${t}`, `INSERT INTO ${t} SELECT * FROM ${t}_compute`]);
}
