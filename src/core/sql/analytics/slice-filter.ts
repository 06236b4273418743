/**
 * SQL condition: the row of `alias` lies in one of the slices of relation `slices` (columns year,
 * procedure, subject, grade) — how a derived table (src/core/sql/derived.ts) recomputes only what
 * a change touched. Without `slices`, every row.
 */
export function sliceFilterSql(alias: string, slices?: string): string {
  if (slices === undefined) return 'true';
  return `EXISTS (SELECT 1 FROM ${slices} k WHERE k.year = ${alias}.year AND k.procedure = ${alias}.procedure
    AND k.subject = ${alias}.subject AND k.grade = ${alias}.grade)`;
}
