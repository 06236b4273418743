import { deadlineSql } from '../monitoring/deadline.ts';
import { RISK_FACTORS } from '../monitoring/risk-factors.ts';
import { sqlString } from '../text.ts';

/**
 * v4: «500+» monitoring (DOMAIN.md §5) — risk profiles, anti-risk programme indicators with the
 * monitoring stages, the municipal roadmap, and the views that judge them.
 *
 * Tables (imported from the templates in src/core/layouts/monitoring.ts):
 * - `risk_factors(risk_code, name)` — the 11 factors, seeded here; editable reference data.
 * - `monitoring_settings(key, value)` — the rules, seeded with defaults:
 *   `direction_rule` = 'all' | 'majority' | 'any' — how many indicators of a direction must be
 *     positive for the direction to be positive (all / more than half / at least one; an
 *     indicator without a value at the stage counts as not positive). Default 'all'.
 *   `school_rule` = 'all' | 'majority' | 'any' — the same over a school's activated directions.
 *     Default 'all'.
 *   `require_confirmed` = 'true' | 'false' — an indicator is positive only when it improved AND its
 *     evidence is «подтверждено»; «частично» and «не подтверждено» (and no mark) count as not
 *     confirmed. Default 'true'.
 *   `today` (not seeded) — a date `YYYY-MM-DD` that replaces today's (UTC) date in `roadmap_status`
 *     (tests and reports «as of» a date).
 *   An unknown rule value reads as 'all'.
 * - `risk_profiles(school_id, year, risk_code, level, activated, import_id)` — level 'высокий' |
 *   'средний' | 'низкий'; `activated` = the school activated this risk direction that year.
 * - `risk_indicators(school_id, year, risk_code, indicator, unit, direction, baseline, target,
 *   stage1, stage2, final, evidence1, evidence2, evidence_final, comment, import_id)` — direction
 *   '↑' | '↓'; evidence 'подтверждено' | 'частично' | 'не подтверждено' | NULL.
 * - `roadmap_events(number, event, deadline_text, deadline_date, executor, indicator, target,
 *   actual, status, import_id)` — `deadline_date` is the last day `deadline_text` allows
 *   (src/core/monitoring/deadline.ts), NULL when unknown.
 *
 * Views: `monitoring_rules` (the settings read once), `indicator_progress`, `risk_progress`,
 * `school_risk_trend`, `municipality_risk_trend`, `roadmap_status`, `roadmap_summary`,
 * `shnor_outcomes` — see the comments above each.
 */
const num = (expr: string) => `TRY_CAST(replace(regexp_replace(${expr}, '[\\s%\\x{00a0}]', '', 'g'), ',', '.') AS DOUBLE)`;

const rule = (column: string, positive: string, total: string) => `CASE
      WHEN ${column} = 'any' THEN ${positive} >= 1
      WHEN ${column} = 'majority' THEN ${positive} * 2 > ${total}
      ELSE ${positive} = ${total} END`;

/** «выполнено», «исполнено», «завершено», «реализовано», «done» — but not «не выполнено», «частично выполнено». */
const DONE_WORDS = `regexp_matches(lower(COALESCE(status, '')), '(^|[^а-я])(выполнен|исполнен|завершен|реализован|сделано|done|completed)')
      AND NOT regexp_matches(lower(COALESCE(status, '')), '(^|[^а-я])(не|частично) ?(выполн|исполн|заверш|реализ|сдела)')`;

