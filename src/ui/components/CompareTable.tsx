import {
  columnFilteringFeature,
  columnVisibilityFeature,
  functionalUpdate,
  globalFilteringFeature,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type OnChangeFn,
  type PaginationState,
  type RowSelectionState,
  type SortingState,
} from '@tanstack/react-table';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Filters } from '../../core/filters.ts';
import { formatNumber, formatPp } from '../../core/format.ts';
import { comparePageSql, compareSortFromState, parseTrend, type CompareRow } from '../../core/sql/compare-queries.ts';
import { routeHref } from '../../state/route.ts';
import { useQuery } from '../../state/use-query.ts';
import { Share } from './Share.tsx';
import { Sparkline } from './Sparkline.tsx';

const ROW_HEIGHT = 44;
const VIEWPORT = 560;
/** Rows fetched per request: windows are aligned to pages so scrolling back hits the query cache. */
export const COMPARE_PAGE = 50;
/** How many schools can be compared side by side. */
export const MAX_PICKED = 6;

/**
 * The table's features: DuckDB searches, sorts and pages (manual modes); the table keeps column
 * visibility and the picked rows.
 */
export const compareFeatures = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  rowSortingFeature,
  rowPaginationFeature,
  columnVisibilityFeature,
  rowSelectionFeature,
});
/** How long typing may pause before the search runs (one query per pause, not per key). */
const SEARCH_DELAY_MS = 250;
type CompareFeatures = typeof compareFeatures;
type Row = CompareRow & Record<string, unknown>;

/** Column widths of the grid the rows are laid out on (header and rows share it). */
const WIDTH: Record<string, string> = {
  pick: '40px',
  name: 'minmax(200px, 2.4fr)',
  municipality: 'minmax(130px, 1fr)',
  category: '100px',
  marked: '60px',
  quality_pct: 'minmax(168px, 1fr)',
  success_pct: 'minmax(168px, 1fr)',
  mean_mark: '100px',
  change_pp: '128px',
  trend: '116px',
};

/** The visible name of each column the methodist can hide (for the column chooser). */
const LABELS: Record<string, string> = {
  municipality: 'Муниципалитет',
  category: 'Категория',
  marked: 'n — участников с отметкой',
  quality_pct: 'Качество знаний',
  success_pct: 'Успеваемость',
  mean_mark: 'Средняя отметка',
  change_pp: 'Изменение к прошлому году',
  trend: 'Динамика',
};

