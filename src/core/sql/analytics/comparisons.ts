import { wilsonSql } from '../../stats.ts';
import { Z95 } from './sql-text.ts';

const R_MARKED = 'r.n2 + r.n3 + r.n4 + r.n5';

/**
 * View `group_comparison(year, procedure, grp, schools, marked, quality_pct, quality_low,
 * quality_high)` — quality pooled by counts with its 95 % Wilson interval, grp 'ШНОР' (ШНОР in
 * `school_categories` of that year), 'остальные' (the rest, schools without a category row
 * included) and 'все'. Rows without mark counts (ЕГЭ test scores) are left out.
 *
 * View `group_gap(year, procedure, shnor_quality, other_quality, gap_pp, z, significant)` — ШНОР −
 * остальные in p.p. with a two-proportion z-test (|z| > 1.96).
 */
export const GROUP_COMPARISON_VIEWS = `
CREATE VIEW group_comparison AS
WITH r AS (
  SELECT r.year, r.procedure, r.school_id, CASE WHEN COALESCE(c.shnor, false) THEN 'ШНОР' ELSE 'остальные' END AS grp,
    r.n4 + r.n5 AS good, ${R_MARKED} AS marked
  FROM school_results r
  LEFT JOIN (SELECT year, school_id, bool_or(shnor) AS shnor FROM school_categories GROUP BY year, school_id) c
    ON c.year = r.year AND c.school_id = r.school_id
  WHERE ${R_MARKED} > 0
)
SELECT year, procedure, CASE WHEN grouping(grp) = 1 THEN 'все' ELSE grp END AS grp,
  count(DISTINCT school_id)::INTEGER AS schools, sum(marked)::INTEGER AS marked,
  100.0 * sum(good) / sum(marked) AS quality_pct,
  ${wilsonSql('sum(good)', 'sum(marked)', 'quality')}
FROM r
GROUP BY GROUPING SETS ((year, procedure, grp), (year, procedure));

CREATE VIEW group_gap AS
WITH s AS (
  SELECT year, procedure,
    max(quality_pct) FILTER (WHERE grp = 'ШНОР') AS shnor_quality, max(marked) FILTER (WHERE grp = 'ШНОР') AS n1,
    max(quality_pct) FILTER (WHERE grp = 'остальные') AS other_quality, max(marked) FILTER (WHERE grp = 'остальные') AS n2
  FROM group_comparison GROUP BY year, procedure
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
