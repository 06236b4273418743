import { createSortedRowModel, rowSortingFeature, sortFns, tableFeatures, type ReactTable, type RowData } from '@tanstack/react-table';
import type { ReactNode } from 'react';

/** The one feature set of the app's client-side tables: sorting by clicking a header. */
export const sortingFeatures = tableFeatures({ rowSortingFeature, sortedRowModel: createSortedRowModel(), sortFns });
export type SortingFeatures = typeof sortingFeatures;

/**
 * Renders a TanStack table (v9) with sortable headers as buttons (keyboard reachable, `aria-sort`
 * on each header) and a test id per row.
 */
export function SortableTable<TData extends RowData>({ table, caption, testId, rowTestId }: {
  table: ReactTable<SortingFeatures, TData>;
  caption?: ReactNode;
  testId: string;
  rowTestId: (row: TData) => string;
}) {
  return (
    <table className="data" data-testid={testId}>
      {caption !== undefined && <caption>{caption}</caption>}
      <thead>
        {table.getHeaderGroups().map((g) => (
          <tr key={g.id}>
            {g.headers.map((h) => {
              const sorted = h.column.getIsSorted();
              return (
                <th key={h.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                  <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()}>
                    <table.FlexRender header={h} />
                    <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} data-testid={rowTestId(row.original)}>
            {row.getAllCells().map((cell) => (
              <td key={cell.id}>
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
