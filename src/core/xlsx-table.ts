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

/** SheetJS's workbook parser over an already unzipped container (exported by the package, untyped). */
const parseZip = (XLSX as unknown as { parse_zip(zip: unknown, opts: XLSX.ParsingOptions): XLSX.WorkBook }).parse_zip;

/**
 * Reads an xlsx workbook (SheetJS, loaded on demand by the importer) and picks the sheet with data:
 * the one whose header matches a known layout best, else the one with the most cells. Only that
 * sheet is parsed in full: the zip is inflated once, a first pass reads the sheet names (and, when
 * there are several, the first rows of each), the second pass parses the chosen sheet alone. Merged
 * cells in the header area are unmerged (each cell of a merge gets its value) so two-row headers
 * read like one. Formulas give their cached values; numbers stay raw (no locale formatting).
 */
export function workbookToTable(bytes: Uint8Array): SheetTable {
  const full: XLSX.ParsingOptions = { type: 'array', dense: true, cellFormula: false, cellHTML: false, cellStyles: false };
  // «PK» not followed by a zip header: SheetJS reads such bytes as text, as it always did.
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2]! < 9 && bytes[3]! < 9)) {
    const wb = XLSX.read(bytes, full);
    return wb.SheetNames.length ? tableOf(wb, chooseSheet(wb), wb.SheetNames) : { sheet: '', csv: '', sheets: [] };
  }
  const zip: unknown = XLSX.CFB.read(bytes, { type: 'buffer' });
  const names = parseZip(zip, { type: 'array', bookSheets: true }).SheetNames;
  if (names.length === 0) return { sheet: '', csv: '', sheets: [] };
  const chosen = names.length === 1 ? 0 : chooseSheet(parseZip(zip, { ...full, sheetRows: PREVIEW_ROWS }));
  return tableOf(parseZip(zip, { ...full, sheets: chosen }), chosen, names);
}

/** The chosen sheet of a parsed workbook as CSV, its header area unmerged. */
function tableOf(wb: XLSX.WorkBook, chosen: number, names: string[]): SheetTable {
  const name = wb.SheetNames[chosen] ?? names[chosen]!;
  const ws = wb.Sheets[name];
  if (!ws) return { sheet: name, csv: '', sheets: names };
  unmergeHeader(ws);
  const csv = XLSX.utils.sheet_to_csv(ws, { FS: ',', RS: '\n', blankrows: true, rawNumbers: true, strip: false });
  return { sheet: name, csv, sheets: names };
}

/**
 * The index of the sheet to import, from a workbook read with `sheetRows` (first rows only): best
 * layout match of its first rows, then the most cells (of the whole sheet: `!fullref`), then the
 * first such sheet.
 */
function chooseSheet(preview: XLSX.WorkBook): number {
  const scored = preview.SheetNames.map((name, index) => {
    const ws = preview.Sheets[name];
    if (!ws) return { index, score: 0, size: 0 };
    const rows = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, raw: false, defval: '', blankrows: true, range: previewRange(ws) });
    const { match, closest } = recogniseLayout(rows.map((r) => r.map(String)), LAYOUTS, PREVIEW_ROWS);
    const full = (ws as { '!fullref'?: string })['!fullref'] ?? ws['!ref'];
    return { index, score: match ? 2 + match.score : closest ? closest.score : 0, size: full ? cellCount(full) : 0 };
  });
  scored.sort((a, b) => b.score - a.score || b.size - a.size || a.index - b.index);
  return scored[0]?.index ?? 0;
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
