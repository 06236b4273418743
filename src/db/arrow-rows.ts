import type { Row } from './engine.ts';

interface ArrowLikeTable {
  toArray(): Array<{ toJSON(): Record<string, unknown> }>;
}

/**
 * Turns an Arrow result into plain rows. DuckDB-WASM already casts BIGINT/DECIMAL to doubles when
 * asked; HUGEINT (e.g. `sum` of integers) still arrives as bigint or text, so numbers are normalised
 * here rather than trusting every query to cast.
 */
export function arrowToRows<T extends Row>(table: ArrowLikeTable): T[] {
  return table.toArray().map((r) => {
    const o = r.toJSON();
    for (const k of Object.keys(o)) {
      const v = o[k];
      if (typeof v === 'bigint') o[k] = Number(v);
    }
    return o as T;
  });
}
