import type { ExportColumn } from '../../core/export/csv.ts';
import { toRussianCsv } from '../../core/export/csv.ts';
import type { Filters } from '../../core/filters.ts';
import { download, fileName } from '../export/download.ts';
import { useExportContext } from '../export/use-export-context.ts';

/** «CSV» and «XLSX» buttons for a table: the rows as shown, with their context (filters, sources, date, version). */
export function ExportButtons({ title, filters, columns, rows }: {
  title: string;
  filters: Filters;
  columns: readonly ExportColumn[];
  rows: ReadonlyArray<Record<string, unknown>>;
}) {
  const context = useExportContext();
  return (
    <span className="export">
      <button type="button" data-testid="export-csv" onClick={() => download(fileName(title, 'csv'), toRussianCsv(columns, rows, context(title, filters)), 'text/csv;charset=utf-8')}>
        CSV
      </button>{' '}
      <button
        type="button"
        data-testid="export-xlsx"
        onClick={async () => {
          const { toXlsx } = await import('../export/xlsx-export.ts');
          download(fileName(title, 'xlsx'), toXlsx(columns, rows, context(title, filters)), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        }}
      >
        XLSX
      </button>
    </span>
  );
}