function columnsFor(filters: Filters, groupStarts: ReadonlySet<string>): Array<ColumnDef<CompareFeatures, Row>> {
  return [
    {
      id: 'pick',
      header: () => <span className="visually-hidden">Сравнить</span>,
      cell: ({ row }) => (
        <input
          type="checkbox"
          data-focus="pick"
          aria-label={`Сравнить: ${row.original.name}`}
          checked={row.getIsSelected()}
          disabled={!row.getCanSelect()}
          onChange={row.getToggleSelectedHandler()}
        />
      ),
      enableSorting: false,
      enableHiding: false,
    },
    {
      id: 'name',
      accessorKey: 'name',
      header: 'Школа',
      sortDescFirst: false,
      enableHiding: false,
      cell: ({ row: { original: r } }) => (
        <a data-focus="name" title={r.name} href={routeHref({ page: 'school', schoolId: r.school_id }, { subject: filters.subject, grade: filters.grade })}>
          {r.name}
        </a>
      ),
    },
    {
      id: 'municipality',
      accessorKey: 'municipality',
      header: LABELS.municipality,
      sortDescFirst: false,
      cell: ({ row: { original: r } }) => <span title={r.municipality ?? undefined}>{groupStarts.has(r.school_id) ? <strong>{r.municipality}</strong> : r.municipality}</span>,
    },
    {
      id: 'category',
      accessorFn: (r) => [r.shnor ? 'ШНОР' : '', r.sssu ? 'ШССУ' : ''].filter(Boolean).join(', '),
      header: LABELS.category,
      enableSorting: false,
      cell: (info) => <span className="badges">{String(info.getValue())}</span>,
    },
    {
      id: 'marked',
      accessorKey: 'marked',
      header: () => <abbr title="участников с отметкой">n</abbr>,
      sortDescFirst: true,
      cell: ({ row: { original: r } }) => <span className="num">{formatNumber(r.marked)}</span>,
    },
    {
      id: 'quality_pct',
      accessorKey: 'quality_pct',
      header: LABELS.quality_pct,
      sortDescFirst: true,
      cell: ({ row: { original: r } }) => <Share pct={r.quality_pct} low={r.quality_low} high={r.quality_high} n={r.marked} testId="quality" />,
    },
    {
      id: 'success_pct',
      accessorKey: 'success_pct',
      header: LABELS.success_pct,
      sortDescFirst: true,
      cell: ({ row: { original: r } }) => <Share pct={r.success_pct} low={r.success_low} high={r.success_high} n={r.marked} testId="success" />,
    },
    {
      id: 'mean_mark',
      accessorKey: 'mean_mark',
      header: LABELS.mean_mark,
      sortDescFirst: true,
      cell: ({ row: { original: r } }) => <span className="num">{formatNumber(r.mean_mark, 2)}</span>,
    },
    {
      id: 'change_pp',
      accessorKey: 'change_pp',
      header: LABELS.change_pp,
      sortDescFirst: true,
      cell: ({ row: { original: r } }) => <span className="num">{formatPp(r.change_pp)}</span>,
    },
    {
      id: 'trend',
      accessorKey: 'trend',
      header: LABELS.trend,
      enableSorting: false,
      cell: ({ row: { original: r } }) => <Sparkline points={parseTrend(r.trend)} />,
    },
  ];
}

/**
 * The schools table of «Сравнение» on TanStack Table: sorting and paging are manual — the sorting
 * state becomes DuckDB's ORDER BY and the scroll position the page of rows fetched (LIMIT/OFFSET) —
 * and only the rows in view are rendered, so thousands of schools scroll smoothly. Columns can be
 * hidden, rows grouped by municipality and picked (2–6) to compare. Keyboard: headers are buttons,
 * ↑/↓ move between rows (the same control), Space ticks a school.
 */
