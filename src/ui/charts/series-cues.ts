import type { EChartsCoreOption } from 'echarts/core';

/** Markers for line and scatter series, in series order: a second cue besides colour. */
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow', 'roundRect', 'emptyCircle'] as const;
/** Dash patterns for line series, in series order. */
const DASHES: ReadonlyArray<'solid' | 'dashed' | 'dotted' | number[]> = ['solid', 'dashed', 'dotted', [8, 3, 2, 3], [2, 2], [12, 4]];
/** Fill patterns for bar series after the first (which stays solid), in series order. */
const DECALS = [
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: -0.8 },
  { symbol: 'circle', symbolSize: 0.7, dashArrayX: [[4, 4]], dashArrayY: [4, 4] },
  { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: 0.8 },
  { symbol: 'rect', dashArrayX: [[1, 3]], dashArrayY: [1, 0] },
  { symbol: 'triangle', symbolSize: 0.8, dashArrayX: [[5, 5]], dashArrayY: [5, 5] },
] as const;

type Series = Record<string, unknown> & { type?: string; symbol?: unknown; lineStyle?: Record<string, unknown>; itemStyle?: Record<string, unknown> };

/** The marker and dash of the i-th line of a chart. */
export function distinctLine(i: number): { symbol: string; symbolSize: number; lineStyle: { type: 'solid' | 'dashed' | 'dotted' | number[] } } {
  return { symbol: SYMBOLS[i % SYMBOLS.length]!, symbolSize: 7, lineStyle: { type: DASHES[i % DASHES.length]! } };
}

/**
 * Gives every series of a chart that has several a cue besides its colour, so that colour-blind
 * readers and black-and-white prints can tell them apart: lines get a marker and a dash pattern,
 * scatters a marker, bars a fill pattern (decal). What a chart sets itself is kept.
 */
export function withSeriesCues(option: EChartsCoreOption): EChartsCoreOption {
  const series = (option as { series?: unknown }).series;
  if (!Array.isArray(series) || series.length < 2) return option;
  const counters: Record<string, number> = {};
  const next = (series as Series[]).map((s) => {
    const type = s.type ?? '';
    // An invisible line (an interval band's edges) is no series to tell apart, and takes no cue.
    if (type === 'line' && s.symbol === 'none' && s.lineStyle?.opacity === 0) return s;
    const i = (counters[type] = (counters[type] ?? -1) + 1);
    if (type === 'line') {
      const cue = distinctLine(i);
      return {
        ...s,
        symbol: s.symbol ?? cue.symbol,
        symbolSize: s.symbolSize ?? cue.symbolSize,
        lineStyle: { ...s.lineStyle, type: s.lineStyle?.type ?? cue.lineStyle.type },
      };
    }
    if (type === 'scatter') return { ...s, symbol: s.symbol ?? SYMBOLS[i % SYMBOLS.length] };
    if (type === 'bar' && i > 0 && s.itemStyle?.decal === undefined) {
      return { ...s, itemStyle: { ...s.itemStyle, decal: { color: 'rgba(255, 255, 255, 0.6)', ...DECALS[(i - 1) % DECALS.length] } } };
    }
    return s;
  });
  return { ...option, series: next };
}
