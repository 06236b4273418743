import { sqlString } from './text.ts';

/** School categories the filter knows. */
export const CATEGORIES = { shnor: 'ШНОР', sssu: 'ШССУ', other: 'остальные школы' } as const;
export type Category = keyof typeof CATEGORIES;

/** The global filters: every view reads them, the URL keeps them (bookmarks, back/forward). */
export interface Filters {
  year?: number;
  procedure?: string;
  subject?: string;
  grade?: number;
  municipality?: string;
  category?: Category;
}

const KEYS = ['year', 'procedure', 'subject', 'grade', 'municipality', 'category'] as const;

/** Reads filters from URL parameters, dropping values that are not valid. */
export function filtersFromParams(params: URLSearchParams): Filters {
  const f: Filters = {};
  const year = Number(params.get('year'));
  if (Number.isInteger(year) && year >= 2000 && year <= 2100) f.year = year;
  const grade = Number(params.get('grade'));
  if (Number.isInteger(grade) && grade >= 1 && grade <= 11) f.grade = grade;
  for (const k of ['procedure', 'subject', 'municipality'] as const) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  const c = params.get('category');
  if (c && c in CATEGORIES) f.category = c as Category;
  return f;
}

/** URL parameters for filters, in a stable order. */
export function filtersToParams(f: Filters): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of KEYS) if (f[k] !== undefined && f[k] !== '') p.set(k, String(f[k]));
  return p;
}

/**
 * The SQL condition a filter set puts on `school_results` rows (aliased `alias`). Filters listed in
 * `skip` are left out (e.g. the overview shows all years whatever the year filter says).
 */
export function filterSql(f: Filters, alias = 'r', skip: ReadonlyArray<keyof Filters> = []): string {
  const on = (k: keyof Filters) => f[k] !== undefined && !skip.includes(k);
  const parts: string[] = [];
  if (on('year')) parts.push(`${alias}.year = ${Number(f.year)}`);
  if (on('procedure')) parts.push(`${alias}.procedure = ${sqlString(f.procedure!)}`);
  if (on('subject')) parts.push(`${alias}.subject = ${sqlString(f.subject!)}`);
  if (on('grade')) parts.push(`${alias}.grade = ${Number(f.grade)}`);
  if (on('municipality')) {
    parts.push(`${alias}.school_id IN (SELECT school_id FROM schools WHERE municipality = ${sqlString(f.municipality!)})`);
  }
  if (on('category')) {
    const flagged = (col: 'shnor' | 'sssu') =>
      `EXISTS (SELECT 1 FROM school_categories c WHERE c.school_id = ${alias}.school_id AND c.year = ${alias}.year AND c.${col})`;
    parts.push(f.category === 'shnor' ? flagged('shnor') : f.category === 'sssu' ? flagged('sssu') : `NOT ${flagged('shnor')}`);
  }
  return parts.length ? parts.join(' AND ') : 'true';
}

/** A short Russian description of the filters, for captions and exports. */
export function describeFilters(f: Filters): string {
  const parts = [
    f.procedure,
    f.year !== undefined ? `${f.year} год` : undefined,
    f.subject,
    f.grade !== undefined ? `${f.grade} класс` : undefined,
    f.municipality,
    f.category ? CATEGORIES[f.category] : undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'все данные';
}

/** Distinct values for the filter selects. */
export function filterOptionsSql(): string {
  return `SELECT 'procedure' AS kind, procedure AS value FROM (SELECT DISTINCT procedure FROM school_results)
UNION ALL SELECT 'year', year::VARCHAR FROM (SELECT DISTINCT year FROM school_results)
UNION ALL SELECT 'subject', subject FROM (SELECT DISTINCT subject FROM school_results)
UNION ALL SELECT 'grade', grade::VARCHAR FROM (SELECT DISTINCT grade FROM school_results)
UNION ALL SELECT 'municipality', municipality FROM (SELECT DISTINCT municipality FROM schools WHERE municipality IS NOT NULL)
ORDER BY kind, value`;
}
