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

/**
 * The 1-based line where a quoted field opens and is never closed (a file cut inside quotes, or a
 * stray opening quote that would swallow the rest of the file into one cell), or is closed and
 * followed by anything but a delimiter or a line end (a stray quote that joined lines); else
 * undefined. Quotes count only at the start of a field, as CSV readers treat them; `""` inside is
 * an escape.
 */
export function unclosedQuoteLine(text: string, delimiter: string): number | undefined {
  let line = 1;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (fieldStart && c === 0x22) {
      const opened = line;
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return opened;
        for (let k = j; k < q; k++) if (text.charCodeAt(k) === 0x0a) line++;
        if (text.charCodeAt(q + 1) === 0x22) {
          j = q + 2;
          continue;
        }
        const after = text[q + 1];
        if (after !== undefined && after !== delimiter && after !== '\n' && after !== '\r') return opened;
        i = q;
        break;
      }
      fieldStart = false;
    } else if (c === 0x0a || c === 0x0d) {
      if (c === 0x0a || text.charCodeAt(i + 1) !== 0x0a) line++;
      fieldStart = true;
    } else {
      fieldStart = text[i] === delimiter;
    }
  }
  return undefined;
}
