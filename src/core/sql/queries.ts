import { filterSql, type Filters } from '../filters.ts';
import { wilsonSql } from '../stats.ts';
import { sqlString } from '../text.ts';

const MARKED = 'n2 + n3 + n4 + n5';

/** Pooled mark counts of a group of school_results rows (weighted by participants, never averaged %). */
const POOLED = `
  count(DISTINCT school_id)::INTEGER AS schools,
  sum(participants)::INTEGER AS participants,
  sum(${MARKED})::INTEGER AS marked,
  sum(n4 + n5)::INTEGER AS good,
  sum(n3 + n4 + n5)::INTEGER AS passed,
  sum(n4 + n5) * 100.0 / NULLIF(sum(${MARKED}), 0) AS quality_pct,
  sum(n3 + n4 + n5) * 100.0 / NULLIF(sum(${MARKED}), 0) AS success_pct,
  (2.0 * sum(n2) + 3 * sum(n3) + 4 * sum(n4) + 5 * sum(n5)) / NULLIF(sum(${MARKED}), 0) AS mean_mark,
  ${wilsonSql(`sum(n4 + n5)`, `sum(${MARKED})`, 'quality')},
  ${wilsonSql(`sum(n3 + n4 + n5)`, `sum(${MARKED})`, 'success')},
  sum(mean_score * participants) FILTER (WHERE procedure = 'ЕГЭ' AND n2 IS NULL)
    / NULLIF(sum(participants) FILTER (WHERE procedure = 'ЕГЭ' AND n2 IS NULL), 0) AS mean_test_score,
  sum(participants) FILTER (WHERE procedure = 'ЕГЭ' AND n2 IS NULL)::INTEGER AS test_participants`;

/** One row of the overview: a procedure in a year, all loaded schools pooled. */
export interface OverviewRow {
  procedure: string;
  year: number;
  schools: number;
  participants: number;
  marked: number;
  good: number;
  passed: number;
  quality_pct: number | null;
  success_pct: number | null;
  mean_mark: number | null;
  quality_low: number | null;
  quality_high: number | null;
  success_low: number | null;
  success_high: number | null;
  mean_test_score: number | null;
  test_participants: number | null;
}

/**
 * The `slice_results` rows (src/core/sql/slice-results.ts) that answer filters on school results:
 * the level of subject and grade the filters name (NULL = all), the municipality and the category.
 */
function sliceRollupWhere(f: Filters): string {
  const level = (col: 'subject' | 'grade', v: string | number | undefined) =>
    v === undefined ? `r.${col} IS NULL` : `r.${col} = ${typeof v === 'number' ? Number(v) : sqlString(v)}`;
  const parts = [level('subject', f.subject), level('grade', f.grade)];
  if (f.year !== undefined) parts.push(`r.year = ${Number(f.year)}`);
  if (f.procedure !== undefined) parts.push(`r.procedure = ${sqlString(f.procedure)}`);
  if (f.municipality !== undefined) parts.push(`r.municipality = ${sqlString(f.municipality)}`);
  if (f.category === 'shnor') parts.push('r.shnor');
  else if (f.category === 'sssu') parts.push('r.sssu');
  else if (f.category === 'other') parts.push('NOT r.shnor');
  return parts.join(' AND ');
}

/** POOLED over `slice_results` rows: the same sums of the same counters, so the same figures. */
const POOLED_ROLLUP = `
  sum(schools)::INTEGER AS schools,
  sum(participants)::INTEGER AS participants,
  sum(marked)::INTEGER AS marked,
  sum(good)::INTEGER AS good,
  sum(passed)::INTEGER AS passed,
  sum(good) * 100.0 / NULLIF(sum(marked), 0) AS quality_pct,
  sum(passed) * 100.0 / NULLIF(sum(marked), 0) AS success_pct,
  (2.0 * sum(n2) + 3 * sum(n3) + 4 * sum(n4) + 5 * sum(n5)) / NULLIF(sum(marked), 0) AS mean_mark,
  ${wilsonSql(`sum(good)`, `sum(marked)`, 'quality')},
  ${wilsonSql(`sum(passed)`, `sum(marked)`, 'success')},
  sum(test_score_sum) / NULLIF(sum(test_participants), 0) AS mean_test_score,
  sum(test_participants)::INTEGER AS test_participants`;

/**
 * Overview: schools, participants, quality and success by procedure and year (all years, whatever
 * the year filter), from the roll-up `slice_results` — the same figures as pooling `school_results`
 * (overviewFromSchoolsSql), at a fraction of the rows.
 */
export function overviewSql(filters: Filters = {}): string {
  return `SELECT procedure, year, ${POOLED_ROLLUP}
FROM slice_results r
WHERE ${sliceRollupWhere({ ...filters, year: undefined })}
GROUP BY procedure, year
ORDER BY CASE procedure WHEN 'ВПР' THEN 1 WHEN 'ОГЭ' THEN 2 WHEN 'ЕГЭ' THEN 3 ELSE 4 END, year`;
}

/** overviewSql computed from every `school_results` row: the reference the roll-up is tested against. */
export function overviewFromSchoolsSql(filters: Filters = {}): string {
  return `SELECT procedure, year, ${POOLED}
FROM school_results r
WHERE ${filterSql(filters, 'r', ['year'])}
GROUP BY procedure, year
ORDER BY CASE procedure WHEN 'ВПР' THEN 1 WHEN 'ОГЭ' THEN 2 WHEN 'ЕГЭ' THEN 3 ELSE 4 END, year`;
}

