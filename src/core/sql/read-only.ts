/** Statements the read-only SQL console accepts (first keyword). */
const ALLOWED_START = ['select', 'with', 'from', 'describe', 'show', 'summarize', 'explain', 'values', 'table'];

/** Words that may not appear outside string literals: writes, file access, extensions, settings. */
const FORBIDDEN = [
  'attach', 'detach', 'copy', 'export', 'import', 'install', 'load', 'insert', 'update', 'delete', 'create', 'drop',
  'alter', 'set', 'reset', 'pragma', 'call', 'checkpoint', 'vacuum', 'begin', 'commit', 'rollback', 'use',
  'read_csv', 'read_csv_auto', 'read_text', 'read_blob', 'read_json', 'read_json_auto', 'read_ndjson', 'read_parquet',
  'parquet_scan', 'parquet_metadata', 'glob', 'sniff_csv', 'httpfs', 'http_get', 'duckdb_secrets',
  // More readers of files and URLs, and the functions that run SQL given as a string.
  'read_json_objects', 'read_json_objects_auto', 'read_ndjson_objects', 'read_ndjson_auto', 'parquet_schema',
  'parquet_file_metadata', 'parquet_kv_metadata', 'parquet_bloom_probe', 'read_xlsx', 'st_read', 'iceberg_scan',
  'delta_scan', 'http_post', 'query', 'query_table', 'getenv',
];

/**
 * A string literal or quoted name that names a file or URL: DuckDB reads such a name as a table
 * (`FROM 'https://…/x.csv'`, `FROM "data.parquet"`) without any reader function in sight.
 */
const FILE_LIKE = /^\s*([a-z][a-z0-9+.-]*:\/\/|\/|~|[a-z]:[\\/]|\\\\)|\.(csv|tsv|txt|parquet|json|jsonl|ndjson|xlsx|xls|db|duckdb|sqlite|arrow|gz|zst)\b/i;
/** A URL or an absolute path anywhere in a literal (a function we do not know might fetch it). */
const URL_OR_PATH = /^\s*([a-z][a-z0-9+.-]*:\/\/|\/|~\/|[a-z]:[\\/]|\\\\)/i;
/** Words that end the table list of a FROM clause. */
const CLAUSE_END = new Set(['where', 'group', 'order', 'limit', 'having', 'qualify', 'window', 'union', 'except', 'intersect', 'select', 'on', 'using', 'offset']);

/**
 * A literal (any) or a file-like quoted name where DuckDB expects a table: after FROM or JOIN, or
 * after a comma in a FROM list. DuckDB reads such a name as a file or URL.
 */
function fileInTablePosition(code: string, literals: readonly string[]): string | undefined {
  const tokens = code.match(/'#\d+'|"(?:[^"]|"")*"|[a-z_][a-z0-9_]*|[(),]/gi) ?? [];
  let expectTable = false;
  let inFrom = false;
  for (const t of tokens) {
    const w = t.toLowerCase();
    if (expectTable) {
      if (t.startsWith("'#")) return literals[Number(t.slice(2, -1))] ?? '';
      if (t.startsWith('"') && FILE_LIKE.test(t.slice(1, -1))) return t.slice(1, -1);
      if (t !== '(') expectTable = false;
    }
    if (w === 'from' || w === 'join') {
      expectTable = true;
      inFrom = true;
    } else if (t === ',' && inFrom) expectTable = true;
    else if (CLAUSE_END.has(w)) inFrom = false;
  }
  return undefined;
}

/**
 * Checks that SQL is one read-only statement over the data model. Returns a Russian reason when
 * it is not. The engine also runs with external access disabled; this check gives a clear message.
 */
export function readOnlyViolation(sql: string): string | undefined {
  const { code, literals } = withoutLiteralsAndComments(sql);
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
  const file = fileInTablePosition(code, literals) ?? literals.find((l) => URL_OR_PATH.test(l));
  if (file !== undefined) return `Консоль только читает данные модели: файлы и адреса («${file}») здесь недоступны.`;
  // Escape strings (E'\x2e…') and dollar quotes ($$…$$) could hide a file name from the checks above.
  if (/\be'#/i.test(code) || /\$[a-z_0-9]*\$/i.test(code)) {
    return 'Консоль только читает данные модели: E-строки и $$-строки здесь недоступны.';
  }
  return undefined;
}

/**
 * The SQL with string literals emptied and comments blanked, scanned left to right in one pass so a
 * quote inside a comment (or `--` inside a string) cannot hide a statement.
 */
function withoutLiteralsAndComments(sql: string): { code: string; literals: string[] } {
  const literals: string[] = [];
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      // Identifiers keep their text (they name tables); string literals become a numbered
      // placeholder ('#0', no letters) and are kept aside to look for file names and URLs.
      if (c === '"') out += sql.slice(i, j + 1);
      else out += `'#${literals.length}'`;
      literals.push(sql.slice(i + 1, j).replaceAll(c + c, c));
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
  return { code: out, literals };
}
