import { normalizeLabel } from '../text.ts';
import { LAYOUTS } from './index.ts';
import type { LayoutMatch } from './recognise.ts';
import type { Layout } from './types.ts';

/** Layouts a user can map an unknown file onto: Orientir's own templates (one per kind of data). */
export const MAPPABLE_LAYOUTS: readonly Layout[] = LAYOUTS.filter((l) => l.id.startsWith('canonical-'));

/**
 * A column mapping the user made for a file nobody recognised: which template it fills, on which
 * row its header is, and which column holds each field. Saved by header signature and reused.
 */
export interface ColumnMapping {
  layoutId: string;
  headerRow: number;
  /** field → column index */
  columns: Record<string, number>;
}

/** A header's signature: its normalised cells, so files of the same shape find their saved mapping. */
export function headerSignature(header: readonly string[]): string {
  return header.map((h) => normalizeLabel(h ?? '')).join('|');
}

/**
 * Turns a mapping into the match the importer uses. Returns the Russian labels of required fields
 * that are still unmapped (the mapping cannot be used until they are).
 */
export function matchFromMapping(mapping: ColumnMapping, header: readonly string[]): { match?: LayoutMatch; missing: string[] } {
  const layout = MAPPABLE_LAYOUTS.find((l) => l.id === mapping.layoutId);
  if (!layout) return { missing: ['шаблон'] };
  const columns: Record<string, number> = {};
  for (const [field, index] of Object.entries(mapping.columns)) {
    if (layout.fields.some((f) => f.field === field) && Number.isInteger(index) && index >= 0 && index < header.length) columns[field] = index;
  }
  const missing = layout.fields.filter((f) => f.required && columns[f.field] === undefined).map((f) => f.label);
  if (missing.length) return { missing };
  return { match: { layout, headerRow: mapping.headerRow, columns, score: 1, missing: [], header: [...header] }, missing: [] };
}
