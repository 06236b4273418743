import { normalizeLabel } from '../text.ts';
import type { Layout } from './types.ts';

/** A layout matched to a header row: which column holds each field. */
export interface LayoutMatch {
  layout: Layout;
  /** Index of the header row among the rows looked at. */
  headerRow: number;
  /** The header row's cells as read (for layouts whose header carries data, see Layout.select). */
  header: readonly string[];
  /** field → column index. */
  columns: Record<string, number>;
  /** Share of the layout's fields found (required ones must all be found). */
  score: number;
  /** Required fields that were not found (empty for a full match). */
  missing: string[];
}

/** Separator between the upper and lower cell of a two-row header in combined cells. */
export const HEADER_JOIN = ' / ';

/**
 * A two-row header read as one row: the upper row is filled forward across empty cells (a merged
 * group title in a CSV sits in its first cell only), then each lower cell becomes
 * `upper / lower`, or the non-empty one of them, or `lower` when both are the same (a vertical
 * merge unmerged by the xlsx reader repeats the value).
 */
export function combineHeader(above: readonly string[] | undefined, header: readonly string[]): string[] {
  if (!above) return header.map((h) => h ?? '');
  let carried = '';
  return header.map((raw, i) => {
    const up = (above[i] ?? '').trim();
    if (up !== '') carried = up;
    const cell = (raw ?? '').trim();
    const top = carried;
    if (cell === '') return top;
    if (top === '' || normalizeLabel(top) === normalizeLabel(cell)) return cell;
    return `${top}${HEADER_JOIN}${cell}`;
  });
}

/**
 * Scores one header row against one layout. A field matches a header cell when the cell,
 * normalised, equals one of its spellings; each cell serves one field. For a layout with
 * `twoRowHeader`, `above` is the row over the header and a cell also matches in its combined
 * form (combineHeader).
 */
export function matchHeader(
  layout: Layout,
  header: readonly string[],
  above?: readonly string[],
): Omit<LayoutMatch, 'headerRow' | 'header'> {
  const cells = header.map((h) => normalizeLabel(h ?? ''));
  if (layout.rejects?.some((r) => cells.includes(normalizeLabel(r)))) {
    return { layout, columns: {}, score: 0, missing: layout.fields.filter((s) => s.required).map((s) => s.label) };
  }
  const combined = layout.twoRowHeader && above ? combineHeader(above, header).map(normalizeLabel) : undefined;
  const used = new Set<number>();
  const columns: Record<string, number> = {};
  for (const spec of layout.fields) {
    const spellings = new Set(spec.aliases.map(normalizeLabel));
    const idx = cells.findIndex((c, i) => !used.has(i) && (spellings.has(c) || (combined !== undefined && spellings.has(combined[i]!))));
    if (idx >= 0) {
      used.add(idx);
      columns[spec.field] = idx;
    }
  }
  const missing = layout.fields.filter((s) => s.required && columns[s.field] === undefined).map((s) => s.label);
  const found = Object.keys(columns).length;
  // Unmatched non-empty cells lower the score a little, so the most specific layout wins a tie.
  const unmatched = cells.filter((c, i) => c !== '' && !used.has(i)).length;
  // Repeated columns (FieldSpec.repeat) count only when found: a short histogram is a full one.
  const expected = layout.fields.filter((s) => !s.repeat || columns[s.field] !== undefined).length;
  const score = found / expected - unmatched * 0.001;
  return { layout, columns, score, missing };
}

/**
 * Finds the header row (title rows may come first) and the layout that fits it best. Returns the
 * best full match, or the closest partial one (with its missing fields) when nothing fits.
 */
export function recogniseLayout(
  rows: readonly (readonly string[])[],
  layouts: readonly Layout[],
  maxHeaderRow = 30,
): { match?: LayoutMatch; closest?: LayoutMatch } {
  let best: LayoutMatch | undefined;
  let closest: LayoutMatch | undefined;
  rows.slice(0, maxHeaderRow).forEach((row, headerRow) => {
    for (const layout of layouts) {
      const above = headerRow > 0 ? rows[headerRow - 1] : undefined;
      // Two-row headers: the layout reads the combined cells (`select` gets them as its header).
      const header = layout.twoRowHeader ? combineHeader(above, row) : row;
      const m = { ...matchHeader(layout, row, above), headerRow, header };
      if (m.missing.length === 0) {
        if (!best || m.score > best.score) best = m;
      } else if (wordColumns(m, row) >= 2 && (!closest || closer(m, closest))) {
        closest = m;
      }
    }
  });
  return best ? { match: best } : closest ? { closest } : {};
}

/**
 * Columns that count as evidence of a header for a partial match. For two-row report layouts a
 * cell of bare digits does not («2», «3», «4», «5», score columns «0», «1», …: any row of numbers
 * has them).
 */
function wordColumns(m: LayoutMatch, row: readonly string[]): number {
  const columns = Object.values(m.columns);
  return m.layout.twoRowHeader ? columns.filter((i) => !/^\s*\d+\s*$/.test(row[i] ?? '')).length : columns.length;
}

/** The partial match to show the user: fewest missing required columns, then most columns found. */
function closer(a: LayoutMatch, b: LayoutMatch): boolean {
  if (a.missing.length !== b.missing.length) return a.missing.length < b.missing.length;
  return Object.keys(a.columns).length > Object.keys(b.columns).length;
}
