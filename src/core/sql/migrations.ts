/**
 * Versioned migrations of the canonical schema. Each runs once, in order, inside a transaction;
 * `schema_version` records what ran. The table and view names are a public contract (command line,
 * SQL console, tests): change them only by adding a migration.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

const V1 = `
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  file_name VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  format VARCHAR NOT NULL,
  rows INTEGER NOT NULL,
  imported_at TIMESTAMP NOT NULL,
  status VARCHAR NOT NULL,
  messages VARCHAR
);

CREATE TABLE schools (
  school_id VARCHAR NOT NULL,
  login VARCHAR,
  name VARCHAR,
  municipality VARCHAR,
  region VARCHAR,
  import_id INTEGER
);

CREATE TABLE school_categories (
  year INTEGER NOT NULL,
  school_id VARCHAR NOT NULL,
  shnor BOOLEAN NOT NULL,
  sssu BOOLEAN NOT NULL,
  cohort INTEGER,
  curator VARCHAR,
  partner_school_id VARCHAR,
  import_id INTEGER
);

CREATE TABLE grading_scales (
  procedure VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  subject VARCHAR NOT NULL,
  grade INTEGER NOT NULL,
  max_score DOUBLE,
  min_score_3 DOUBLE NOT NULL,
  min_score_4 DOUBLE NOT NULL,
  min_score_5 DOUBLE NOT NULL,
  source VARCHAR NOT NULL,
  import_id INTEGER
);

CREATE TABLE student_results (
  year INTEGER NOT NULL,
  procedure VARCHAR NOT NULL,
  subject VARCHAR NOT NULL,
  grade INTEGER NOT NULL,
  school_id VARCHAR NOT NULL,
  class VARCHAR,
  student_code VARCHAR,
  variant VARCHAR,
  primary_score DOUBLE,
  max_score DOUBLE,
  mark TINYINT,
  journal_mark TINYINT,
  test_score DOUBLE,
  absent BOOLEAN NOT NULL,
  import_id INTEGER NOT NULL
);

CREATE TABLE school_results (
  year INTEGER NOT NULL,
  procedure VARCHAR NOT NULL,
  subject VARCHAR NOT NULL,
  grade INTEGER NOT NULL,
  school_id VARCHAR NOT NULL,
  participants INTEGER NOT NULL,
  n2 INTEGER,
  n3 INTEGER,
  n4 INTEGER,
  n5 INTEGER,
  mean_score DOUBLE,
  max_score DOUBLE,
  below_min INTEGER,
  high_scorers INTEGER,
  journal_n INTEGER,
  lowered INTEGER,
  confirmed INTEGER,
  raised INTEGER,
  source VARCHAR NOT NULL,
  import_id INTEGER NOT NULL
);

CREATE VIEW school_metrics AS
SELECT
  year, procedure, subject, grade, school_id, participants,
  n2 + n3 + n4 + n5 AS marked,
  CASE WHEN n2 + n3 + n4 + n5 > 0 THEN (n4 + n5) * 100.0 / (n2 + n3 + n4 + n5) END AS quality_pct,
  CASE WHEN n2 + n3 + n4 + n5 > 0 THEN (n3 + n4 + n5) * 100.0 / (n2 + n3 + n4 + n5) END AS success_pct,
  CASE WHEN n2 + n3 + n4 + n5 > 0 THEN (2.0 * n2 + 3 * n3 + 4 * n4 + 5 * n5) / (n2 + n3 + n4 + n5) END AS mean_mark,
  CASE WHEN n2 + n3 + n4 + n5 > 0 THEN (100.0 * n5 + 64 * n4 + 36 * n3 + 16 * n2) / (n2 + n3 + n4 + n5) END AS sou_pct,
  mean_score,
  max_score,
  CASE WHEN max_score > 0 THEN mean_score * 100.0 / max_score END AS mean_score_pct,
  below_min, high_scorers, journal_n, lowered, confirmed, raised
FROM school_results;
`;

/** All migrations, oldest first. */
export const MIGRATIONS: readonly Migration[] = [{ version: 1, description: 'canonical schema v1', sql: V1 }];
