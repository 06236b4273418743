import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the modules the app draws with, so the bundle carries ECharts core and these alone.
echarts.use([
  LineChart,
  BarChart,
  ScatterChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  MarkLineComponent,
  MarkAreaComponent,
  VisualMapComponent,
  AriaComponent,
  SVGRenderer,
]);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';

/**
 * A colour-blind safe palette (Okabe–Ito), the colours with at least 3:1 contrast on white first
 * (non-text contrast, WCAG 1.4.11); vermillion comes late because goal and boundary lines use it.
 */
export const PALETTE = ['#0072B2', '#009E73', '#CC79A7', '#000000', '#D55E00', '#E69F00', '#56B4E9', '#F0E442'];

/** A single-hue sequential scale (ColorBrewer Blues) for heat maps: readable with any colour vision. */
export const SEQUENTIAL = ['#f7fbff', '#6baed6', '#08306b'];

/** Escapes text for ECharts tooltips, which render HTML: school names are data, never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
