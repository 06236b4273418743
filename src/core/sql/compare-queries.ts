import { filterSql, type Filters } from '../filters.ts';
import type { SchoolRow } from './queries.ts';
import { wilsonSql } from '../stats.ts';
import { sqlIdent, sqlString } from '../text.ts';

const MARKED = 'n2 + n3 + n4 + n5';

/** Columns the methodist's table can sort by (DuckDB sorts; the browser only shows a window). */
export const SORTABLE = ['name', 'municipality', 'marked', 'quality_pct', 'success_pct', 'mean_mark', 'change_pp'] as const;
export type SortColumn = (typeof SORTABLE)[number];

/** One school in «Сравнение»: its pooled result in a year, the change from the year before, and its trend. */
export interface CompareRow extends Omit<SchoolRow, 'participants'> {
  name: string;
  change_pp: number | null;
  /** Quality by year (all years of the procedure) as `year:quality;…`, for the sparkline (see parseTrend). */
  trend: string | null;
  /** 1-based place of the row in the table's order (set by comparePageSql). */
  position?: number;
}

/**
 * The condition that a school matches what the user typed in the table's search box: part of its
 * name (any case, «е» for «ё») or the start of its code; `true` when the box is empty.
 */
export function schoolSearchSql(search: string | undefined, alias = 's'): string {
  const text = (search ?? '').trim().toLowerCase().replace(/ё/g, 'е');
  if (!text) return 'true';
  const name = `replace(lower(COALESCE(${alias}.name, '')), 'ё', 'е')`;
  return `(strpos(${name}, ${sqlString(text)}) > 0 OR starts_with(${alias}.school_id, ${sqlString(text)}))`;
}

/**
 * The per-school table of «Сравнение», computed once per filter change as a temp-free CTE; sorting,
 * counting and windowing happen in DuckDB so thousands of schools never cross into JS at once.
 * `search` narrows it to the schools whose name or code matches (see schoolSearchSql).
 */
export function compareBaseSql(procedure: string, year: number, filters: Filters, search?: string): string {
  const f: Filters = { ...filters, procedure, year };
  const everyYear = filterSql({ ...f, year: undefined }, 'r', ['year', 'municipality', 'category']);
  return `WITH c AS (
  SELECT school_id, bool_or(shnor) AS shnor, bool_or(sssu) AS sssu FROM school_categories WHERE year = ${Number(year)} GROUP BY school_id
), by_year AS (
  SELECT school_id, year, sum(n4 + n5) * 100.0 / NULLIF(sum(${MARKED}), 0) AS q
  FROM school_results r WHERE ${everyYear} GROUP BY school_id, year
), trend AS (
  SELECT school_id, string_agg(year || ':' || COALESCE(round(q, 2)::VARCHAR, ''), ';' ORDER BY year) AS trend FROM by_year GROUP BY school_id
), cur AS (
  SELECT school_id,
    sum(${MARKED})::INTEGER AS marked,
    sum(n4 + n5) * 100.0 / NULLIF(sum(${MARKED}), 0) AS quality_pct,
    sum(n3 + n4 + n5) * 100.0 / NULLIF(sum(${MARKED}), 0) AS success_pct,
    (2.0 * sum(n2) + 3 * sum(n3) + 4 * sum(n4) + 5 * sum(n5)) / NULLIF(sum(${MARKED}), 0) AS mean_mark,
    ${wilsonSql('sum(n4 + n5)', `sum(${MARKED})`, 'quality')},
    ${wilsonSql('sum(n3 + n4 + n5)', `sum(${MARKED})`, 'success')}
  FROM school_results r WHERE ${filterSql(f, 'r', ['municipality', 'category'])} GROUP BY school_id
), base AS (
  SELECT s.school_id, COALESCE(s.name, s.login, s.school_id) AS name, s.municipality,
    COALESCE(c.shnor, false) AS shnor, COALESCE(c.sssu, false) AS sssu,
    cur.marked, cur.quality_pct, cur.quality_low, cur.quality_high, cur.success_pct, cur.success_low, cur.success_high, cur.mean_mark,
    cur.quality_pct - prev.q AS change_pp, trend.trend
  FROM schools s
  LEFT JOIN cur USING (school_id) LEFT JOIN c USING (school_id) LEFT JOIN trend USING (school_id)
  LEFT JOIN by_year prev ON prev.school_id = s.school_id AND prev.year = ${Number(year) - 1}
  WHERE ${f.municipality !== undefined ? `s.municipality = ${sqlString(f.municipality)}` : 'true'}
    AND ${f.category === 'shnor' ? 'COALESCE(c.shnor, false)' : f.category === 'sssu' ? 'COALESCE(c.sssu, false)' : f.category === 'other' ? 'NOT COALESCE(c.shnor, false)' : 'true'}
    AND (cur.marked IS NOT NULL OR trend.trend IS NOT NULL)
    AND ${schoolSearchSql(search)}
)`;
}

/** How many schools the table has. */
export function compareCountSql(base: string): string {
  return `${base} SELECT count(*)::INTEGER AS n FROM base`;
}

