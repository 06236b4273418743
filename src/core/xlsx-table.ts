import * as XLSX from '@e965/xlsx';
import { LAYOUTS } from './layouts/index.ts';
import { recogniseLayout } from './layouts/recognise.ts';

/** One worksheet of a workbook turned into CSV text for the same pipeline as CSV files. */
export interface SheetTable {
  sheet: string;
  /** RFC 4180 CSV, `,` delimited, one line per sheet row (row numbers stay those of the sheet). */
  csv: string;
  sheets: string[];
}

const PREVIEW_ROWS = 30;

/**
 * Reads an xlsx workbook (SheetJS, loaded on demand by the importer) and picks the sheet with data:
 * the one whose header matches a known layout best, else the one with the most cells. Merged cells
 * in the header area are unmerged (each cell of a merge gets its value) so two-row headers read
 * like one. Formulas give their cached values; numbers stay raw (no locale formatting).
 */
export function workbookToTable(bytes: Uint8Array): SheetTable {
  const wb = XLSX.read(bytes, { type: 'array', dense: true, cellFormula: false, cellHTML: false, cellStyles: false });
  const scored = wb.SheetNames.map((name) => {
    const ws = wb.Sheets[name]!;
    const preview = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, raw: false, defval: '', blankrows: true, range: previewRange(ws) });
    const { match, closest } = recogniseLayout(preview.map((r) => r.map(String)), LAYOUTS, PREVIEW_ROWS);
    const size = ws['!ref'] ? cellCount(ws['!ref']) : 0;
    return { name, ws, score: match ? 2 + match.score : closest ? closest.score : 0, size };
  });
  scored.sort((a, b) => b.score - a.score || b.size - a.size);
  const best = scored[0];
  if (!best) return { sheet: '', csv: '', sheets: [] };
  unmergeHeader(best.ws);
  const csv = XLSX.utils.sheet_to_csv(best.ws, { FS: ',', RS: '\n', blankrows: true, rawNumbers: true, strip: false });
  return { sheet: best.name, csv, sheets: wb.SheetNames };
}

function previewRange(ws: XLSX.WorkSheet): string | undefined {
  const ref = ws['!ref'];
  if (!ref) return undefined;
  const r = XLSX.utils.decode_range(ref);
  r.e.r = Math.min(r.e.r, r.s.r + PREVIEW_ROWS - 1);
  return XLSX.utils.encode_range(r);
}

function cellCount(ref: string): number {
  const r = XLSX.utils.decode_range(ref);
  return (r.e.r - r.s.r + 1) * (r.e.c - r.s.c + 1);
}

/**
 * Copies each merged cell's value over its whole range, in the first rows where headers live. A
 * merge is clipped to the sheet's used range: a hostile file may merge A1:XFD1048576, which would
 * otherwise mean 17 billion copies.
 */
function unmergeHeader(ws: XLSX.WorkSheet): void {
  const dense = (ws as unknown as { '!data'?: XLSX.CellObject[][] })['!data'];
  if (!dense || !ws['!ref']) return;
  const used = XLSX.utils.decode_range(ws['!ref']);
  for (const m of ws['!merges'] ?? []) {
    if (m.s.r >= PREVIEW_ROWS) continue;
    const top = dense[m.s.r]?.[m.s.c];
    if (!top) continue;
    for (let r = m.s.r; r <= Math.min(m.e.r, used.e.r); r++) {
      dense[r] ??= [];
      for (let c = m.s.c; c <= Math.min(m.e.c, used.e.c); c++) if (r !== m.s.r || c !== m.s.c) dense[r]![c] = { ...top };
    }
  }
}
