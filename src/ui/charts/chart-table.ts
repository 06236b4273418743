import type { EChartsCoreOption } from 'echarts/core';
import { formatNumber } from '../../core/format.ts';

/** A chart's numbers as a table: what a keyboard or screen-reader user reads instead of hover tooltips. */
export interface ChartTable {
  columns: string[];
  rows: string[][];
}

type Axis = { type?: string; data?: unknown[]; name?: string };
type Series = { type?: string; name?: string; data?: unknown[]; stack?: string; tooltip?: { show?: boolean } };

const first = <T>(a: T | T[] | undefined): T | undefined => (Array.isArray(a) ? a[0] : a);
const text = (v: unknown, digits = 1): string =>
  v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? '—' : typeof v === 'number' ? formatNumber(v, Number.isInteger(v) ? 0 : digits) : String(v);
const valueOf = (d: unknown): unknown => (d !== null && typeof d === 'object' && !Array.isArray(d) && 'value' in d ? (d as { value: unknown }).value : d);

/**
 * Reads the numbers out of an ECharts option: category charts (lines, bars) as one row per category
 * and one column per series; scatters as one row per point (its name when the point carries one);
 * heat maps as a matrix. Series that only draw (a stacked interval band, series without tooltips)
 * are left out, since their raw numbers would mislead. Null when the chart is of another kind.
 */
export function chartTable(option: EChartsCoreOption): ChartTable | null {
  const o = option as { xAxis?: Axis | Axis[]; yAxis?: Axis | Axis[]; series?: Series | Series[] };
  const x = first(o.xAxis);
  const y = first(o.yAxis);
  const series = (Array.isArray(o.series) ? o.series : o.series ? [o.series] : []).filter((s) => s.stack === undefined && s.tooltip?.show !== false && Array.isArray(s.data));
  if (!x || !y || series.length === 0) return null;
  const heat = series.find((s) => s.type === 'heatmap');
  if (heat && Array.isArray(x.data) && Array.isArray(y.data)) {
    const cells = new Map<string, unknown>();
    for (const d of heat.data!) if (Array.isArray(d)) cells.set(`${String(d[0])}:${String(d[1])}`, d[2]);
    return {
      columns: ['', ...x.data.map(String)],
      rows: y.data.map((row, j) => [String(row), ...x.data!.map((_, i) => text(cells.get(`${i}:${j}`), 0))]),
    };
  }
  const category = x.type === 'category' ? x : y.type === 'category' ? y : undefined;
  if (category && Array.isArray(category.data) && series.every((s) => s.type === 'line' || s.type === 'bar')) {
    return {
      columns: [category.name ?? '', ...series.map((s, i) => s.name ?? `Ряд ${i + 1}`)],
      rows: category.data.map((c, i) => [String(valueOf(c)), ...series.map((s) => text(valueOf(s.data![i])))]),
    };
  }
  if (series.every((s) => s.type === 'scatter')) {
    const named = series.some((s) => s.data!.some((d) => Array.isArray(d) && typeof d[2] === 'string'));
    const columns = [...(named ? [''] : []), x.name ?? 'x', y.name ?? 'y'];
    const rows = series.flatMap((s) => s.data!.filter(Array.isArray).map((d) => [...(named ? [String(d[2] ?? '')] : []), text(d[0]), text(d[1])]));
    return { columns, rows };
  }
  return null;
}
