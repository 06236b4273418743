/**
 * FROM item: the rows of `student_results` (as `alias`), or with `slices` — a relation of year,
 * procedure, subject, grade — only those slices' rows, how a derived table (src/core/sql/derived.ts)
 * recomputes only what a change touched. A semi join on equalities, not EXISTS: DuckDB then pushes
 * the slices' key ranges into the scan and skips whole row groups of other years.
 */
export function studentRowsSql(alias: string, slices?: string): string {
  if (slices === undefined) return alias === 'student_results' ? 'student_results' : `student_results ${alias}`;
  return `(SELECT * FROM student_results SEMI JOIN ${slices} USING (year, procedure, subject, grade)) ${alias}`;
}
