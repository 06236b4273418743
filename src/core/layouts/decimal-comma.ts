import type { LayoutMatch } from './recognise.ts';

/**
 * Whether a typed read takes «,» as the decimal separator: Russian Excel writes «72,1» in a
 * «;»-separated file. Judged on the first rows' cells of the fields read as numbers; a file that
 * mixes both separators fails the typed read and goes to the text path, which accepts either.
 */
export function decimalComma(rows: readonly (readonly string[])[], match: LayoutMatch, typed: Iterable<string>, delimiter: string): boolean {
  if (delimiter === ',') return false;
  const columns = [...typed].flatMap((f) => (match.columns[f] === undefined ? [] : [match.columns[f]]));
  return rows.slice(match.headerRow + 1).some((row) => columns.some((i) => /^\s*[-+]?\d*,\d+\s*$/.test(row[i] ?? '')));
}