/** The order of the methodist's table: one column and its direction (what a header click sets). */
export interface CompareSort {
  column: SortColumn;
  desc: boolean;
}

/** The table's order before the user picks one: best quality first. */
export const DEFAULT_COMPARE_SORT: CompareSort = { column: 'quality_pct', desc: true };

/**
 * Maps a table's sorting state (`[{ id, desc }]`, as TanStack Table keeps it) to the order DuckDB
 * sorts by: the first entry whose id is a sortable column; the default order when there is none.
 */
export function compareSortFromState(sorting: ReadonlyArray<{ id: string; desc: boolean }>): CompareSort {
  const first = sorting.find((s) => (SORTABLE as readonly string[]).includes(s.id));
  return first ? { column: first.id as SortColumn, desc: first.desc } : DEFAULT_COMPARE_SORT;
}

/**
 * The ORDER BY of the table: municipality first when grouped, then the column (empty values last,
 * whatever the direction), then name and id so that equal values keep one stable order across windows.
 */
export function compareOrderSql(sort: SortColumn, desc: boolean, groupByMunicipality = false): string {
  const col = SORTABLE.includes(sort) ? sort : DEFAULT_COMPARE_SORT.column;
  const group = groupByMunicipality ? 'municipality NULLS LAST, ' : '';
  return `${group}${sqlIdent(col)} ${desc ? 'DESC' : 'ASC'} NULLS LAST, name, school_id`;
}

/**
 * A window of the sorted table: `limit` rows from `offset`, sorted in DuckDB (grouped by
 * municipality first when asked). Each row carries `position`, its 1-based place in the whole
 * order, so a window is drawn where it belongs even while the next one is loading.
 */
export function comparePageSql(base: string, sort: SortColumn, desc: boolean, offset: number, limit: number, groupByMunicipality = false): string {
  const order = compareOrderSql(sort, desc, groupByMunicipality);
  return `${base} SELECT *, (row_number() OVER (ORDER BY ${order}))::INTEGER AS position FROM base ORDER BY position
LIMIT ${Math.max(1, Math.trunc(limit))} OFFSET ${Math.max(0, Math.trunc(offset))}`;
}

/** Level and growth of every school (for the growth-vs-level chart): small rows, all schools. */
export function growthSql(base: string): string {
  return `${base} SELECT school_id, name, quality_pct, change_pp, marked FROM base WHERE quality_pct IS NOT NULL AND change_pp IS NOT NULL`;
}

/** Quality per school × subject in one procedure and year: the heat map's cells (schools of the filters). */
export function heatmapSql(procedure: string, year: number, filters: Filters, schoolIds: readonly string[]): string {
  const f: Filters = { ...filters, procedure, year };
  const ids = schoolIds.length ? schoolIds.map(sqlString).join(', ') : "''";
  return `SELECT r.school_id, COALESCE(s.name, s.school_id) AS name, r.subject,
  sum(r.n4 + r.n5) * 100.0 / NULLIF(sum(r.n2 + r.n3 + r.n4 + r.n5), 0) AS quality_pct,
  sum(r.n2 + r.n3 + r.n4 + r.n5)::INTEGER AS marked
FROM school_results r JOIN schools s USING (school_id)
WHERE ${filterSql(f, 'r', ['municipality', 'category', 'subject'])} AND r.school_id IN (${ids})
GROUP BY r.school_id, s.name, s.school_id, r.subject
HAVING sum(r.n2 + r.n3 + r.n4 + r.n5) > 0
ORDER BY r.subject`;
}

/** ВПР quality against ОГЭ (or ЕГЭ базовая) quality per school in one year: the quadrant scatter. */
export function vprVsExamSql(year: number, exam: 'ОГЭ' | 'ЕГЭ', filters: Filters): string {
  const scope = filterSql({ ...filters, year }, 'r', ['procedure', 'subject', 'grade']);
  const q = (proc: string) => `SELECT school_id, sum(n4 + n5) * 100.0 / NULLIF(sum(n2 + n3 + n4 + n5), 0) AS q, sum(n2 + n3 + n4 + n5)::INTEGER AS n
    FROM school_results r WHERE r.procedure = ${sqlString(proc)} AND ${scope} GROUP BY school_id`;
  return `WITH v AS (${q('ВПР')}), e AS (${q(exam)})
SELECT v.school_id, COALESCE(s.name, s.school_id) AS name, v.q AS vpr_quality, v.n AS vpr_n, e.q AS exam_quality, e.n AS exam_n
FROM v JOIN e USING (school_id) JOIN schools s USING (school_id)
WHERE v.q IS NOT NULL AND e.q IS NOT NULL ORDER BY name`;
}

/** Parses the `trend` text of a CompareRow into [year, quality] points (quality null where no marks). */
export function parseTrend(trend: string | null): Array<[number, number | null]> {
  if (!trend) return [];
  return trend.split(';').map((p) => {
    const [y, q] = p.split(':');
    return [Number(y), q === undefined || q === '' ? null : Number(q)];
  });
}
