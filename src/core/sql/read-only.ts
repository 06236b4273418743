/** Statements the read-only SQL console accepts (first keyword). */
const ALLOWED_START = ['select', 'with', 'from', 'describe', 'show', 'summarize', 'explain', 'values', 'table'];

/** Words that may not appear outside string literals: writes, file access, extensions, settings. */
const FORBIDDEN = [
  'attach', 'detach', 'copy', 'export', 'import', 'install', 'load', 'insert', 'update', 'delete', 'create', 'drop',
  'alter', 'set', 'reset', 'pragma', 'call', 'checkpoint', 'vacuum', 'begin', 'commit', 'rollback', 'use',
  'read_csv', 'read_csv_auto', 'read_text', 'read_blob', 'read_json', 'read_json_auto', 'read_ndjson', 'read_parquet',
  'parquet_scan', 'parquet_metadata', 'glob', 'sniff_csv', 'httpfs', 'http_get', 'duckdb_secrets',
];

/**
 * Checks that SQL is one read-only statement over the data model. Returns a Russian reason when
 * it is not. The engine also runs with external access disabled; this check gives a clear message.
 */
export function readOnlyViolation(sql: string): string | undefined {
  const code = sql.replace(/'(?:[^']|'')*'/g, "''").replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
  const statements = code.split(';').filter((s) => s.trim() !== '');
  if (statements.length === 0) return 'Запрос пуст.';
  if (statements.length > 1) return 'Можно выполнить только один запрос за раз.';
  const first = /^\s*\(?\s*([a-zа-я_]+)/i.exec(statements[0]!)?.[1]?.toLowerCase();
  if (!first || !ALLOWED_START.includes(first)) {
    return `Консоль только читает данные: запрос должен начинаться с SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE или EXPLAIN (а не «${first ?? ''}»).`;
  }
  const words = new Set(code.toLowerCase().match(/[a-z_]+/g) ?? []);
  const bad = FORBIDDEN.filter((w) => words.has(w));
  if (bad.length) return `Консоль только читает данные: «${bad.join(', ')}» здесь недоступно.`;
  return undefined;
}
