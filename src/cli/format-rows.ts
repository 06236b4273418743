import Papa from 'papaparse';
import { plural } from '../core/import-problem.ts';
import type { Row } from '../db/engine.ts';

export type OutputFormat = 'table' | 'csv' | 'json';

/** Prints query rows as an aligned text table, RFC 4180 CSV, or JSON. */
export function formatRows(rows: Row[], format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(rows, null, 2) + '\n';
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  if (format === 'csv') return Papa.unparse({ fields: columns, data: rows.map((r) => columns.map((c) => r[c] ?? '')) }) + '\n';
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))].join('\n') + `\n(${rows.length} ${plural(rows.length, 'строка', 'строки', 'строк')})\n`;
}
