import { useTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { describeFilters, type Filters } from '../../core/filters.ts';
import { formatNumber } from '../../core/format.ts';
import { schoolsTableSql, slicesSql, type SchoolRow } from '../../core/sql/queries.ts';
import { routeHref } from '../../state/route.ts';
import { useQuery } from '../../state/use-query.ts';
import { ExportButtons } from '../components/ExportButtons.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { QueryStatus } from '../components/QueryStatus.tsx';
import { Share } from '../components/Share.tsx';
import { SortableTable, sortingFeatures, type SortingFeatures } from '../components/SortableTable.tsx';

type Row = SchoolRow & Record<string, unknown>;

const columnsFor = (filters: Filters): Array<ColumnDef<SortingFeatures, Row>> => [
  {
    id: 'name',
    accessorFn: (r) => r.name ?? r.school_id,
    header: 'Школа',
    cell: (info) => (
      <a href={routeHref({ page: 'school', schoolId: info.row.original.school_id }, { subject: filters.subject, grade: filters.grade })}>{String(info.getValue())}</a>
    ),
  },
  { id: 'municipality', accessorFn: (r) => r.municipality ?? '', header: 'Муниципалитет' },
  {
    id: 'category',
    accessorFn: (r) => [r.shnor ? 'ШНОР' : '', r.sssu ? 'ШССУ' : ''].filter(Boolean).join(', '),
    header: 'Категория',
    cell: (info) => <span className="badges">{String(info.getValue())}</span>,
  },
  { id: 'participants', accessorFn: (r) => r.marked ?? -1, header: 'Участников с отметкой', cell: (info) => <span className="num">{formatNumber(info.row.original.marked)}</span> },
  {
    id: 'quality',
    accessorFn: (r) => r.quality_pct ?? -1,
    header: 'Качество знаний',
    cell: ({ row: { original: r } }) => <Share pct={r.quality_pct} low={r.quality_low} high={r.quality_high} n={r.marked} testId="quality" />,
  },
  {
    id: 'success',
    accessorFn: (r) => r.success_pct ?? -1,
    header: 'Успеваемость',
    cell: ({ row: { original: r } }) => <Share pct={r.success_pct} low={r.success_low} high={r.success_high} n={r.marked} testId="success" />,
  },
  { id: 'mean_mark', accessorFn: (r) => r.mean_mark ?? -1, header: 'Средняя отметка', cell: (info) => formatNumber(info.row.original.mean_mark, 2) },
];

const SCHOOL_COLUMNS = [
  { key: 'school_id', label: 'Код ОО' },
  { key: 'name', label: 'Школа' },
  { key: 'municipality', label: 'Муниципалитет' },
  { key: 'shnor', label: 'ШНОР' },
  { key: 'sssu', label: 'ШССУ' },
  { key: 'marked', label: 'Участников с отметкой (n)' },
  { key: 'quality_pct', label: 'Качество знаний, %' },
  { key: 'quality_low', label: 'Качество: нижняя граница 95 %' },
  { key: 'quality_high', label: 'Качество: верхняя граница 95 %' },
  { key: 'success_pct', label: 'Успеваемость, %' },
  { key: 'mean_mark', label: 'Средняя отметка' },
] as const;

/**
 * «Школы»: every school with its result in one procedure and year (ВПР and the latest year unless the
 * filters say otherwise); sortable; each share with n and interval.
 */
export function SchoolsPage({ filters, onFilters }: { filters: Filters; onFilters: (f: Filters) => void }) {
  const slices = useQuery<{ procedure: string; year: number }>(slicesSql());
  const procedures = [...new Set((slices.data ?? []).map((s) => s.procedure))];
  const proc = filters.procedure && procedures.includes(filters.procedure) ? filters.procedure : procedures.includes('ВПР') ? 'ВПР' : procedures[0];
  const years = (slices.data ?? []).filter((s) => s.procedure === proc).map((s) => s.year);
  const y = filters.year !== undefined && years.includes(filters.year) ? filters.year : years[years.length - 1];
  const schools = useQuery<Row>(proc && y !== undefined ? schoolsTableSql(proc, y, filters) : null);
  const data = useMemo(() => schools.data ?? [], [schools.data]);
  const columns = useMemo(() => columnsFor(filters), [filters]);
  const table = useTable({ features: sortingFeatures, columns, data, initialState: { sorting: [{ id: 'quality', desc: true }] } });
  const shown: Filters = { ...filters, ...(proc ? { procedure: proc } : {}), ...(y !== undefined ? { year: y } : {}) };
  return (
    <section aria-labelledby="schools-title">
      <h1 id="schools-title">Школы</h1>
      <FilterBar filters={shown} onChange={onFilters} show={['procedure', 'year', 'subject', 'grade', 'municipality', 'category']} />
      <QueryStatus state={slices} what="список процедур" />
      <QueryStatus state={schools} what="таблицу школ" />
      {data.length > 0 && (
        <SortableTable
          table={table}
          testId="schools-table"
          rowTestId={(r) => `school-row-${r.school_id}`}
          caption={
            <>
            {describeFilters(shown)}{filters.subject || filters.grade ? '' : ' (все предметы и классы школы вместе)'}. Качество — доля «4» и «5», успеваемость — доля
            «3», «4» и «5»; рядом — 95 % интервал и n. ⚠ — меньше 10 участников.{' '}
            <ExportButtons title="Школы" filters={shown} columns={SCHOOL_COLUMNS} rows={data} />
          </>
          }
        />
      )}
    </section>
  );
}
