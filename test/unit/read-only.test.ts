/** readOnlyViolation (src/core/sql/read-only.ts): one read-only statement or a Russian reason. */
import { describe, it, expect } from 'vitest';
import { readOnlyViolation } from '../../src/core/sql/read-only.ts';

describe('readOnlyViolation: accepted', () => {
  it.each([
    'SELECT * FROM school_metrics',
    'select year, avg(quality_pct) from school_metrics group by year',
    'WITH m AS (SELECT * FROM school_metrics) SELECT count(*) FROM m',
    'FROM school_results LIMIT 5',
    'DESCRIBE school_results',
    'SHOW TABLES',
    'SUMMARIZE school_results',
    'EXPLAIN SELECT * FROM schools',
    'VALUES (1, 2)',
    'TABLE schools',
    '(SELECT 1) UNION ALL (SELECT 2)',
    '  \n\tSELECT 1',
    'SELECT 1;', // a trailing semicolon is still one statement
    'SELECT 1;  ;\n',
    "SELECT * FROM schools WHERE name = 'copy'", // keywords inside string literals are data
    "SELECT 'drop table x; delete from y' AS s",
    "SELECT 'it''s; COPY' AS s",
    "SELECT * FROM schools WHERE name LIKE '%read_csv%'",
    'SELECT 1 -- ; DROP TABLE schools',
    'SELECT 1 /* ; COPY schools TO x */',
    'SELECT settings_id, updated_at, created_by FROM t', // words merely containing forbidden ones
    'SELECT * FROM school_categories WHERE shnor',
  ])('%s', (sql) => {
    expect(readOnlyViolation(sql)).toBeUndefined();
  });
});

describe('readOnlyViolation: rejected', () => {
  it.each([
    { sql: "COPY schools TO 'out.csv'", reason: /не «copy»/ },
    { sql: "ATTACH 'other.db'", reason: /не «attach»/ },
    { sql: 'INSTALL httpfs', reason: /не «install»/ },
    { sql: 'LOAD httpfs', reason: /не «load»/ },
    { sql: 'CREATE TABLE x AS SELECT 1', reason: /не «create»/ },
    { sql: 'DROP TABLE schools', reason: /не «drop»/ },
    { sql: 'INSERT INTO schools VALUES (1)', reason: /не «insert»/ },
    { sql: 'UPDATE schools SET name = 1', reason: /не «update»/ },
    { sql: 'DELETE FROM schools', reason: /не «delete»/ },
    { sql: 'PRAGMA database_list', reason: /не «pragma»/ },
    { sql: 'SET enable_external_access = true', reason: /не «set»/ },
    { sql: 'SELECT 1; SELECT 2', reason: /только один запрос/ },
    { sql: 'SELECT 1; DROP TABLE schools', reason: /только один запрос/ },
    { sql: "SELECT * FROM read_csv('/etc/passwd')", reason: /«read_csv»/ },
    { sql: "SELECT * FROM read_text('/etc/passwd')", reason: /«read_text»/ },
    { sql: "FROM read_parquet('x.parquet')", reason: /«read_parquet»/ },
    { sql: "SELECT * FROM glob('/*')", reason: /«glob»/ },
    { sql: 'WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x', reason: /«insert»/ },
    { sql: "EXPLAIN COPY schools TO 'x.csv'", reason: /«copy»/ },
    { sql: 'SELECT * FROM duckdb_secrets()', reason: /«duckdb_secrets»/ },
    { sql: '', reason: /Запрос пуст/ },
    { sql: '   \n ', reason: /Запрос пуст/ },
    { sql: ';;', reason: /Запрос пуст/ },
    { sql: '-- только комментарий', reason: /Запрос пуст/ },
    { sql: '/* SELECT 1 */', reason: /Запрос пуст/ },
    // comments hiding a second statement
    { sql: 'SELECT 1 /* x */; DROP TABLE schools', reason: /только один запрос/ },
    { sql: 'SELECT 1 --\n; DROP TABLE schools', reason: /только один запрос/ },
    { sql: 'SELECT 1 -- комментарий\n; COPY schools TO \'x\'', reason: /только один запрос/ },
    { sql: '/* SELECT 1 */ DROP TABLE schools', reason: /не «drop»/ },
    { sql: "SELECT '--'; DROP TABLE schools", reason: /только один запрос/ },
  ])('$sql', ({ sql, reason }) => {
    const v = readOnlyViolation(sql);
    expect(v).toBeDefined();
    expect(v).toMatch(reason);
  });

  it('names every forbidden word found', () => {
    expect(readOnlyViolation("SELECT * FROM read_csv('a') JOIN glob('b') ON true")).toBe(
      'Консоль только читает данные: «read_csv, glob» здесь недоступно.',
    );
  });
});

describe('readOnlyViolation: quotes inside comments cannot hide a statement', () => {
  it.each(["SELECT 1 -- it's\n; DROP TABLE schools --'", "SELECT 1 /* it's */; DROP TABLE schools; SELECT '*/'"])('%s', (sql) => {
    expect(readOnlyViolation(sql)).toMatch(/только один запрос/);
  });
});
