import { PROPORTION_Z_TEST_NAME } from '../../analytics/proportion-z-test.ts';
import { sqlString } from '../../text.ts';
import { Z95 } from './sql-text.ts';

/**
 * Table `goals(goal_id, title, scope, school_id, metric, interpretation, baseline_year, target_year,
 * target)`:
 * - `scope`: 'shnor' (every school that is ШНОР in some year), 'all' (every school with data) or
 *   'school' (only `school_id`);
 * - `metric`: 'vpr_quality' (ВПР quality, all subjects and grades pooled by counts) or
 *   'vpr_oge_quality' (ВПР and ОГЭ pooled);
 * - `interpretation`: 'pp' (target in percentage points) or 'relative' (target in % of the baseline);
 * - `baseline_year` NULL = the school's «500+» cohort year (`school_categories.cohort`, else its first
 *   ШНОР year, else its first year with data).
 *
 * Seeded: goal 1 — ВПР quality +8 p.p. for ШНОР from the cohort year to 2025; goal 2 — results of
 * ВПР/ОГЭ (quality, pooled) +4 % relative for all schools, baseline 2021, target year 2025.
 * Saved with the workspace (a settings table) and edited on the «Цели» page.
 */
export const GOALS_TABLE = `
CREATE TABLE goals (
  goal_id INTEGER PRIMARY KEY,
  title VARCHAR NOT NULL,
  scope VARCHAR NOT NULL CHECK (scope IN ('shnor', 'all', 'school')),
  school_id VARCHAR,
  metric VARCHAR NOT NULL CHECK (metric IN ('vpr_quality', 'vpr_oge_quality')),
  interpretation VARCHAR NOT NULL CHECK (interpretation IN ('pp', 'relative')),
  baseline_year INTEGER,
  target_year INTEGER NOT NULL,
  target DOUBLE NOT NULL
);

INSERT INTO goals VALUES
  (1, 'Качество знаний по ВПР +8 п.п. к концу проекта (ШНОР)', 'shnor', NULL, 'vpr_quality', 'pp', NULL, 2025, 8),
  (2, 'Улучшение результатов ВПР/ОГЭ на 4 %', 'all', NULL, 'vpr_oge_quality', 'relative', 2021, 2025, 4);
`;

/**
 * Table `goal_school_targets(goal_id, school_id, target)` (migration v8) — a school's own target
 * for a goal (in the goal's units, p.p. or %), replacing the goal's `target` for that school in
 * `goal_progress`. The seed documents set +8 p.p. for ШНОР on average with per-school
 * targets of 3–10; values outside are allowed (the «Цели» page warns, src/core/goals/goal-checks.ts).
 */
export const GOAL_SCHOOL_TARGETS_TABLE = `
CREATE TABLE goal_school_targets (
  goal_id INTEGER NOT NULL,
  school_id VARCHAR NOT NULL,
  target DOUBLE NOT NULL,
  PRIMARY KEY (goal_id, school_id)
);
`;

const RESULTS_QUALITY = `
  SELECT 'vpr_quality' AS metric, school_id, year, sum(n4 + n5) AS good, sum(n2 + n3 + n4 + n5) AS marked
  FROM school_results WHERE procedure = 'ВПР' AND n2 + n3 + n4 + n5 > 0 GROUP BY school_id, year
  UNION ALL
  SELECT 'vpr_oge_quality', school_id, year, sum(n4 + n5), sum(n2 + n3 + n4 + n5)
  FROM school_results WHERE procedure IN ('ВПР', 'ОГЭ') AND n2 + n3 + n4 + n5 > 0 GROUP BY school_id, year
`;
// sum() over the one ВПР row too: the column types (HUGEINT) stay those of RESULTS_QUALITY
const ROLLUP_QUALITY = `
  SELECT 'vpr_quality' AS metric, school_id, year, sum(good) AS good, sum(marked) AS marked
  FROM school_year_marks WHERE procedure = 'ВПР' GROUP BY school_id, year
  UNION ALL
  SELECT 'vpr_oge_quality', school_id, year, sum(good), sum(marked)
  FROM school_year_marks WHERE procedure IN ('ВПР', 'ОГЭ') GROUP BY school_id, year
`;

