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
  const code = withoutLiteralsAndComments(sql);
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

/**
 * The SQL with string literals emptied and comments blanked, scanned left to right in one pass so a
 * quote inside a comment (or `--` inside a string) cannot hide a statement.
 */
function withoutLiteralsAndComments(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      // Identifiers keep their text (they name tables); string literals are emptied.
      out += c === '"' ? sql.slice(i, j + 1) : "''";
      i = j + 1;
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      out += ' ';
      i = end < 0 ? sql.length : end;
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      out += ' ';
      i = end < 0 ? sql.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
