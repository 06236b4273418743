import type { Filters } from '../filters.ts';
import { sqlString } from '../text.ts';

const inMunicipality = (f: Filters, col = 'school_id') =>
  f.municipality !== undefined ? `${col} IN (SELECT school_id FROM schools WHERE municipality = ${sqlString(f.municipality)})` : 'true';

/** The objectivity index by year (per municipality, and the loaded whole), from `objectivity_index`. */
export function objectivityIndexSql(f: Filters): string {
  return `SELECT year, municipality, schools, flagged, index FROM objectivity_index
WHERE ${f.municipality !== undefined ? `municipality = ${sqlString(f.municipality)}` : 'true'}
UNION ALL
SELECT year, 'Все загруженные школы', sum(schools)::INTEGER, sum(flagged)::INTEGER, 100 - 100.0 * sum(flagged) / sum(schools)
FROM objectivity_index WHERE ${f.municipality !== undefined ? 'false' : 'true'} GROUP BY year
ORDER BY municipality, year`;
}

/** One flagged sign with its school and its Russian explanation. */
export interface FlaggedSign {
  year: number;
  school_id: string;
  name: string;
  procedure: string;
  subject: string;
  grade: number;
  sign: string;
  n: number;
  explanation: string;
  on_official_list: boolean | null;
}

/** Signs flagged in a year (narrowed by subject, grade and municipality), with school names and official-list status. */
export function flaggedSignsSql(year: number, f: Filters): string {
  return `SELECT o.year, o.school_id, COALESCE(s.name, s.login, o.school_id) AS name, o.procedure, o.subject, o.grade, o.sign, o.n,
  o.explanation, a.on_official_list
FROM objectivity_signs o
LEFT JOIN schools s USING (school_id)
LEFT JOIN objectivity_agreement a ON a.year = o.year AND a.school_id = o.school_id
WHERE o.flagged AND o.year = ${Number(year)}
  AND ${f.subject ? `o.subject = ${sqlString(f.subject)}` : 'true'}
  AND ${f.grade ? `o.grade = ${Number(f.grade)}` : 'true'}
  AND ${inMunicipality(f, 'o.school_id')}
ORDER BY name, o.procedure, o.subject, o.grade, o.sign`;
}

/** The primary-score histogram of a ВПР slice (all loaded schools, or one school) with the mark boundaries. */
export function histogramSql(year: number, subject: string, grade: number, schoolId: string | null): string {
  return `SELECT h.primary_score, h.students, g.min_score_3, g.min_score_4, g.min_score_5
FROM score_histogram h
LEFT JOIN grading_scales g ON g.procedure = h.procedure AND g.year = h.year AND g.subject = h.subject AND g.grade = h.grade
WHERE h.procedure = 'ВПР' AND h.year = ${Number(year)} AND h.subject = ${sqlString(subject)} AND h.grade = ${Number(grade)}
  AND h.school_id IS NOT DISTINCT FROM ${schoolId === null ? 'NULL' : sqlString(schoolId)}
ORDER BY h.primary_score`;
}

/** ВПР marks against journal marks per school in a slice, most «понизили» first (schools with n ≥ 1). */
export function journalSql(year: number, subject: string, grade: number, f: Filters): string {
  return `SELECT j.school_id, COALESCE(s.name, s.login, j.school_id) AS name, j.journal_n, j.lowered, j.confirmed, j.raised,
  j.lowered_pct, j.confirmed_pct, j.raised_pct, j.gap2_n
FROM journal_comparison j LEFT JOIN schools s USING (school_id)
WHERE j.procedure = 'ВПР' AND j.year = ${Number(year)} AND j.subject = ${sqlString(subject)} AND j.grade = ${Number(grade)}
  AND (j.school_id IS NULL OR ${inMunicipality(f, 'j.school_id')}) AND j.journal_n > 0
ORDER BY j.school_id IS NOT NULL, j.lowered_pct DESC, name`;
}

/** Official lists beside our signs, per year: listed, flagged by us, both. */
export function agreementSql(): string {
  return `SELECT year,
  count(*) FILTER (WHERE on_official_list)::INTEGER AS listed,
  count(*) FILTER (WHERE flagged_by_us)::INTEGER AS flagged,
  count(*) FILTER (WHERE on_official_list AND flagged_by_us)::INTEGER AS both,
  bool_or(on_official_list IS NOT NULL) AS has_list
FROM objectivity_agreement GROUP BY year ORDER BY year`;
}

/** Years that have evaluated signs. */
export function signYearsSql(): string {
  return `SELECT DISTINCT year FROM objectivity_school_year ORDER BY year`;
}
