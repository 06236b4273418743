import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/core/report/report-model.ts';
import { escapeHtml } from '../../src/ui/charts/echarts.ts';
import { toXlsx } from '../../src/ui/export/xlsx-export.ts';
import { reportToDocx } from '../../src/ui/report/report-docx.ts';

const PAYLOAD = '<img src=x onerror=alert(1)><script>alert(2)</script>';
const FORMULA = "=cmd|' /C calc'!A0";
const ctx = { title: 'Школы', filters: 'все данные', sources: 'x.csv (01.01.2026)', madeAt: '01.01.2026', version: '0.1.0' };

/** School names with markup or formulas are data: exports and tooltips keep them as text. */
describe('hostile school names in exports and chart tooltips', () => {
  it('chart tooltips (HTML in ECharts) get the name escaped', () => {
    expect(escapeHtml(PAYLOAD)).toBe('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });

  it('XLSX keeps the name as a text cell and neutralises a formula', () => {
    const bytes = toXlsx([{ key: 'name', label: 'Школа' }, { key: 'q', label: 'Качество' }], [{ name: PAYLOAD, q: 40.5 }, { name: FORMULA, q: 1 }], ctx);
    const ws = XLSX.read(bytes, { type: 'array', cellFormula: true }).Sheets['Данные']!;
    expect(ws['A2']).toMatchObject({ t: 's', v: PAYLOAD });
    expect(ws['A2']?.f).toBeUndefined();
    expect(ws['A3']).toMatchObject({ t: 's', v: `'${FORMULA}` });
    expect(ws['A3']?.f).toBeUndefined();
    expect(ws['B2']).toMatchObject({ t: 'n', v: 40.5 });
  });

  it('DOCX writes the name as escaped text, never as markup', async () => {
    const report: Report = {
      title: 'Справка',
      context: [],
      sections: [{ id: 'general', heading: '1. Общие сведения', blocks: [{ type: 'paragraph', text: `Школа ${PAYLOAD}` }, { type: 'table', caption: 'Школы', columns: [{ label: 'Школа', align: 'left' }], rows: [[PAYLOAD]], notes: [] }] }],
    };
    const zip = XLSX.CFB.read(Buffer.from(await reportToDocx(report)), { type: 'buffer' });
    const i = zip.FullPaths.findIndex((p: string) => p === 'Root Entry/word/document.xml');
    const doc = Buffer.from(zip.FileIndex[i]!.content as Uint8Array).toString('utf8');
    expect(doc).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(doc).not.toContain('<script>');
    expect(doc).not.toContain('<img');
  });
});
