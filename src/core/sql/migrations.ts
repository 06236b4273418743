import { V3_ANALYTICS } from './migration-v3-analytics.ts';
import { V4_MONITORING } from './migration-v4-monitoring.ts';
import { V5_REPORTS } from './migration-v5-reports.ts';
import { V6_EGE } from './migration-v6-ege.ts';
import { V7_DERIVED } from './migration-v7-derived.ts';
import { V8_GOALS_PEERS } from './migration-v8-goals-peers.ts';
import { V9_OVERVIEW_VIEWS } from './migration-v9-overview-views.ts';

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

/**
 * v2: official lists of schools with signs of non-objective ВПР results (DOMAIN.md §4).
 *
 * `objectivity_lists` — one row per (year, school, grade, subject) marker set in a list («4 РУ» →
 * grade 4, 'Русский язык'; «5 МА» → grade 5, 'Математика'); a listed school with no marker set
 * has one row with grade and subject NULL. `school_id` is the login's digits as everywhere; the
 * municipality and name are as the list writes them (schools from another region's list are not
 * added to `schools`). A new list replaces the rows of its (year, school_id).
 *
 * `objectivity_list_schools` — one row per listed school and year, `markers` = how many of its
 * (grade, subject) markers are set (0 for a school listed without any).
 */
const V2 = `
CREATE TABLE objectivity_lists (
  year INTEGER NOT NULL,
  school_id VARCHAR NOT NULL,
  login VARCHAR,
  municipality VARCHAR,
  school_name VARCHAR,
  grade INTEGER,
  subject VARCHAR,
  import_id INTEGER
);

CREATE VIEW objectivity_list_schools AS
SELECT year, school_id, any_value(municipality) AS municipality, any_value(school_name) AS school_name,
  count(subject)::INTEGER AS markers
FROM objectivity_lists
GROUP BY year, school_id;
`;

/** All migrations, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'canonical schema v1', sql: V1 },
  { version: 2, description: 'objectivity lists', sql: V2 },
  { version: 3, description: 'analytics core', sql: V3_ANALYTICS },
  { version: 4, description: '«500+» monitoring', sql: V4_MONITORING },
  { version: 5, description: 'aggregated reports: score distribution, school context', sql: V5_REPORTS },
  { version: 6, description: 'ЕГЭ minimums and metrics', sql: V6_EGE },
  { version: 7, description: 'materialised analytics tables and the overview roll-up', sql: V7_DERIVED },
  { version: 8, description: 'per-school goal targets, high-results group, similar-context comparison', sql: V8_GOALS_PEERS },
  { version: 9, description: 'overview views: school-year roll-up, settings read once', sql: V9_OVERVIEW_VIEWS },
];
