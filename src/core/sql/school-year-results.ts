/**
 * The roll-up `school_year_results(procedure, year, school_id, good, marked)` (migration v7):
 * `school_results` summed per school, procedure and year over all subjects and grades — good =
 * Σ(n4 + n5), marked = Σ(n2 + n3 + n4 + n5) — for the «что изменилось за год» tile, which compares
 * every school with itself a year before (~10× fewer rows than the school results).
 */

/** The SELECT filling `school_year_results`; with `slices`, only the (procedure, year) pairs it names. */
export function schoolYearResultsSelect(slices?: string): string {
  const results = slices === undefined ? 'school_results'
    : `(SELECT * FROM school_results SEMI JOIN (SELECT DISTINCT procedure, year FROM ${slices}) USING (procedure, year))`;
  return `SELECT procedure, year, school_id, sum(n4 + n5)::BIGINT AS good, sum(n2 + n3 + n4 + n5)::BIGINT AS marked
FROM ${results}
GROUP BY procedure, year, school_id`;
}

/**
 * The roll-up `school_year_marks(procedure, year, school_id, good, marked)` (migration v7): like
 * `school_year_results`, but only over the rows with marks (n2 + n3 + n4 + n5 > 0), and only
 * school-years that have such rows — exactly the rows `group_comparison` and `goal_progress` pool,
 * so those views read ~10× fewer rows than `school_results` and give the same numbers (a row with
 * some counts missing adds nothing to `good` here, as it does not there).
 */

/** The SELECT filling `school_year_marks`; with `slices`, only the (procedure, year) pairs it names. */
export function schoolYearMarksSelect(slices?: string): string {
  const results = slices === undefined ? 'school_results'
    : `(SELECT * FROM school_results SEMI JOIN (SELECT DISTINCT procedure, year FROM ${slices}) USING (procedure, year))`;
  return `SELECT procedure, year, school_id, sum(n4 + n5)::BIGINT AS good, sum(n2 + n3 + n4 + n5)::BIGINT AS marked
FROM ${results}
WHERE n2 + n3 + n4 + n5 > 0
GROUP BY procedure, year, school_id`;
}
