import { headerSignature, type ColumnMapping } from '../core/layouts/mapping.ts';

const KEY = 'orientir.mappings.v1';

function all(): Record<string, ColumnMapping> {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, ColumnMapping>;
  } catch {
    return {};
  }
}

/** A saved mapping for a file whose rows (title rows included) contain a header of a known shape. */
export function findSavedMapping(rows: readonly (readonly string[])[]): ColumnMapping | undefined {
  const saved = all();
  for (const [i, row] of rows.entries()) {
    const m = saved[headerSignature(row)];
    if (m) return { ...m, headerRow: i };
  }
  return undefined;
}

/** Remembers a mapping for files with this header (kept in this browser only). */
export function saveMapping(header: readonly string[], mapping: ColumnMapping): void {
  const saved = all();
  saved[headerSignature(header)] = mapping;
  localStorage.setItem(KEY, JSON.stringify(saved));
}