/** Headline counts: schools known, years and participants loaded (years from the roll-up `slice_results`, which a cold start loads first). */
export function totalsSql(): string {
  return `SELECT
  (SELECT count(*) FROM schools)::INTEGER AS schools,
  (SELECT count(DISTINCT school_id) FROM school_categories WHERE shnor)::INTEGER AS shnor_schools,
  (SELECT min(year) FROM slice_results)::INTEGER AS first_year,
  (SELECT max(year) FROM slice_results)::INTEGER AS last_year,
  (SELECT count(*) FROM imports)::INTEGER AS imports`;
}

/** One school in the schools table: its pooled results for a procedure and year. */
export interface SchoolRow {
  school_id: string;
  name: string | null;
  municipality: string | null;
  shnor: boolean;
  sssu: boolean;
  participants: number | null;
  marked: number | null;
  quality_pct: number | null;
  quality_low: number | null;
  quality_high: number | null;
  success_pct: number | null;
  success_low: number | null;
  success_high: number | null;
  mean_mark: number | null;
}

/**
 * Every school (of the filtered municipality and category) with its pooled result in one procedure
 * and year, narrowed by subject and grade; schools without results there stay, empty.
 */
export function schoolsTableSql(procedure: string, year: number, filters: Filters = {}): string {
  const f: Filters = { ...filters, procedure, year };
  return `WITH res AS (
  SELECT school_id, ${POOLED}
  FROM school_results r WHERE ${filterSql(f, 'r', ['municipality', 'category'])}
  GROUP BY school_id
), c AS (
  SELECT school_id, bool_or(shnor) AS shnor, bool_or(sssu) AS sssu FROM school_categories WHERE year = ${Number(year)} GROUP BY school_id
)
SELECT s.school_id, COALESCE(s.name, s.login, s.school_id) AS name, s.municipality,
  COALESCE(c.shnor, false) AS shnor, COALESCE(c.sssu, false) AS sssu,
  res.participants, res.marked, res.quality_pct, res.quality_low, res.quality_high,
  res.success_pct, res.success_low, res.success_high, res.mean_mark
FROM schools s LEFT JOIN res USING (school_id) LEFT JOIN c USING (school_id)
WHERE ${f.municipality !== undefined ? `s.municipality = ${sqlString(f.municipality)}` : 'true'}
  AND ${f.category === 'shnor' ? 'COALESCE(c.shnor, false)' : f.category === 'sssu' ? 'COALESCE(c.sssu, false)' : f.category === 'other' ? 'NOT COALESCE(c.shnor, false)' : 'true'}
ORDER BY res.quality_pct DESC NULLS LAST, name`;
}

/** Years and procedures present, for selectors. */
export function slicesSql(): string {
  return `SELECT DISTINCT procedure, year FROM school_results ORDER BY procedure, year`;
}

/** A school's identity and its categories by year. */
export function schoolInfoSql(schoolId: string): string {
  return `SELECT s.school_id, COALESCE(s.name, s.login, s.school_id) AS name, s.login, s.municipality, s.region,
  (SELECT min(year) FROM school_categories c WHERE c.school_id = s.school_id AND c.shnor)::INTEGER AS shnor_since,
  (SELECT any_value(cohort) FROM school_categories c WHERE c.school_id = s.school_id AND c.shnor)::INTEGER AS cohort,
  (SELECT bool_or(sssu) FROM school_categories c WHERE c.school_id = s.school_id) AS sssu
FROM schools s WHERE s.school_id = ${sqlString(schoolId)}`;
}

/** A school's quality by procedure and year, beside its municipality's (pooled over all subjects and grades). */
export interface SchoolTrendRow {
  procedure: string;
  year: number;
  marked: number;
  quality_pct: number | null;
  quality_low: number | null;
  quality_high: number | null;
  success_pct: number | null;
  municipality_quality_pct: number | null;
  municipality_marked: number | null;
}

/** A school's trend by procedure and year, narrowed by the subject and grade filters. */
export function schoolTrendSql(schoolId: string, filters: Filters = {}): string {
  const id = sqlString(schoolId);
  const narrow = filterSql({ ...(filters.subject ? { subject: filters.subject } : {}), ...(filters.grade ? { grade: filters.grade } : {}) }, 'r');
  return `WITH me AS (SELECT municipality FROM schools WHERE school_id = ${id}),
school AS (
  SELECT procedure, year, ${POOLED} FROM school_results r WHERE school_id = ${id} AND ${narrow} GROUP BY procedure, year
),
muni AS (
  SELECT procedure, year, sum(n4 + n5) * 100.0 / NULLIF(sum(${MARKED}), 0) AS quality_pct, sum(${MARKED})::INTEGER AS marked
  FROM school_results r JOIN schools s USING (school_id)
  WHERE s.municipality IS NOT DISTINCT FROM (SELECT municipality FROM me) AND ${narrow}
  GROUP BY procedure, year
)
SELECT school.procedure, school.year, school.marked, school.quality_pct, school.quality_low, school.quality_high,
  school.success_pct, muni.quality_pct AS municipality_quality_pct, muni.marked AS municipality_marked
FROM school LEFT JOIN muni USING (procedure, year)
WHERE school.marked > 0
ORDER BY school.procedure, school.year`;
}
