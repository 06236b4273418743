import { describe, expect, it } from 'vitest';
import { distinctLine, withSeriesCues } from '../../src/ui/charts/series-cues.ts';

type S = Record<string, unknown> & { lineStyle?: Record<string, unknown>; itemStyle?: Record<string, unknown> };
const seriesOf = (o: object) => (o as { series: S[] }).series;

describe('series told apart by more than colour', () => {
  it('gives each visible line its own marker and dash, keeping what the chart set and skipping band edges', () => {
    const out = seriesOf(
      withSeriesCues({
        series: [
          { name: 'низ', type: 'line', symbol: 'none', lineStyle: { opacity: 0 } },
          { name: 'школа', type: 'line' },
          { name: 'муниципалитет', type: 'line', lineStyle: { type: 'dotted' } },
          { name: 'третья', type: 'line', symbol: 'pin' },
        ],
      }),
    );
    expect(out[0]).toEqual({ name: 'низ', type: 'line', symbol: 'none', lineStyle: { opacity: 0 } });
    expect(out[1]).toMatchObject({ symbol: 'circle', lineStyle: { type: 'solid' } });
    expect(out[2]).toMatchObject({ symbol: 'rect', lineStyle: { type: 'dotted' } });
    expect(out[3]).toMatchObject({ symbol: 'pin', lineStyle: { type: 'dotted' } });
    const markers = out.slice(1).map((s) => s.symbol);
    expect(new Set(markers).size).toBe(markers.length);
  });

  it('patterns every bar series after the first, unless it has its own decal', () => {
    const own = { symbol: 'circle' };
    const out = seriesOf(withSeriesCues({ series: [{ type: 'bar' }, { type: 'bar' }, { type: 'bar', itemStyle: { decal: own } }, { type: 'bar', itemStyle: { color: '#000' } }] }));
    expect(out[0]!.itemStyle).toBeUndefined();
    expect(out[1]!.itemStyle?.decal).toBeDefined();
    expect(out[2]!.itemStyle?.decal).toBe(own);
    expect(out[3]!.itemStyle).toMatchObject({ color: '#000' });
    expect(out[3]!.itemStyle?.decal).not.toEqual(out[1]!.itemStyle?.decal);
  });

  it('leaves a chart with one series as it is', () => {
    const option = { series: [{ type: 'line' }] };
    expect(withSeriesCues(option)).toBe(option);
  });

  it('cycles markers and dashes for many lines', () => {
    expect(distinctLine(0).symbol).not.toBe(distinctLine(1).symbol);
    expect(distinctLine(24)).toEqual(distinctLine(0));
    expect(distinctLine(8).symbol).toBe(distinctLine(0).symbol);
    expect(distinctLine(8).lineStyle).not.toEqual(distinctLine(0).lineStyle);
  });
});
