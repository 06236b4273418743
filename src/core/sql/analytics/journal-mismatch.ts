import { studentRowsSql } from './slice-filter.ts';
import { jsonNumberSql, PRESENT_SCORED, ruNumberSql, VPR_4_5_RU_MA } from './sql-text.ts';

/** Fewest (journal mark, score) pairs for which the journal-mismatch sign is evaluated. */
export const JOURNAL_MISMATCH_MIN_N = 5;

const W = 'year, procedure, subject, grade, school_id';

/**
 * View `objectivity_journal_mismatch` — official sign 2 (DOMAIN.md §4): Spearman's ρ between the
 * journal mark and the primary score inside the school (present students with both; ВПР Русский
 * язык/Математика 4–5) is negative. Ranks with ties averaged: (pairs below) + (ties + 1)/2; ρ = Pearson
 * correlation of the ranks. Evaluated when n ≥ 5 pairs and both sides vary (ρ defined).
 * The ranks are computed per distinct (journal mark, score) cell, not per student, and ρ from the
 * sums n, Σr, Σr², Σrⱼrₓ: ranks are multiples of ½, so those sums are exact whatever the row order
 * and ρ is the same on every run (a window over students and corr() gave last-digit noise).
 * `value` = ρ, `n` = pairs, `reference_low` = 0 (flagged when value < reference_low).
 */
export const JOURNAL_MISMATCH_VIEW = `
CREATE VIEW objectivity_journal_mismatch AS
${journalMismatchSelect()};
`;

/** The SELECT of `objectivity_journal_mismatch`; with `slices`, only those (year, procedure, subject, grade). */
export function journalMismatchSelect(slices?: string): string {
  return `WITH pairs AS (
  SELECT ${W}, journal_mark::DOUBLE AS j, primary_score AS x
  FROM ${studentRowsSql('student_results', slices)}
  WHERE ${PRESENT_SCORED} AND journal_mark IS NOT NULL AND ${VPR_4_5_RU_MA}
), cell AS (
  SELECT ${W}, j, x, count(*) AS c FROM pairs GROUP BY ${W}, j, x
), rank_j AS (
  SELECT ${W}, j, (sum(c) OVER (PARTITION BY ${W} ORDER BY j) - c + (c + 1) / 2.0)::DOUBLE AS rj
  FROM (SELECT ${W}, j, sum(c) AS c FROM cell GROUP BY ${W}, j)
), rank_x AS (
  SELECT ${W}, x, (sum(c) OVER (PARTITION BY ${W} ORDER BY x) - c + (c + 1) / 2.0)::DOUBLE AS rx
  FROM (SELECT ${W}, x, sum(c) AS c FROM cell GROUP BY ${W}, x)
), sums AS (
  SELECT ${W}, sum(c) AS n, sum(c * rj) AS sj, sum(c * rx) AS sx, sum(c * rj * rj) AS sjj, sum(c * rx * rx) AS sxx,
    sum(c * rj * rx) AS sjx
  FROM cell JOIN rank_j USING (${W}, j) JOIN rank_x USING (${W}, x)
  GROUP BY ${W}
  HAVING sum(c) >= ${JOURNAL_MISMATCH_MIN_N}
), rho AS (
  SELECT ${W}, n,
    CASE WHEN m * sjj - sj * sj > 0 AND m * sxx - sx * sx > 0
      THEN (m * sjx - sj * sx) / sqrt((m * sjj - sj * sj) * (m * sxx - sx * sx)) END AS rho
  FROM (SELECT *, n::DOUBLE AS m FROM sums)
)
SELECT year, school_id, procedure, subject, grade, 'journal_mismatch' AS sign, rho < 0 AS flagged, n::INTEGER AS n,
  rho AS value, 0.0::DOUBLE AS reference_low, NULL::DOUBLE AS reference_high, NULL::DOUBLE AS school_low, NULL::DOUBLE AS school_high,
  printf('{"rho":%s,"pairs":%d}', ${jsonNumberSql('rho')}, n) AS detail,
  'Ранговая корреляция Спирмена между отметкой в журнале и первичным баллом '
    || CASE WHEN rho < 0 THEN 'отрицательна' ELSE 'неотрицательна' END
    || ': ρ = ' || ${ruNumberSql('rho', 2)} || ' (n = ' || n || ')' AS explanation
FROM rho WHERE rho IS NOT NULL`;
}
