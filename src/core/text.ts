/**
 * Normalises a header or cell for matching: lower case, ё→е, no-break and repeated spaces folded,
 * surrounding quotes and spaces removed.
 */
export function normalizeLabel(value: string): string {
  return value
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/ё/gi, 'е')
    .toLowerCase()
    .replace(/^[\s"'«»]+|[\s"'«»]+$/g, '')
    .replace(/\s+/g, ' ');
}

/** Escapes a value as an SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Quotes an SQL identifier. */
export function sqlIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
