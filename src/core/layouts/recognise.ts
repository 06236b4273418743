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

/**
 * Scores one header row against one layout. A field matches a header cell when the cell,
 * normalised, equals one of its spellings; each cell serves one field.
 */
export function matchHeader(layout: Layout, header: readonly string[]): Omit<LayoutMatch, 'headerRow' | 'header'> {
  const cells = header.map((h) => normalizeLabel(h ?? ''));
  const used = new Set<number>();
  const columns: Record<string, number> = {};
  for (const spec of layout.fields) {
    const spellings = new Set(spec.aliases.map(normalizeLabel));
    const idx = cells.findIndex((c, i) => !used.has(i) && spellings.has(c));
    if (idx >= 0) {
      used.add(idx);
      columns[spec.field] = idx;
    }
  }
  const missing = layout.fields.filter((s) => s.required && columns[s.field] === undefined).map((s) => s.label);
  const found = Object.keys(columns).length;
  // Unmatched non-empty cells lower the score a little, so the most specific layout wins a tie.
  const unmatched = cells.filter((c, i) => c !== '' && !used.has(i)).length;
  const score = found / layout.fields.length - unmatched * 0.001;
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
      const m = { ...matchHeader(layout, row), headerRow, header: row };
      if (m.missing.length === 0) {
        if (!best || m.score > best.score) best = m;
      } else if (Object.keys(m.columns).length >= 2 && (!closest || closer(m, closest))) {
        closest = m;
      }
    }
  });
  return best ? { match: best } : closest ? { closest } : {};
}

/** The partial match to show the user: fewest missing required columns, then most columns found. */
function closer(a: LayoutMatch, b: LayoutMatch): boolean {
  if (a.missing.length !== b.missing.length) return a.missing.length < b.missing.length;
  return Object.keys(a.columns).length > Object.keys(b.columns).length;
}
