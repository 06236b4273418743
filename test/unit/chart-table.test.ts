import { describe, expect, it } from 'vitest';
import { chartTable } from '../../src/ui/charts/chart-table.ts';

describe('a chart read out as a table', () => {
  it('gives lines one row per category, leaves out a stacked band and untooltipped series', () => {
    const t = chartTable({
      xAxis: { type: 'category', data: ['2024', '2025'] },
      yAxis: { type: 'value' },
      series: [
        { name: 'низ', type: 'line', stack: 'ci', data: [10, 12], tooltip: { show: false } },
        { name: '95 % интервал', type: 'line', stack: 'ci', data: [8, 9] },
        { name: 'Качество школы', type: 'line', data: [40.25, null] },
        { name: 'Муниципалитет', type: 'line', data: [{ value: 38 }, 39.5] },
      ],
    });
    expect(t).toEqual({
      columns: ['', 'Качество школы', 'Муниципалитет'],
      rows: [
        ['2024', '40,3', '38'],
        ['2025', '—', '39,5'],
      ],
    });
  });

  it('gives a scatter one row per named point and a heat map its matrix', () => {
    expect(
      chartTable({
        xAxis: { type: 'value', name: 'ВПР' },
        yAxis: { type: 'value', name: 'ОГЭ' },
        series: [{ type: 'scatter', data: [[50, 40.5, 'Школа <b>1</b>', 10, 12]] }],
      }),
    ).toEqual({ columns: ['', 'ВПР', 'ОГЭ'], rows: [['Школа <b>1</b>', '50', '40,5']] });
    expect(
      chartTable({
        xAxis: { type: 'category', data: ['Математика', 'Русский язык'] },
        yAxis: { type: 'category', data: ['А', 'Б'] },
        series: [{ type: 'heatmap', data: [[0, 0, 70.4, 10], [1, 1, 25, 20]] }],
      }),
    ).toEqual({ columns: ['', 'Математика', 'Русский язык'], rows: [['А', '70', '—'], ['Б', '—', '25']] });
  });

  it('returns null for a chart it cannot read', () => {
    expect(chartTable({ series: [{ type: 'pie', data: [1] }] })).toBeNull();
  });
});
