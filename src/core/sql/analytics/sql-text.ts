/**
 * SQL fragments shared by the analytics views (migration v3): Russian number formatting for the
 * explanation texts and the slices the official objectivity method looks at.
 */

/** SQL: a number as Russian text with `digits` decimals — decimal comma, true minus sign («−0,53»). */
export function ruNumberSql(expr: string, digits: number): string {
  return `replace(replace(printf('%.${digits}f', (${expr})::DOUBLE), '.', ','), '-', '−')`;
}

/** SQL condition: the ВПР slices of signs 1–3 (Русский язык and Математика, grades 4 and 5). */
export const VPR_4_5_RU_MA = `(procedure = 'ВПР' AND grade IN (4, 5) AND subject IN ('Русский язык', 'Математика'))`;

/** SQL condition: the ОГЭ slices of sign 1 (Русский язык and Математика). */
export const OGE_RU_MA = `(procedure = 'ОГЭ' AND grade = 9 AND subject IN ('Русский язык', 'Математика'))`;

/** SQL condition: a present participant with a primary score. */
export const PRESENT_SCORED = `(NOT absent AND primary_score IS NOT NULL)`;

/** Critical value of the 95 % intervals and the two-sided z-tests, as DOMAIN.md §4 writes it. */
export const Z95 = '1.96';

/** SQL: a number as a JSON value (full precision, `null` for NULL), for the `detail` texts. */
export function jsonNumberSql(expr: string): string {
  return `COALESCE((${expr})::DOUBLE::VARCHAR, 'null')`;
}
