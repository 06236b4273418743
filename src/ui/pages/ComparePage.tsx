import type { SortingState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { describeFilters, type Filters } from '../../core/filters.ts';
import { formatNumber, formatPct, formatPp } from '../../core/format.ts';
import { plural } from '../../core/import-problem.ts';
import {
  compareBaseSql,
  compareCountSql,
  comparePageSql,
  compareSortFromState,
  DEFAULT_COMPARE_SORT,
  growthSql,
  heatmapSql,
  parseTrend,
  vprVsExamSql,
  type CompareRow,
} from '../../core/sql/compare-queries.ts';
import { slicesSql } from '../../core/sql/queries.ts';
import { useQuery } from '../../state/use-query.ts';
import { escapeHtml, SEQUENTIAL } from '../charts/echarts.ts';
import { Chart } from '../components/Chart.tsx';
import { CompareTable } from '../components/CompareTable.tsx';
import { FilterBar } from '../components/FilterBar.tsx';
import { QueryStatus } from '../components/QueryStatus.tsx';

type Row = CompareRow & Record<string, unknown>;
const HEATMAP_SCHOOLS = 40;

/**
 * «Сравнение» (regional methodist): all schools of the filters in a sortable, virtualised table with
 * a column chooser and grouping; heat map school × subject; ВПР vs ОГЭ quadrants; growth vs level;
 * 2–6 schools side by side.
 */
export function ComparePage({ filters, onFilters }: { filters: Filters; onFilters: (f: Filters) => void }) {
  const slices = useQuery<{ procedure: string; year: number }>(slicesSql());
  const procedures = [...new Set((slices.data ?? []).map((s) => s.procedure))];
  const proc = filters.procedure && procedures.includes(filters.procedure) ? filters.procedure : procedures.includes('ВПР') ? 'ВПР' : procedures[0];
  const years = (slices.data ?? []).filter((s) => s.procedure === proc).map((s) => s.year);
  const year = filters.year !== undefined && years.includes(filters.year) ? filters.year : years[years.length - 1];
  const shown: Filters = { ...filters, ...(proc ? { procedure: proc } : {}), ...(year !== undefined ? { year } : {}) };
  const [sorting, setSorting] = useState<SortingState>([{ id: DEFAULT_COMPARE_SORT.column, desc: DEFAULT_COMPARE_SORT.desc }]);
  const [grouped, setGrouped] = useState(false);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<CompareRow[]>([]);
  const { column: sort, desc } = compareSortFromState(sorting);
  const base = proc && year !== undefined ? compareBaseSql(proc, year, filters, search) : null;
  const count = useQuery<{ n: number }>(base ? compareCountSql(base) : null);
  const total = count.data?.[0]?.n ?? 0;
  const top = useQuery<Row>(base ? comparePageSql(base, sort, desc, 0, HEATMAP_SCHOOLS, grouped) : null);
  const heat = useQuery<{ school_id: string; name: string; subject: string; quality_pct: number; marked: number }>(
    proc && year !== undefined && top.data ? heatmapSql(proc, year, filters, top.data.map((r) => r.school_id)) : null,
  );
  const scatter = useQuery<{ school_id: string; name: string; vpr_quality: number; vpr_n: number; exam_quality: number; exam_n: number }>(
    year !== undefined ? vprVsExamSql(year, 'ОГЭ', filters) : null,
  );
  const growth = useQuery<{ school_id: string; name: string; quality_pct: number; change_pp: number; marked: number }>(base ? growthSql(base) : null);

  return (
    <section aria-labelledby="compare-title">
      <h1 id="compare-title">Сравнение школ</h1>
      <FilterBar filters={shown} onChange={onFilters} show={['procedure', 'year', 'subject', 'grade', 'municipality', 'category']} />
      <QueryStatus state={count} what="список школ" />
      {base && (
        <CompareTable
          base={base}
          total={total}
          search={search}
          onSearchChange={setSearch}
          sorting={sorting}
          onSortingChange={setSorting}
          grouped={grouped}
          onGroupedChange={setGrouped}
          picked={selected}
          onPickedChange={setSelected}
          filters={filters}
          summary={
            count.data
              ? `${describeFilters(shown)}${search.trim() ? `, поиск «${search.trim()}»` : ''}: ${formatNumber(total)} ${plural(total, 'школа', 'школы', 'школ')}. Отметьте 2–6 школ, чтобы сравнить их рядом (выбрано: ${selected.length}).`
              : 'Считаем школы…'
          }
        />
      )}
      {selected.length >= 2 && <SideBySide rows={selected} />}
      <div className="chart-grid">
        {heat.data && heat.data.length > 0 && <Heatmap cells={heat.data} title={`Качество знаний по предметам, % — ${describeFilters(shown)}; первые ${HEATMAP_SCHOOLS} школ таблицы`} />}
        {scatter.data && scatter.data.length > 0 && year !== undefined && <Quadrants points={scatter.data} year={year} />}
        {growth.data && growth.data.length > 0 && year !== undefined && <Growth points={growth.data} year={year} />}
      </div>
    </section>
  );
}

function SideBySide({ rows }: { rows: CompareRow[] }) {
  const option = useMemo(() => {
    const years = [...new Set(rows.flatMap((r) => parseTrend(r.trend).map((p) => p[0])))].sort();
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatPct(v) : '—') },
      legend: { top: 0, formatter: (name: string) => name },
      grid: { left: 48, right: 16, top: 48, bottom: 32 },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: { type: 'value', min: 0, max: 100, name: '%' },
      series: rows.map((r) => {
        const t = new Map(parseTrend(r.trend));
        return { name: r.name, type: 'line', data: years.map((y) => t.get(y) ?? null) };
      }),
    };
  }, [rows]);
  return (
    <section aria-labelledby="side-title" data-testid="side-by-side">
      <h2 id="side-title">Выбранные школы рядом</h2>
      <table className="data compact" data-testid="side-by-side-table">
        <thead>
          <tr>
            <th scope="col">Школа</th>
            <th scope="col">n</th>
            <th scope="col">Качество</th>
            <th scope="col">Успеваемость</th>
            <th scope="col">Средняя отметка</th>
            <th scope="col">Изменение</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.school_id}>
              <th scope="row">{r.name}</th>
              <td>{formatNumber(r.marked)}</td>
              <td>{formatPct(r.quality_pct)} ({formatNumber(r.quality_low, 0)}–{formatNumber(r.quality_high, 0)})</td>
              <td>{formatPct(r.success_pct)}</td>
              <td>{formatNumber(r.mean_mark, 2)}</td>
              <td>{formatPp(r.change_pp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Chart title="Качество знаний выбранных школ по годам, %" option={option} description="Линии — качество знаний каждой выбранной школы по годам." source="Источник: импортированные результаты; n по годам — на странице школы." />
    </section>
  );
}

