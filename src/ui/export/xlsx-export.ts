import * as XLSX from '@e965/xlsx';
import { contextLines, neutraliseFormula, type ExportColumn, type ExportContext } from '../../core/export/csv.ts';

/**
 * An xlsx workbook (loaded on demand): sheet «Данные» with a header row that has filters and real
 * numbers (not text), and sheet «Контекст» with the filters, sources, date and app version.
 */
export function toXlsx(columns: readonly ExportColumn[], rows: ReadonlyArray<Record<string, unknown>>, ctx: ExportContext): Uint8Array {
  const value = (v: unknown) => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'number' || typeof v === 'boolean') return v;
    return neutraliseFormula(String(v));
  };
  const aoa = [columns.map((c) => c.label), ...rows.map((r) => columns.map((c) => value(r[c.key])))];
  const data = XLSX.utils.aoa_to_sheet(aoa);
  data['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(rows.length, 1), c: columns.length - 1 } }) };
  data['!cols'] = columns.map((c) => ({ wch: Math.min(40, Math.max(10, c.label.length + 2)) }));
  const context = XLSX.utils.aoa_to_sheet(contextLines(ctx));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, data, 'Данные');
  XLSX.utils.book_append_sheet(wb, context, 'Контекст');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}