export const V4_MONITORING = `
CREATE TABLE risk_factors (
  risk_code INTEGER NOT NULL PRIMARY KEY,
  name VARCHAR NOT NULL
);
INSERT INTO risk_factors VALUES ${RISK_FACTORS.map((r) => `(${r.code}, ${sqlString(r.name)})`).join(', ')};

CREATE TABLE monitoring_settings (
  key VARCHAR NOT NULL PRIMARY KEY,
  value VARCHAR
);
INSERT INTO monitoring_settings VALUES ('direction_rule', 'all'), ('school_rule', 'all'), ('require_confirmed', 'true');

CREATE TABLE risk_profiles (
  school_id VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  risk_code INTEGER NOT NULL,
  level VARCHAR NOT NULL,
  activated BOOLEAN NOT NULL,
  import_id INTEGER
);

CREATE TABLE risk_indicators (
  school_id VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  risk_code INTEGER NOT NULL,
  indicator VARCHAR NOT NULL,
  unit VARCHAR,
  direction VARCHAR NOT NULL,
  baseline DOUBLE,
  target DOUBLE NOT NULL,
  stage1 DOUBLE,
  stage2 DOUBLE,
  final DOUBLE,
  evidence1 VARCHAR,
  evidence2 VARCHAR,
  evidence_final VARCHAR,
  comment VARCHAR,
  import_id INTEGER
);

CREATE TABLE roadmap_events (
  number VARCHAR NOT NULL,
  event VARCHAR NOT NULL,
  deadline_text VARCHAR,
  deadline_date DATE,
  executor VARCHAR,
  indicator VARCHAR,
  target VARCHAR,
  actual VARCHAR,
  status VARCHAR,
  import_id INTEGER
);

-- The settings, one row; defaults when a key is missing.
CREATE VIEW monitoring_rules AS
SELECT
  COALESCE((SELECT lower(trim(value)) FROM monitoring_settings WHERE key = 'direction_rule'), 'all') AS direction_rule,
  COALESCE((SELECT lower(trim(value)) FROM monitoring_settings WHERE key = 'school_rule'), 'all') AS school_rule,
  COALESCE((SELECT lower(trim(value)) IN ('true', '1', 'да', 'yes') FROM monitoring_settings WHERE key = 'require_confirmed'), true) AS require_confirmed,
  COALESCE((SELECT TRY_CAST(value AS DATE) FROM monitoring_settings WHERE key = 'today'), current_timestamp::TIMESTAMP::DATE) AS today;

-- One row per indicator and stage (1 = 1 этап, 2 = 2 этап, 3 = итог). change = value − baseline;
-- progress_pct = (value − baseline) / (target − baseline) · 100; improved = moved the desired way
-- (strictly); confirmed = evidence «подтверждено»; positive = improved and (confirmed, when
-- require_confirmed). All NULL when the stage has no value (or the indicator no baseline).
CREATE VIEW indicator_progress AS
WITH s AS (
  SELECT school_id, year, risk_code, indicator, unit, direction, baseline, target, 1 AS stage, '1 этап' AS stage_name, stage1 AS value, evidence1 AS evidence FROM risk_indicators
  UNION ALL
  SELECT school_id, year, risk_code, indicator, unit, direction, baseline, target, 2, '2 этап', stage2, evidence2 FROM risk_indicators
  UNION ALL
  SELECT school_id, year, risk_code, indicator, unit, direction, baseline, target, 3, 'итог', final, evidence_final FROM risk_indicators
), j AS (
  SELECT s.*,
    CASE WHEN value IS NULL OR baseline IS NULL THEN NULL WHEN direction = '↓' THEN value < baseline ELSE value > baseline END AS improved,
    CASE WHEN value IS NULL THEN NULL ELSE COALESCE(evidence = 'подтверждено', false) END AS confirmed
  FROM s
)
SELECT j.school_id, j.year, j.risk_code, j.indicator, j.unit, j.direction, j.baseline, j.target, j.stage, j.stage_name,
  j.value, j.evidence,
  j.value - j.baseline AS change,
  (j.value - j.baseline) * 100.0 / NULLIF(j.target - j.baseline, 0) AS progress_pct,
  j.improved, j.confirmed,
  CASE WHEN j.improved IS NULL THEN NULL ELSE j.improved AND (j.confirmed OR NOT r.require_confirmed) END AS positive
FROM j CROSS JOIN monitoring_rules r;

-- Per risk direction and stage: how many indicators, improved, confirmed, positive (by
-- direction_rule); positive is NULL when no indicator of the direction has a value at the stage.
CREATE VIEW risk_progress AS
SELECT p.school_id, p.year, p.risk_code, p.stage,
  count(*)::INTEGER AS indicators,
  count(*) FILTER (WHERE p.improved)::INTEGER AS improved,
  count(*) FILTER (WHERE p.confirmed)::INTEGER AS confirmed,
  CASE WHEN count(p.value) = 0 THEN NULL ELSE ${rule('r.direction_rule', 'count(*) FILTER (WHERE p.positive)', 'count(*)')} END AS positive,
  count(p.value)::INTEGER AS with_data,
  count(*) FILTER (WHERE p.positive)::INTEGER AS positive_indicators
FROM indicator_progress p CROSS JOIN monitoring_rules r
GROUP BY p.school_id, p.year, p.risk_code, p.stage, r.direction_rule;

-- Per school, year and stage over its activated directions (risk_profiles.activated; a school-year
-- with no profile at all uses the directions it has indicators for). A direction without
-- indicators or without values counts as not positive; positive is NULL when no direction has data.
CREATE VIEW school_risk_trend AS
WITH dirs AS (
  SELECT school_id, year, risk_code FROM risk_profiles WHERE activated
  UNION
  SELECT i.school_id, i.year, i.risk_code FROM risk_indicators i
  WHERE NOT EXISTS (SELECT 1 FROM risk_profiles p WHERE p.school_id = i.school_id AND p.year = i.year)
), j AS (
  SELECT d.school_id, d.year, st.stage, d.risk_code, rp.positive
  FROM dirs d CROSS JOIN (VALUES (1), (2), (3)) st(stage)
  LEFT JOIN risk_progress rp ON rp.school_id = d.school_id AND rp.year = d.year AND rp.risk_code = d.risk_code AND rp.stage = st.stage
)
SELECT j.school_id, j.year, j.stage,
  count(*)::INTEGER AS directions,
  count(*) FILTER (WHERE j.positive)::INTEGER AS positive_directions,
  CASE WHEN count(j.positive) = 0 THEN NULL ELSE ${rule('r.school_rule', 'count(*) FILTER (WHERE j.positive)', 'count(*)')} END AS positive,
  count(j.positive)::INTEGER AS directions_with_data
FROM j CROSS JOIN monitoring_rules r
GROUP BY j.school_id, j.year, j.stage, r.school_rule;

-- Per municipality, monitoring year and stage: the ШНОР of that year (school_categories.shnor)
-- and how many have a positive trend, against the goal of 100 %. ШНОР without monitoring data
-- count in the denominator (with_data says how many have any). Years = years with monitoring data.
CREATE VIEW municipality_risk_trend AS
WITH years AS (
  SELECT year FROM risk_profiles UNION SELECT year FROM risk_indicators
), sh AS (
  SELECT c.year, c.school_id, COALESCE(s.municipality, 'Муниципалитет не указан') AS municipality
  FROM school_categories c
  JOIN years y ON y.year = c.year
  LEFT JOIN (SELECT school_id, any_value(municipality) AS municipality FROM schools GROUP BY school_id) s ON s.school_id = c.school_id
  WHERE c.shnor
)
SELECT sh.year, sh.municipality, st.stage,
  count(*)::INTEGER AS shnor_schools,
  count(*) FILTER (WHERE t.positive)::INTEGER AS positive,
  count(*) FILTER (WHERE t.positive) * 100.0 / count(*) AS positive_pct,
  count(t.positive)::INTEGER AS with_data,
  100 AS goal_pct
FROM sh CROSS JOIN (VALUES (1), (2), (3)) st(stage)
LEFT JOIN school_risk_trend t ON t.school_id = sh.school_id AND t.year = sh.year AND t.stage = st.stage
GROUP BY sh.year, sh.municipality, st.stage;

-- Roadmap events against today (monitoring_settings.today, else the current UTC date; DuckDB-WASM
-- has no current_date without the ICU extension). Done when the
-- status text says so («выполнено», «исполнено», «завершено», «реализовано», not «не …» or
-- «частично …») or actual ≥ target where both are numbers («100 %» reads as 100). Overdue = not
-- done and the deadline has passed. done_on_time = done and no date in the status text is after
-- the deadline (a done event without a completion date counts as on time).
CREATE VIEW roadmap_status AS
WITH e AS (
  SELECT r.*, ${num('target')} AS target_num, ${num('actual')} AS actual_num,
    (${DONE_WORDS}) AS done_by_status,
    ${deadlineSql('status')} AS done_date,
    TRY_CAST(NULLIF(regexp_extract(number, '^[0-9]+', 0), '') AS INTEGER) AS number_sort
  FROM roadmap_events r
), d AS (
  SELECT e.*, (done_by_status OR COALESCE(actual_num >= target_num, false)) AS done, x.today
  FROM e CROSS JOIN monitoring_rules x
)
SELECT number, event, deadline_date AS deadline,
  CASE WHEN done THEN 'выполнено' WHEN deadline_date < today THEN 'просрочено' ELSE 'в работе' END AS status,
  (NOT done AND COALESCE(deadline_date < today, false)) AS overdue,
  CASE WHEN NOT done AND deadline_date < today THEN date_diff('day', deadline_date, today) END::INTEGER AS days_overdue,
  deadline_text, executor, indicator, target, actual, status AS status_text, done,
  (done AND (deadline_date IS NULL OR done_date IS NULL OR done_date <= deadline_date)) AS done_on_time,
  done_date, number_sort, today
FROM d;

CREATE VIEW roadmap_summary AS
SELECT count(*)::INTEGER AS events,
  count(*) FILTER (WHERE done)::INTEGER AS done,
  count(*) FILTER (WHERE done_on_time)::INTEGER AS done_on_time,
  count(*) FILTER (WHERE overdue)::INTEGER AS overdue,
  count(*) FILTER (WHERE NOT done AND NOT overdue)::INTEGER AS in_progress,
  count(*) FILTER (WHERE done_on_time) * 100.0 / NULLIF(count(*), 0) AS done_on_time_pct
FROM roadmap_status;

-- Each ШНОР in each monitoring year: its risk trend at stage 2 beside its ВПР quality (all ВПР
-- subjects and grades of the school pooled: (n4 + n5) / marked) that year and in its cohort year.
CREATE VIEW shnor_outcomes AS
WITH years AS (
  SELECT year FROM risk_profiles UNION SELECT year FROM risk_indicators
), q AS (
  SELECT school_id, year, sum(n4 + n5) AS good, sum(n2 + n3 + n4 + n5) AS marked
  FROM school_results WHERE procedure = 'ВПР' GROUP BY school_id, year
)
SELECT c.school_id, c.year,
  t.positive AS risk_positive_stage2,
  q.good * 100.0 / NULLIF(q.marked, 0) AS vpr_quality_pct,
  q.good * 100.0 / NULLIF(q.marked, 0) - qc.good * 100.0 / NULLIF(qc.marked, 0) AS vpr_quality_change_pp,
  c.cohort,
  qc.good * 100.0 / NULLIF(qc.marked, 0) AS vpr_quality_cohort_pct,
  q.marked::INTEGER AS vpr_marked,
  qc.marked::INTEGER AS vpr_marked_cohort,
  t.directions, t.positive_directions
FROM school_categories c
JOIN years y ON y.year = c.year
LEFT JOIN school_risk_trend t ON t.school_id = c.school_id AND t.year = c.year AND t.stage = 2
LEFT JOIN q ON q.school_id = c.school_id AND q.year = c.year
LEFT JOIN q qc ON qc.school_id = c.school_id AND qc.year = c.cohort
WHERE c.shnor;
`;