const LATEST_CORRELATED = `
    (SELECT max(year) FROM qp l WHERE l.metric = m.metric AND l.school_id = m.school_id
       AND l.year > m.baseline_year AND l.year <= m.target_year) AS latest_year
  FROM members m LEFT JOIN qp b ON b.metric = m.metric AND b.school_id = m.school_id AND b.year = m.baseline_year`;
// The same latest year as a join (one row per goal and school in members): DuckDB plans a correlated
// subquery over a CTE several times slower than it runs it, and the tile pays that on every refresh.
const LATEST_JOINED = `lt.latest_year
  FROM members m LEFT JOIN qp b ON b.metric = m.metric AND b.school_id = m.school_id AND b.year = m.baseline_year
  LEFT JOIN (
    SELECT m2.goal_id, m2.school_id, max(l.year) AS latest_year
    FROM members m2 JOIN qp l ON l.metric = m2.metric AND l.school_id = m2.school_id AND l.year > m2.baseline_year AND l.year <= m2.target_year
    GROUP BY m2.goal_id, m2.school_id
  ) lt ON lt.goal_id = m.goal_id AND lt.school_id = m.school_id`;

const CHANGE = `CASE interpretation WHEN 'pp' THEN change_pp ELSE change_rel_pct END`;
const PROJECTED = `CASE interpretation WHEN 'pp' THEN projection - baseline ELSE 100.0 * (projection / NULLIF(baseline, 0) - 1) END`;

/**
 * View `goal_progress(goal_id, school_id, baseline_year, baseline, latest_year, latest, change_pp,
 * change_rel_pct, target, status, slope, r2, projection, significant, test, z, baseline_n, latest_n,
 * interpretation, target_source)` — per goal and school in its scope. `target` is the school's own
 * (`goal_school_targets`, `target_source` 'школа') when set, else the goal's ('цель'); migration v3
 * had no per-school targets (`schoolTargets` false: always the goal's). Quality in %, pooled by counts; latest = last
 * year with data ≤ target_year and > baseline_year. status (by change_pp or change_rel_pct per the
 * goal's interpretation): 'ухудшение' (change < 0), 'достигнута' (change ≥ target), 'в пути' (change
 * > 0 and the trend line's change at target_year ≥ target), 'отстаёт' (otherwise); NULL when there
 * is no baseline or no later year. slope (p.p./year), r2, projection = least-squares line of quality
 * over all years of the school (regr_slope/regr_r2) at target_year. significant = |z| > 1.96 of the
 * two-proportion z-test (pooled share) of baseline vs latest.
 *
 * `fromRollup` (migration v9): the school-year quality pooled from `school_year_marks` instead of
 * every `school_results` row — the same sums over the same rows with marks, ~10× fewer rows read —
 * computed once (MATERIALIZED) for its four uses, and the latest year found by a join.
 */