function Heatmap({ cells, title }: { cells: Array<{ school_id: string; name: string; subject: string; quality_pct: number; marked: number }>; title: string }) {
  const schools = useMemo(() => [...new Map(cells.map((c) => [c.school_id, c.name])).entries()], [cells]);
  const option = useMemo(() => {
    const subjects = [...new Set(cells.map((c) => c.subject))].sort();
    return {
      tooltip: {
        formatter: (p: { data: [number, number, number, number] }) =>
          `${escapeHtml(schools[p.data[1]]?.[1] ?? '')}<br/>${escapeHtml(subjects[p.data[0]] ?? '')}: ${formatPct(p.data[2])} (n=${formatNumber(p.data[3])})`,
      },
      grid: { left: 220, right: 24, top: 16, bottom: 120 },
      xAxis: { type: 'category', data: subjects, axisLabel: { rotate: 35 } },
      yAxis: { type: 'category', data: schools.map((s) => s[1]), inverse: true, axisLabel: { width: 200, overflow: 'truncate' } },
      visualMap: { dimension: 2, min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: SEQUENTIAL }, text: ['100 %', '0 %'] },
      series: [
        {
          type: 'heatmap',
          data: cells.map((c) => [subjects.indexOf(c.subject), schools.findIndex((s) => s[0] === c.school_id), c.quality_pct, c.marked]),
          // Every cell carries its number, so the colour scale is never the only way to read it.
          label: { show: true, formatter: (p: { data: number[] }) => formatNumber(p.data[2], 0), fontSize: 10 },
        },
      ],
    };
  }, [cells, schools]);
  return (
    <Chart
      title={title}
      option={option}
      height={Math.max(290, schools.length * 22 + 150)}
      description="Тепловая карта: строки — школы, столбцы — предметы, цвет и число — качество знаний в процентах."
      source={`Источник: импортированные результаты; в подсказке — n каждой ячейки; всего ячеек ${cells.length}.`}
      testId="heatmap"
    />
  );
}

