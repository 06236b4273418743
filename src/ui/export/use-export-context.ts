import pkg from '../../../package.json';
import { describeFilters, type Filters } from '../../core/filters.ts';
import type { ExportContext } from '../../core/export/csv.ts';
import { useQuery } from '../../state/use-query.ts';

const SOURCES_SQL = `SELECT string_agg(file_name || ' (' || strftime(imported_at, '%d.%m.%Y') || ')', '; ' ORDER BY id) AS sources FROM imports`;

/** Builds the context every export carries: filters, the imported files with dates, now, app version. */
export function useExportContext(): (title: string, filters: Filters) => ExportContext {
  const sources = useQuery<{ sources: string | null }>(SOURCES_SQL).data?.[0]?.sources ?? 'нет импортов';
  return (title, filters) => ({
    title,
    filters: describeFilters(filters),
    sources,
    madeAt: new Date().toLocaleString('ru-RU'),
    version: pkg.version,
  });
}
