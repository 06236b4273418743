import { useState } from 'react';
import type { Filters } from '../../core/filters.ts';
import { formatNumber, formatPp } from '../../core/format.ts';
import { comparePageSql, parseTrend, type CompareRow, type SortColumn } from '../../core/sql/compare-queries.ts';
import { routeHref } from '../../state/route.ts';
import { useQuery } from '../../state/use-query.ts';
import { Share } from './Share.tsx';
import { Sparkline } from './Sparkline.tsx';

const ROW_HEIGHT = 44;
const VIEWPORT = 560;
/** Rows fetched per request: windows are aligned to pages so scrolling back hits the query cache. */
const PAGE = 50;

/** Columns a methodist can show or hide. */
export const COMPARE_COLUMNS = [
  { id: 'municipality', label: 'Муниципалитет', sort: 'municipality' },
  { id: 'category', label: 'Категория' },
  { id: 'marked', label: 'n', sort: 'marked' },
  { id: 'quality', label: 'Качество знаний', sort: 'quality_pct' },
  { id: 'success', label: 'Успеваемость', sort: 'success_pct' },
  { id: 'mean_mark', label: 'Средняя отметка', sort: 'mean_mark' },
  { id: 'change', label: 'Изменение к прошлому году', sort: 'change_pp' },
  { id: 'trend', label: 'Динамика' },
] as const satisfies ReadonlyArray<{ id: string; label: string; sort?: SortColumn }>;
export type CompareColumnId = (typeof COMPARE_COLUMNS)[number]['id'];

type Row = CompareRow & Record<string, unknown>;

/**
 * The schools table of «Сравнение»: DuckDB sorts and returns only the visible window, the page
 * renders only the rows in view (thousands of schools scroll smoothly), rows can be picked to compare.
 */
export function CompareTable({ base, total, visible, sort, desc, grouped, onSort, selected, onToggle, filters }: {
  base: string;
  total: number;
  visible: ReadonlySet<CompareColumnId>;
  sort: SortColumn;
  desc: boolean;
  grouped: boolean;
  onSort: (col: SortColumn) => void;
  selected: readonly string[];
  onToggle: (row: CompareRow) => void;
  filters: Filters;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.floor(scrollTop / ROW_HEIGHT);
  const count = Math.ceil(VIEWPORT / ROW_HEIGHT) + 1;
  const pageStart = Math.floor(first / PAGE) * PAGE;
  const needsNext = first + count > pageStart + PAGE;
  const page = useQuery<Row>(comparePageSql(base, sort, desc, pageStart, PAGE, grouped));
  const next = useQuery<Row>(needsNext ? comparePageSql(base, sort, desc, pageStart + PAGE, PAGE, grouped) : null);
  const rows = [...(page.data ?? []), ...(needsNext ? (next.data ?? []) : [])];
  const cols = COMPARE_COLUMNS.filter((c) => visible.has(c.id));
  const shown = rows.slice(first - pageStart, first - pageStart + count);
  return (
    <div className="vtable" role="table" aria-label="Школы" aria-rowcount={total + 1} data-testid="compare-table">
      <div className="vrow vhead" role="row">
        <span role="columnheader" className="vcell pick" aria-label="Сравнить" />
        <SortHeader label="Школа" col="name" sort={sort} desc={desc} onSort={onSort} wide />
        {cols.map((c) =>
          'sort' in c ? (
            <SortHeader key={c.id} label={c.label} col={c.sort} sort={sort} desc={desc} onSort={onSort} />
          ) : (
            <span key={c.id} role="columnheader" className="vcell">
              {c.label}
            </span>
          ),
        )}
      </div>
      <div className="vbody" style={{ height: VIEWPORT }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} tabIndex={0} aria-label="Строки таблицы, прокрутка">
        <div style={{ height: total * ROW_HEIGHT, position: 'relative' }}>
          {shown.map((r, i) => {
            const index = first + i;
            const groupStart = grouped && (index === 0 || rows[index - pageStart - 1]?.municipality !== r.municipality);
            return (
              <div
                key={r.school_id}
                className={groupStart ? 'vrow group-start' : 'vrow'}
                role="row"
                aria-rowindex={index + 2}
                style={{ position: 'absolute', top: index * ROW_HEIGHT, height: ROW_HEIGHT, left: 0, right: 0 }}
                data-testid={`compare-row-${r.school_id}`}
              >
                <span role="cell" className="vcell pick">
                  <input
                    type="checkbox"
                    aria-label={`Сравнить: ${r.name}`}
                    checked={selected.includes(r.school_id)}
                    disabled={!selected.includes(r.school_id) && selected.length >= 6}
                    onChange={() => onToggle(r)}
                  />
                </span>
                <span role="cell" className="vcell wide">
                  <a href={routeHref({ page: 'school', schoolId: r.school_id }, { subject: filters.subject, grade: filters.grade })}>{r.name}</a>
                </span>
                {cols.map((c) => (
                  <span key={c.id} role="cell" className="vcell">
                    {cell(c.id, r, groupStart)}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function cell(id: CompareColumnId, r: CompareRow, groupStart: boolean) {
  switch (id) {
    case 'municipality':
      return groupStart ? <strong>{r.municipality}</strong> : r.municipality;
    case 'category':
      return <span className="badges">{[r.shnor ? 'ШНОР' : '', r.sssu ? 'ШССУ' : ''].filter(Boolean).join(', ')}</span>;
    case 'marked':
      return formatNumber(r.marked);
    case 'quality':
      return <Share pct={r.quality_pct} low={r.quality_low} high={r.quality_high} n={r.marked} testId="quality" />;
    case 'success':
      return <Share pct={r.success_pct} low={r.success_low} high={r.success_high} n={r.marked} />;
    case 'mean_mark':
      return formatNumber(r.mean_mark, 2);
    case 'change':
      return formatPp(r.change_pp);
    case 'trend':
      return <Sparkline points={parseTrend(r.trend)} />;
  }
}

function SortHeader({ label, col, sort, desc, onSort, wide }: { label: string; col: SortColumn; sort: SortColumn; desc: boolean; onSort: (c: SortColumn) => void; wide?: boolean }) {
  const active = sort === col;
  return (
    <span role="columnheader" className={wide ? 'vcell wide' : 'vcell'} aria-sort={active ? (desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort" onClick={() => onSort(col)}>
        {label}
        <span aria-hidden="true">{active ? (desc ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </span>
  );
}
