import type { ChartBlock } from '../../core/report/report-model.ts';
import { formatNumber } from '../../core/format.ts';
import { echarts, PALETTE, type EChartsCoreOption } from '../charts/echarts.ts';
import { withSeriesCues } from '../charts/series-cues.ts';

/** The ECharts option of a report chart (the same for the preview and the DOCX image). */
export function chartOption(c: ChartBlock): EChartsCoreOption {
  const label = (v: number) => `${formatNumber(v)}${c.unit ? `\u202f${c.unit}` : ''}`;
  // The DOCX image is printed, often in black and white: series carry markers and patterns too.
  return withSeriesCues({
    color: PALETTE,
    animation: false,
    grid: { top: 36, left: 56, right: 24, bottom: 40 },
    legend: { top: 0, data: c.series.map((s) => s.name) },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: c.categories },
    yAxis: { type: 'value', axisLabel: { formatter: label }, ...(c.unit === '%' ? { max: 100, min: 0 } : {}) },
    series: c.series.map((s, i) => ({
      name: s.name,
      type: c.kind,
      data: s.values,
      connectNulls: false,
      label: c.kind === 'bar' ? { show: true, position: 'top', formatter: (p: { value: number | null }) => (p.value === null ? '' : formatNumber(p.value, 1)) } : undefined,
      ...(i === 0 && c.goal
        ? { markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#D55E00' }, label: { formatter: c.goal.label }, data: [{ yAxis: c.goal.value }] } }
        : {}),
    })),
  });
}

/** Draws a report chart offscreen with the SVG renderer (title and source line included) and returns the SVG text. */
export function chartSvg(c: ChartBlock, width = 720, height = 360): string {
  const div = document.createElement('div');
  const chart = echarts.init(div, null, { renderer: 'svg', width, height });
  try {
    const base = chartOption(c) as { grid: object; legend: object };
    chart.setOption({
      ...base,
      title: { text: c.title, left: 'center', top: 0, textStyle: { fontSize: 14 } },
      legend: { ...base.legend, top: 26 },
      grid: { ...base.grid, top: 64, bottom: 44 },
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