export function goalProgressView(schoolTargets: boolean, fromRollup = false): string {
  const target = schoolTargets ? 'COALESCE(t.target, g.target)' : 'g.target';
  const source = schoolTargets ? `CASE WHEN t.target IS NULL THEN 'цель' ELSE 'школа' END` : `'цель'`;
  const join = schoolTargets ? 'LEFT JOIN goal_school_targets t ON t.goal_id = g.goal_id AND t.school_id = d.school_id' : '';
  return `
CREATE VIEW goal_progress AS
WITH q AS (${fromRollup ? ROLLUP_QUALITY : RESULTS_QUALITY}), qp AS ${fromRollup ? 'MATERIALIZED ' : ''}(
  SELECT *, 100.0 * good / marked AS quality FROM q
), shnor AS (
  SELECT school_id, min(cohort) AS cohort, min(year) FILTER (WHERE shnor) AS first_year
  FROM school_categories GROUP BY school_id HAVING bool_or(shnor)
), members AS (
  SELECT g.goal_id, g.metric, g.interpretation, g.target_year, ${target} AS target, ${source} AS target_source, d.school_id,
    COALESCE(g.baseline_year, sh.cohort, sh.first_year, d.first_data_year) AS baseline_year
  FROM goals g
  JOIN (SELECT metric, school_id, min(year) AS first_data_year FROM qp GROUP BY metric, school_id) d ON d.metric = g.metric
  LEFT JOIN shnor sh ON sh.school_id = d.school_id
  ${join}
  WHERE g.scope = 'all' OR (g.scope = 'school' AND d.school_id = g.school_id) OR (g.scope = 'shnor' AND sh.school_id IS NOT NULL)
), fit AS (
  SELECT metric, school_id, regr_slope(quality, year) AS slope, regr_intercept(quality, year) AS intercept,
    regr_r2(quality, year) AS r2
  FROM qp GROUP BY metric, school_id
), bl AS (
  SELECT m.*, b.good AS b_good, b.marked AS b_marked, b.quality AS baseline, ${fromRollup ? LATEST_JOINED : LATEST_CORRELATED}
), joined AS (
  SELECT bl.*, l.good AS l_good, l.marked AS l_marked, l.quality AS latest,
    l.quality - bl.baseline AS change_pp, 100.0 * (l.quality / NULLIF(bl.baseline, 0) - 1) AS change_rel_pct,
    f.slope, f.r2, f.intercept + f.slope * bl.target_year AS projection,
    (b_good + l.good)::DOUBLE / (b_marked + l.marked) AS pooled
  FROM bl
  LEFT JOIN qp l ON l.metric = bl.metric AND l.school_id = bl.school_id AND l.year = bl.latest_year
  LEFT JOIN fit f ON f.metric = bl.metric AND f.school_id = bl.school_id
), z AS (
  SELECT *, CASE WHEN pooled > 0 AND pooled < 1
    THEN (l_good::DOUBLE / l_marked - b_good::DOUBLE / b_marked) / sqrt(pooled * (1 - pooled) * (1.0 / b_marked + 1.0 / l_marked)) END AS z
  FROM joined
)
SELECT goal_id, school_id, baseline_year, baseline, latest_year, latest, change_pp, change_rel_pct, target,
  CASE WHEN baseline IS NULL OR latest IS NULL OR ${CHANGE} IS NULL THEN NULL
       WHEN ${CHANGE} < 0 THEN 'ухудшение'
       WHEN ${CHANGE} >= target THEN 'достигнута'
       WHEN ${CHANGE} > 0 AND ${PROJECTED} >= target THEN 'в пути'
       ELSE 'отстаёт' END AS status,
  slope, r2, projection,
  CASE WHEN latest IS NOT NULL AND baseline IS NOT NULL THEN COALESCE(abs(z) > ${Z95}, false) END AS significant,
  ${sqlString(PROPORTION_Z_TEST_NAME)} AS test, z,
  b_marked::INTEGER AS baseline_n, l_marked::INTEGER AS latest_n, interpretation, target_source
FROM z;
`;
}

/** `goal_progress` as migration v3 created it (the goal's own target for every school). */
export const GOAL_PROGRESS_VIEW = goalProgressView(false);

/**
 * View `goal_summary(goal_id, scope, schools, met, met_pct)` — per goal, `scope` 'все' (every school
 * with a status) and 'ШНОР' (those of them that are ШНОР in some year); met = status 'достигнута'.
 */
export const GOAL_SUMMARY_VIEW = goalSummaryView(false);

/**
 * `goal_summary`'s SQL; `materialized` (migration v9) computes `goal_progress` once for both
 * scopes instead of planning and running it twice.
 */
export function goalSummaryView(materialized: boolean): string {
  return `
CREATE VIEW goal_summary AS
WITH p AS ${materialized ? 'MATERIALIZED ' : ''}(
  SELECT g.goal_id, g.status, g.school_id IN (SELECT school_id FROM school_categories WHERE shnor) AS is_shnor
  FROM goal_progress g WHERE g.status IS NOT NULL
)
SELECT goal_id, 'все' AS scope, count(*)::INTEGER AS schools, (count(*) FILTER (WHERE status = 'достигнута'))::INTEGER AS met,
  100.0 * count(*) FILTER (WHERE status = 'достигнута') / count(*) AS met_pct
FROM p GROUP BY goal_id
UNION ALL
SELECT goal_id, 'ШНОР', count(*)::INTEGER, (count(*) FILTER (WHERE status = 'достигнута'))::INTEGER,
  100.0 * count(*) FILTER (WHERE status = 'достигнута') / count(*)
FROM p WHERE is_shnor GROUP BY goal_id;
`;
}
