import { jsonNumberSql, PRESENT_SCORED, ruNumberSql, VPR_4_5_RU_MA } from './sql-text.ts';

/** Fewest (journal mark, score) pairs for which the journal-mismatch sign is evaluated. */
export const JOURNAL_MISMATCH_MIN_N = 5;

const W = 'year, procedure, subject, grade, school_id';

/**
 * View `objectivity_journal_mismatch` — official sign 2 (DOMAIN.md §4): Spearman's ρ between the
 * journal mark and the primary score inside the school (present students with both; ВПР Русский
 * язык/Математика 4–5) is negative. Ranks with ties averaged: rank() + (ties − 1)/2; ρ = Pearson
 * correlation of the ranks. Evaluated when n ≥ 5 pairs and both sides vary (ρ defined).
 * `value` = ρ, `n` = pairs, `reference_low` = 0 (flagged when value < reference_low).
 */
export const JOURNAL_MISMATCH_VIEW = `
CREATE VIEW objectivity_journal_mismatch AS
WITH pairs AS (
  SELECT ${W}, journal_mark::DOUBLE AS j, primary_score AS x
  FROM student_results
  WHERE ${PRESENT_SCORED} AND journal_mark IS NOT NULL AND ${VPR_4_5_RU_MA}
), ranked AS (
  SELECT ${W},
    rank() OVER (PARTITION BY ${W} ORDER BY j) + (count(*) OVER (PARTITION BY ${W}, j) - 1) / 2.0 AS rj,
    rank() OVER (PARTITION BY ${W} ORDER BY x) + (count(*) OVER (PARTITION BY ${W}, x) - 1) / 2.0 AS rx
  FROM pairs
), rho AS (
  SELECT ${W}, count(*) AS n,
    CASE WHEN var_pop(rj) > 1e-12 AND var_pop(rx) > 1e-12 THEN corr(rj, rx) END AS rho
  FROM ranked GROUP BY ${W}
  HAVING count(*) >= ${JOURNAL_MISMATCH_MIN_N}
)
SELECT year, school_id, procedure, subject, grade, 'journal_mismatch' AS sign, rho < 0 AS flagged, n::INTEGER AS n,
  rho AS value, 0.0::DOUBLE AS reference_low, NULL::DOUBLE AS reference_high, NULL::DOUBLE AS school_low, NULL::DOUBLE AS school_high,
  printf('{"rho":%s,"pairs":%d}', ${jsonNumberSql('rho')}, n) AS detail,
  'Ранговая корреляция Спирмена между отметкой в журнале и первичным баллом '
    || CASE WHEN rho < 0 THEN 'отрицательна' ELSE 'неотрицательна' END
    || ': ρ = ' || ${ruNumberSql('rho', 2)} || ' (n = ' || n || ')' AS explanation
FROM rho WHERE rho IS NOT NULL;
`;
