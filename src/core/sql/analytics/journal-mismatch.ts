import { studentRowsSql } from './slice-filter.ts';
import { jsonNumberSql, PRESENT_SCORED, ruNumberSql, VPR_4_5_RU_MA } from './sql-text.ts';

/** Fewest (journal mark, score) pairs for which the journal-mismatch sign is evaluated. */
export const JOURNAL_MISMATCH_MIN_N = 5;

const W = 'year, procedure, subject, grade, school_id';

/** Journal marks: every import path accepts 1–5 only (the rare «1» is real). */
const MARKS = [1, 2, 3, 4, 5];

/**
 * View `objectivity_journal_mismatch` — official sign 2 (DOMAIN.md §4): Spearman's ρ between the
 * journal mark and the primary score inside the school (present students with both; ВПР Русский
 * язык/Математика 4–5) is negative. Ranks with ties averaged: (pairs below) + (ties + 1)/2; ρ = Pearson
 * correlation of the ranks. Evaluated when n ≥ 5 pairs and both sides vary (ρ defined).
 * The ranks are computed per distinct score of a school, not per student — one row per score with
 * the count of each journal mark `c1…c5` beside it, so a journal mark's rank comes from the
 * school's totals per mark — and ρ from the sums n, Σr, Σr², Σrⱼrₓ: ranks are multiples of ½, so
 * those sums are exact whatever the row order and ρ is the same on every run (a window over
 * students and corr() gave last-digit noise).
 * `value` = ρ, `n` = pairs, `reference_low` = 0 (flagged when value < reference_low).
 */
export const JOURNAL_MISMATCH_VIEW = `
CREATE VIEW objectivity_journal_mismatch AS
${journalMismatchSelect()};
`;

/** The SELECT of `objectivity_journal_mismatch`; with `slices`, only those (year, procedure, subject, grade). */
export function journalMismatchSelect(slices?: string): string {
  const each = (f: (k: number) => string, sep = ', ') => MARKS.map(f).join(sep);
  // A mark's rank: the pairs with lower marks, plus (its own count + 1) / 2.
  const rank = (k: number) => `(${MARKS.filter((i) => i < k).map((i) => `n${i} + `).join('')}(n${k} + 1) / 2.0)::DOUBLE AS r${k}`;
  return `WITH pairs AS (
  SELECT ${W}, journal_mark AS j, primary_score AS x
  FROM ${studentRowsSql('student_results', slices)}
  WHERE ${PRESENT_SCORED} AND journal_mark BETWEEN ${MARKS[0]} AND ${MARKS.at(-1)} AND ${VPR_4_5_RU_MA}
), cell AS (
  SELECT ${W}, x, count(*) AS c, ${each((k) => `count(*) FILTER (WHERE j = ${k}) AS c${k}`)}
  FROM pairs GROUP BY ${W}, x
), ranked AS (
  SELECT *, (sum(c) OVER (PARTITION BY ${W} ORDER BY x) - c + (c + 1) / 2.0)::DOUBLE AS rx,
    ${each((k) => `sum(c${k}) OVER (PARTITION BY ${W}) AS n${k}`)}
  FROM cell
), sums AS (
  SELECT ${W}, sum(c) AS n, sum(${each((k) => `c${k} * r${k}`, ' + ')}) AS sj, sum(c * rx) AS sx,
    sum(${each((k) => `c${k} * r${k} * r${k}`, ' + ')}) AS sjj, sum(c * rx * rx) AS sxx,
    sum(rx * (${each((k) => `c${k} * r${k}`, ' + ')})) AS sjx
  FROM (SELECT *, ${each(rank)} FROM ranked)
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