function Quadrants({ points, year }: { points: Array<{ name: string; vpr_quality: number; vpr_n: number; exam_quality: number; exam_n: number }>; year: number }) {
  const option = useMemo(() => {
    const mean = (k: 'vpr_quality' | 'exam_quality', n: 'vpr_n' | 'exam_n') =>
      points.reduce((s, p) => s + p[k] * p[n], 0) / Math.max(1, points.reduce((s, p) => s + p[n], 0));
    const mv = mean('vpr_quality', 'vpr_n');
    const me = mean('exam_quality', 'exam_n');
    return {
      tooltip: {
        formatter: (p: { data: [number, number, string, number, number] }) =>
          `${escapeHtml(p.data[2])}<br/>ВПР: ${formatPct(p.data[0])} (n=${formatNumber(p.data[3])})<br/>ОГЭ: ${formatPct(p.data[1])} (n=${formatNumber(p.data[4])})`,
      },
      grid: { left: 56, right: 64, top: 24, bottom: 48 },
      xAxis: { type: 'value', name: 'ВПР, качество %', nameLocation: 'middle', nameGap: 28, min: 0, max: 100 },
      yAxis: { type: 'value', name: 'ОГЭ, качество %', min: 0, max: 100 },
      series: [
        {
          type: 'scatter',
          data: points.map((p) => [p.vpr_quality, p.exam_quality, p.name, p.vpr_n, p.exam_n]),
          markLine: {
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#57606a' },
            label: { formatter: (l: { value: number }) => formatPct(l.value) },
            data: [{ xAxis: mv }, { yAxis: me }],
          },
          // The four quadrants named in words; the one that asks for a check is tinted.
          markArea: {
            silent: true,
            itemStyle: { color: 'rgba(0, 0, 0, 0)' },
            label: { color: '#57606a', fontSize: 11 },
            data: [
              [{ xAxis: mv, yAxis: me, name: 'выше среднего в обоих', label: { position: 'insideTopRight' } }, { xAxis: 100, yAxis: 100 }],
              [
                { xAxis: mv, yAxis: 0, name: 'ВПР выше, ОГЭ ниже — проверить объективность', label: { position: 'insideBottomRight', color: '#8a4b00' }, itemStyle: { color: 'rgba(213, 94, 0, 0.07)' } },
                { xAxis: 100, yAxis: me },
              ],
              [{ xAxis: 0, yAxis: me, name: 'ВПР ниже, ОГЭ выше', label: { position: 'insideTopLeft' } }, { xAxis: mv, yAxis: 100 }],
              [{ xAxis: 0, yAxis: 0, name: 'ниже среднего в обоих', label: { position: 'insideBottomLeft' } }, { xAxis: mv, yAxis: me }],
            ],
          },
        },
      ],
    };
  }, [points]);
  return (
    <Chart
      title={`ВПР и ОГЭ: качество знаний школ, ${year}, %`}
      option={option}
      description="Точки — школы: по горизонтали качество ВПР, по вертикали качество ОГЭ; пунктир — средние по всем школам. Правый нижний квадрант — высокий ВПР при слабом ОГЭ: повод проверить объективность."
      source={`Источник: импортированные результаты ВПР и ОГЭ ${year}; школ: ${points.length}; n каждой школы — в подсказке.`}
      testId="quadrants"
    />
  );
}

function Growth({ points, year }: { points: Array<{ name: string; quality_pct: number; change_pp: number; marked: number }>; year: number }) {
  const option = useMemo(
    () => ({
      tooltip: {
        formatter: (p: { data: [number, number, string, number] }) =>
          `${escapeHtml(p.data[2])}<br/>Качество ${year}: ${formatPct(p.data[0])} (n=${formatNumber(p.data[3])})<br/>Изменение: ${formatPp(p.data[1])}`,
      },
      grid: { left: 56, right: 24, top: 24, bottom: 48 },
      xAxis: { type: 'value', name: `Качество ${year}, %`, nameLocation: 'middle', nameGap: 28, min: 0, max: 100 },
      yAxis: { type: 'value', name: 'Изменение к прошлому году, п.п.' },
      series: [{ type: 'scatter', data: points.map((p) => [p.quality_pct, p.change_pp, p.name, p.marked]), markLine: { symbol: 'none', data: [{ yAxis: 0 }], lineStyle: { color: '#57606a' } } }],
    }),
    [points, year],
  );
  return (
    <Chart
      title={`Рост и уровень: качество ${year} и его изменение к ${year - 1}`}
      option={option}
      description="Точки — школы: по горизонтали уровень качества, по вертикали изменение к прошлому году в процентных пунктах."
      source={`Источник: импортированные результаты; школ: ${points.length}; n каждой школы — в подсказке.`}
      testId="growth"
    />
  );
}
