import { wilsonSql } from '../../stats.ts';
import { Z95 } from './sql-text.ts';

const R_MARKED = 'r.n2 + r.n3 + r.n4 + r.n5';

/** Minimum marked participants of a school-year for the «высокие результаты» quartile (DOMAIN.md §3: group analysis needs n ≥ 10). */
export const HIGH_RESULTS_MIN_N = 10;

/**
 * View `group_comparison(year, procedure, grp, schools, marked, quality_pct, quality_low,
 * quality_high)` — quality pooled by counts with its 95 % Wilson interval, grp 'ШНОР' (ШНОР in
 * `school_categories` of that year), 'остальные' (the rest, schools without a category row
 * included) and 'все'. Rows without mark counts (ЕГЭ test scores) are left out. From migration v8
 * (`highResults`) also grp 'высокие результаты' (ШВОР): schools whose quality in that year and
 * procedure (all subjects and grades pooled, n ≥ 10) is at or above the upper quartile
 * (quantile_cont 0.75) of those schools — a reference group that overlaps the other two, so
 * ШНОР + остальные = все still holds and 'высокие результаты' is not part of that sum.
 *
 * View `group_gap(year, procedure, shnor_quality, other_quality, gap_pp, z, significant)` — ШНОР −
 * остальные in p.p. with a two-proportion z-test (|z| > 1.96).
 *
 * `fromRollup` (migration v9): the same numbers pooled from `school_year_marks` (one row per
 * school, procedure and year with marks) instead of every `school_results` row — the «Обзор» tile
 * reads `group_gap` on every refresh, and at region scale that is ~36 k rows instead of ~365 k.
 */
export function groupComparisonViews(highResults: boolean, fromRollup = false): string {
  const high = highResults
    ? `
UNION ALL
SELECT year, procedure, 'высокие результаты', count(*)::INTEGER, sum(marked)::INTEGER, 100.0 * sum(good) / sum(marked),
  ${wilsonSql('sum(good)', 'sum(marked)', 'quality')}
FROM (
  SELECT s.*, 100.0 * s.good / s.marked AS q,
    quantile_cont(100.0 * s.good / s.marked, 0.75) OVER (PARTITION BY s.year, s.procedure) AS q3
  FROM (SELECT year, procedure, school_id, sum(good) AS good, sum(marked) AS marked FROM r GROUP BY year, procedure, school_id) s
  WHERE s.marked >= ${HIGH_RESULTS_MIN_N}
)
WHERE q >= q3
GROUP BY year, procedure`
    : '';
  return `
CREATE VIEW group_comparison AS
WITH r AS (
  SELECT r.year, r.procedure, r.school_id, CASE WHEN COALESCE(c.shnor, false) THEN 'ШНОР' ELSE 'остальные' END AS grp,
    ${fromRollup ? 'r.good, r.marked' : `r.n4 + r.n5 AS good, ${R_MARKED} AS marked`}
  FROM ${fromRollup ? 'school_year_marks' : 'school_results'} r
  LEFT JOIN (SELECT year, school_id, bool_or(shnor) AS shnor FROM school_categories GROUP BY year, school_id) c
    ON c.year = r.year AND c.school_id = r.school_id${fromRollup ? '' : `
  WHERE ${R_MARKED} > 0`}
)
SELECT year, procedure, CASE WHEN grouping(grp) = 1 THEN 'все' ELSE grp END AS grp,
  count(DISTINCT school_id)::INTEGER AS schools, sum(marked)::INTEGER AS marked,
  100.0 * sum(good) / sum(marked) AS quality_pct,
  ${wilsonSql('sum(good)', 'sum(marked)', 'quality')}
FROM r
GROUP BY GROUPING SETS ((year, procedure, grp), (year, procedure))${high};

CREATE VIEW group_gap AS
WITH s AS (
  SELECT year, procedure,
    max(quality_pct) FILTER (WHERE grp = 'ШНОР') AS shnor_quality, max(marked) FILTER (WHERE grp = 'ШНОР') AS n1,
    max(quality_pct) FILTER (WHERE grp = 'остальные') AS other_quality, max(marked) FILTER (WHERE grp = 'остальные') AS n2
  FROM group_comparison ${highResults ? `WHERE grp IN ('ШНОР', 'остальные') ` : ''}GROUP BY year, procedure
), p AS (
  SELECT *, (shnor_quality * n1 + other_quality * n2) / 100.0 / (n1 + n2) AS pooled FROM s
  WHERE shnor_quality IS NOT NULL AND other_quality IS NOT NULL
), z AS (
  SELECT *, CASE WHEN pooled > 0 AND pooled < 1
    THEN (shnor_quality - other_quality) / 100.0 / sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2)) END AS z
  FROM p
)
SELECT year, procedure, shnor_quality, other_quality, shnor_quality - other_quality AS gap_pp, z,
  COALESCE(abs(z) > ${Z95}, false) AS significant
FROM z;
`;
}

/** `group_comparison` and `group_gap` as migration v3 created them (no «высокие результаты»). */
export const GROUP_COMPARISON_VIEWS = groupComparisonViews(false);