export function CompareTable({ base, total, search, onSearchChange, sorting, onSortingChange, grouped, onGroupedChange, picked, onPickedChange, filters, summary }: {
  base: string;
  total: number;
  /** The search text (the table's global filter; DuckDB applies it in `base`). */
  search: string;
  onSearchChange: (s: string) => void;
  sorting: SortingState;
  onSortingChange: (s: SortingState) => void;
  grouped: boolean;
  onGroupedChange: (g: boolean) => void;
  /** The schools picked to compare, in the order they were picked. */
  picked: readonly CompareRow[];
  onPickedChange: (rows: CompareRow[]) => void;
  filters: Filters;
  /** What the table holds (count and filters), shown above it. */
  summary: ReactNode;
}) {
  const body = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const pendingFocus = useRef<{ position: number; control: string } | null>(null);
  const { column, desc } = compareSortFromState(sorting);
  const [typed, setTyped] = useState(search);

  const first = Math.floor(scrollTop / ROW_HEIGHT);
  const count = Math.ceil(VIEWPORT / ROW_HEIGHT) + 2;
  const pagination: PaginationState = { pageIndex: Math.floor(first / COMPARE_PAGE), pageSize: COMPARE_PAGE };
  const pageStart = pagination.pageIndex * COMPARE_PAGE;
  const needsNext = first + count > pageStart + COMPARE_PAGE && pageStart + COMPARE_PAGE < total;
  const page = useQuery<Row>(comparePageSql(base, column, desc, pageStart, COMPARE_PAGE, grouped));
  const next = useQuery<Row>(needsNext ? comparePageSql(base, column, desc, pageStart + COMPARE_PAGE, COMPARE_PAGE, grouped) : null);
  const pageData = page.data;
  const nextData = needsNext ? next.data : undefined;
  const data = useMemo(() => [...(pageData ?? []), ...(nextData ?? [])], [pageData, nextData]);

  // A row starts a municipality group when the row before it (in the whole order) is of another one.
  const groupStarts = useMemo(() => {
    const starts = new Set<string>();
    if (!grouped) return starts;
    const byPosition = new Map(data.map((r) => [r.position, r]));
    for (const r of data) {
      const prev = byPosition.get((r.position ?? 0) - 1);
      if (r.position === 1 || (prev && prev.municipality !== r.municipality)) starts.add(r.school_id);
    }
    return starts;
  }, [data, grouped]);
  const columns = useMemo(() => columnsFor(filters, groupStarts), [filters, groupStarts]);

  const rowSelection = useMemo<RowSelectionState>(() => Object.fromEntries(picked.map((r) => [r.school_id, true] as const)), [picked]);
  const onRowSelectionChange: OnChangeFn<RowSelectionState> = (updater) => {
    const nextSelection = functionalUpdate(updater, rowSelection);
    const known = new Map<string, CompareRow>([...data.map((r) => [r.school_id, r] as const), ...picked.map((r) => [r.school_id, r] as const)]);
    const kept = picked.filter((r) => nextSelection[r.school_id]);
    const added = Object.keys(nextSelection)
      .filter((id) => nextSelection[id] && !rowSelection[id])
      .map((id) => known.get(id))
      .filter((r): r is CompareRow => r !== undefined);
    onPickedChange([...kept, ...added].slice(0, MAX_PICKED));
  };
  const scrollToRow = (index: number) => {
    const el = body.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    setScrollTop(el.scrollTop);
  };
  const table = useTable({
    features: compareFeatures,
    columns,
    data,
    getRowId: (r) => r.school_id,
    manualFiltering: true,
    manualSorting: true,
    manualPagination: true,
    rowCount: total,
    enableMultiSort: false,
    enableSortingRemoval: false,
    enableRowRangeSelection: false,
    enableRowSelection: (row) => row.getIsSelected() || picked.length < MAX_PICKED,
    state: { sorting, pagination, rowSelection, globalFilter: search },
    onGlobalFilterChange: (updater) => {
      onSearchChange(String(functionalUpdate(updater, search) ?? ''));
      if (body.current) body.current.scrollTop = 0;
      setScrollTop(0);
    },
    onSortingChange: (updater) => {
      onSortingChange(functionalUpdate(updater, sorting));
      // A new order starts from its top.
      if (body.current) body.current.scrollTop = 0;
      setScrollTop(0);
    },
    onPaginationChange: (updater) => scrollToRow(functionalUpdate(updater, pagination).pageIndex * COMPARE_PAGE),
    onRowSelectionChange,
  });

  // ↑/↓ on a row's checkbox or link moves to the same control of the row above/below, fetching and
  // scrolling it into view first when it is not rendered yet.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const target = e.target as HTMLElement;
    const control = target.dataset.focus;
    const position = Number(target.closest<HTMLElement>('[data-position]')?.dataset.position);
    if (!control || !position) return;
    const to = Math.min(total, Math.max(1, position + (e.key === 'ArrowDown' ? 1 : -1)));
    e.preventDefault();
    pendingFocus.current = { position: to, control };
    scrollToRow(to - 1);
    focusPending();
  };
  const focusPending = () => {
    const p = pendingFocus.current;
    if (!p) return;
    const el = body.current?.querySelector<HTMLElement>(`[data-position="${p.position}"] [data-focus="${p.control}"]`);
    if (el) {
      el.focus();
      pendingFocus.current = null;
    }
  };
  useEffect(focusPending);
  // Other filters (or a search) make another table: it starts from its top.
  useEffect(() => {
    if (body.current) body.current.scrollTop = 0;
  }, [base]);
  useEffect(() => {
    if (typed === search) return;
    const timer = setTimeout(() => table.setGlobalFilter(typed), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed, search, table]);

  const visibleColumns = table.getVisibleLeafColumns();
  const template = visibleColumns.map((c) => WIDTH[c.id] ?? 'minmax(90px, 1fr)').join(' ');
  const shown = table.getRowModel().rows.filter((r) => {
    const i = (r.original.position ?? 0) - 1;
    return i >= first && i < first + count;
  });
  const loading = page.loading || (needsNext && next.loading);

  return (
    <>
      <div className="table-tools">
        <label className="search">
          Найти школу{' '}
          <input type="search" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="название или код" data-testid="compare-search" />
        </label>
        <span data-testid="compare-count" role="status">
          {summary}
        </span>
        <label>
          <input type="checkbox" checked={grouped} onChange={(e) => onGroupedChange(e.target.checked)} /> группировать по муниципалитету
        </label>
        <details className="column-chooser">
          <summary>Столбцы</summary>
          <fieldset>
            <legend className="visually-hidden">Показывать столбцы</legend>
            {table
              .getAllLeafColumns()
              .filter((c) => c.getCanHide())
              .map((c) => (
                <label key={c.id}>
                  <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} /> {LABELS[c.id] ?? c.id}
                </label>
              ))}
          </fieldset>
        </details>
      </div>
      <div className="vtable" role="table" aria-label="Школы" aria-rowcount={total + 1} aria-colcount={visibleColumns.length} aria-busy={loading} data-testid="compare-table">
        <div role="rowgroup">
          {table.getHeaderGroups().map((g) => (
            <div key={g.id} className="vrow vhead" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
              {g.headers.map((h) => {
                const sorted = h.column.getIsSorted();
                return (
                  <div
                    key={h.id}
                    role="columnheader"
                    className="vcell"
                    aria-sort={h.column.getCanSort() ? (sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none') : undefined}
                  >
                    {h.column.getCanSort() ? (
                      <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()}>
                        <table.FlexRender header={h} />
                        <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                      </button>
                    ) : (
                      <table.FlexRender header={h} />
                    )}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        {total === 0 && !loading && (
          <p className="empty vempty" data-testid="compare-empty">
            {search.trim() ? `Ни одна школа не подходит под поиск «${search.trim()}» и фильтры.` : 'Нет школ с результатами для этих фильтров: выберите другой год или процедуру, или импортируйте данные на странице «Данные».'}
          </p>
        )}
        <div
          ref={body}
          hidden={total === 0}
          role="rowgroup"
          className="vbody"
          style={{ height: Math.min(VIEWPORT, Math.max(1, total) * ROW_HEIGHT + 2) }}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          onKeyDown={onKeyDown}
          tabIndex={0}
          aria-label="Строки таблицы: прокрутка стрелками, ↑/↓ на флажке или ссылке — к соседней школе"
          data-testid="compare-body"
        >
          <div style={{ height: total * ROW_HEIGHT, position: 'relative' }}>
            {shown.map((row) => {
              const position = row.original.position ?? 0;
              return (
                <div
                  key={row.id}
                  className={groupStarts.has(row.id) ? 'vrow group-start' : 'vrow'}
                  role="row"
                  aria-rowindex={position + 1}
                  data-position={position}
                  data-testid={`compare-row-${row.id}`}
                  style={{ position: 'absolute', top: (position - 1) * ROW_HEIGHT, height: ROW_HEIGHT, left: 0, right: 0, gridTemplateColumns: template }}
                >
                  {row.getVisibleCells().map((cell) => (
                    <div key={cell.id} role="cell" className={cell.column.id === 'name' ? 'vcell wrap' : cell.column.id === 'municipality' ? 'vcell wrap small' : 'vcell'}>
                      <table.FlexRender cell={cell} />
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </>
  );
}
