import Papa from 'papaparse';

/** What a CSV/TSV looks like: its delimiter and its first rows as text cells. */
export interface Dialect {
  delimiter: string;
  rows: string[][];
}

const DELIMITERS = [';', ',', '\t', '|'];

/**
 * Sniffs the delimiter and reads the first rows (title rows included) of a delimited text. The
 * delimiter is the one that gives the most rows with the same, largest number of cells: title rows
 * have one cell whatever the delimiter, the header and data rows agree with each other.
 */
export function sniffDialect(text: string, previewRows = 40): Dialect {
  const sample = text.slice(0, 256 * 1024);
  let best: Dialect & { score: number } = { delimiter: ',', rows: [], score: -1 };
  for (const delimiter of DELIMITERS) {
    const parsed = Papa.parse<string[]>(sample, { delimiter, preview: previewRows, skipEmptyLines: false, quoteChar: '"' });
    const rows = parsed.data.filter((r) => r.length > 1 || (r[0] ?? '') !== '');
    const counts = new Map<number, number>();
    for (const r of rows) if (r.length > 1) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let score = 0;
    for (const [cells, n] of counts) score = Math.max(score, n * 1000 + Math.min(cells, 999));
    if (score > best.score) best = { delimiter, rows: parsed.data, score };
  }
  return { delimiter: best.delimiter, rows: best.rows };
}
