/**
 * The coordinator's «Обзор» tiles, each one small query over the documented views, so every tile
 * says the same as its detail page.
 */

/** Goals and how many schools meet them (overall and ШНОР). */
export function goalTilesSql(): string {
  return `SELECT g.goal_id, g.title, g.interpretation, g.target, s.scope, s.schools, s.met, s.met_pct
FROM goal_summary s JOIN goals g USING (goal_id)
ORDER BY g.goal_id, s.scope DESC`;
}

/** ШНОР against the other schools in ВПР, the latest year and the one before. */
export function shnorGapSql(): string {
  return `SELECT year, shnor_quality, other_quality, gap_pp, significant
FROM group_gap WHERE procedure = 'ВПР' ORDER BY year DESC LIMIT 2`;
}

/** The objectivity index of all loaded schools, the latest year and the one before. */
export function objectivityTileSql(): string {
  return `SELECT year, sum(schools)::INTEGER AS schools, sum(flagged)::INTEGER AS flagged,
  100 - 100.0 * sum(flagged) / NULLIF(sum(schools), 0) AS index
FROM objectivity_index GROUP BY year ORDER BY year DESC LIMIT 2`;
}

/**
 * «500+»: the share of ШНОР with a positive trend in the latest monitoring year, by stage. The view
 * is computed once (MATERIALIZED) for both the latest year and the sums: referenced twice, DuckDB
 * would plan and run its whole chain of views twice.
 */
export function monitoringTileSql(): string {
  return `WITH t AS MATERIALIZED (SELECT * FROM municipality_risk_trend)
SELECT year, stage, sum(shnor_schools)::INTEGER AS shnor_schools, sum(positive)::INTEGER AS positive,
  100.0 * sum(positive) / NULLIF(sum(shnor_schools), 0) AS positive_pct, sum(with_data)::INTEGER AS with_data
FROM t
WHERE year = (SELECT max(year) FROM t)
GROUP BY year, stage ORDER BY stage`;
}

/**
 * What changed since last year: per procedure, quality now and a year before, and schools that
 * moved beyond noise. Reads the per-school roll-up `school_year_results` (the sums it would
 * otherwise take over every school_results row).
 */
export function changesSql(): string {
  return `WITH q AS (
  SELECT procedure, year, school_id, good, marked FROM school_year_results
), last AS (SELECT procedure, max(year) AS year FROM q GROUP BY procedure),
pair AS (
  SELECT q.procedure, q.school_id, q.good AS g1, q.marked AS n1, p.good AS g0, p.marked AS n0, last.year
  FROM q JOIN last USING (procedure, year)
  JOIN q p ON p.procedure = q.procedure AND p.school_id = q.school_id AND p.year = q.year - 1
  WHERE q.marked > 0 AND p.marked > 0
), z AS (
  SELECT *, (g1 / n1 - g0 / n0) / NULLIF(sqrt(((g0 + g1) / (n0 + n1)) * (1 - (g0 + g1) / (n0 + n1)) * (1.0 / n0 + 1.0 / n1)), 0) AS z FROM pair
)
SELECT procedure, any_value(year)::INTEGER AS year,
  100.0 * sum(g1) / sum(n1) AS quality_now, 100.0 * sum(g0) / sum(n0) AS quality_before,
  sum(n1)::INTEGER AS n_now, sum(n0)::INTEGER AS n_before,
  count(*) FILTER (WHERE z > 1.96)::INTEGER AS rose, count(*) FILTER (WHERE z < -1.96)::INTEGER AS fell, count(*)::INTEGER AS schools
FROM z GROUP BY procedure
ORDER BY CASE procedure WHEN 'ВПР' THEN 1 WHEN 'ОГЭ' THEN 2 ELSE 3 END`;
}

/**
 * ЕГЭ on «Обзор»: all loaded schools (`school_id` empty) by subject in the latest year with ЕГЭ
 * data. `ege_metrics` is computed once (MATERIALIZED) for the latest year and the rows: referenced
 * twice, DuckDB would plan and run the view twice.
 */
export function egeOverviewSql(): string {
  return `WITH m AS MATERIALIZED (SELECT * FROM ege_metrics)
SELECT year, subject, participants, mean_test_score, below_min, below_min_pct, high_scorers, high_scorers_pct, min_score,
  fipi_below_min, fipi_min_60, fipi_61_80, fipi_81_100
FROM m WHERE school_id IS NULL AND year = (SELECT max(year) FROM m) ORDER BY subject`;
}
