import { studentRowsSql } from './slice-filter.ts';
import { jsonNumberSql, ruNumberSql } from './sql-text.ts';

/** Fewest schools with both grades for the quartiles of K to be computed. */
export const COHORT_CHANGE_MIN_SCHOOLS = 4;

const f1 = (e: string) => ruNumberSql(e, 1);
const f2 = (e: string) => ruNumberSql(e, 2);

/**
 * View `objectivity_cohort_change` — official sign 3 (DOMAIN.md §4): S = mean % of the maximum score
 * (each present student's primary_score / max_score × 100, max_score from the row or else from
 * grading_scales); K = S(grade 4, year Y) / S(grade 5, year Y + 1) per school and subject (ВПР
 * Русский язык, Математика); over all schools with both (at least 4) Q1, Q3 (quantile_cont), IQR;
 * flagged when K > Q3 + 3·IQR (sharp fall) or K < Q1 − 3·IQR (sharp rise). The row's year = Y + 1,
 * grade = 5, `value` = K, `reference_low/high` = the fences, `n` = grade-5 participants;
 * `detail` = JSON with direction ('fall' | 'rise' | 'none'), S₄, S₅, n₄, Q1, Q3.
 */
export const COHORT_CHANGE_VIEW = `
CREATE VIEW objectivity_cohort_change AS
${cohortChangeSelect(`(${cohortScoresSelect()})`)};
`;

/**
 * The SELECT of the per-school S of sign 3: `year, procedure, subject, grade, school_id, m, s` —
 * m present students with a score, s their mean % of the maximum (ВПР Русский язык/Математика,
 * grades 4 and 5). With `slices`, only those (year, procedure, subject, grade).
 */
export function cohortScoresSelect(slices?: string): string {
  // Σ score per maximum (exact for whole and half scores), then the % summed in a fixed order:
  // the same digits whether a slice is computed alone or with the others.
  return `SELECT year, procedure, subject, grade, school_id, sum(c)::BIGINT AS m, sum(sp * 100.0 / mx ORDER BY mx) / sum(c) AS s
  FROM (
  SELECT r.year, r.procedure, r.subject, r.grade, r.school_id, COALESCE(r.max_score, g.max_score) AS mx,
    count(*) AS c, sum(r.primary_score) AS sp
  FROM ${studentRowsSql('r', slices)}
  LEFT JOIN grading_scales g ON g.procedure = r.procedure AND g.year = r.year AND g.subject = r.subject AND g.grade = r.grade
  WHERE r.procedure = 'ВПР' AND r.grade IN (4, 5) AND r.subject IN ('Русский язык', 'Математика')
    AND NOT r.absent AND r.primary_score IS NOT NULL
    AND COALESCE(r.max_score, g.max_score) > 0
  GROUP BY r.year, r.procedure, r.subject, r.grade, r.school_id, mx
  )
  GROUP BY year, procedure, subject, grade, school_id`;
}

/**
 * The SELECT of `objectivity_cohort_change` from a relation of per-school S (cohortScoresSelect).
 * A row of (year Y + 1, subject) reads S of grade 4 in Y and grade 5 in Y + 1 of that subject, and
 * the quartiles are taken per (year, subject) over all schools: cohortChangeKeysSql names the
 * (year, subject) a set of changed slices touches, and those are recomputed whole.
 */
export function cohortChangeSelect(scores: string, keys?: string): string {
  if (keys !== undefined) {
    scores = `(SELECT * FROM ${scores} s WHERE EXISTS (SELECT 1 FROM ${keys} c
      WHERE c.subject = s.subject AND ((s.grade = 5 AND s.year = c.year) OR (s.grade = 4 AND s.year = c.year - 1))))`;
  }
  return `WITH s AS (
  SELECT year, subject, grade, school_id, m, s FROM ${scores}
), k AS (
  SELECT s5.year, s5.subject, s5.school_id, s4.s AS s4, s5.s AS s5, s4.m AS n4, s5.m AS n5, s4.s / s5.s AS k
  FROM s s4 JOIN s s5 ON s4.grade = 4 AND s5.grade = 5 AND s5.year = s4.year + 1
    AND s5.subject = s4.subject AND s5.school_id = s4.school_id
  WHERE s5.s > 0
), q AS (
  SELECT year, subject, quantile_cont(k, 0.25) AS q1, quantile_cont(k, 0.75) AS q3
  FROM k GROUP BY year, subject
  HAVING count(*) >= ${COHORT_CHANGE_MIN_SCHOOLS}
), f AS (
  SELECT k.*, q.q1, q.q3, q.q1 - 3 * (q.q3 - q.q1) AS low, q.q3 + 3 * (q.q3 - q.q1) AS high
  FROM k JOIN q USING (year, subject)
)
SELECT year, school_id, 'ВПР' AS procedure, subject, 5 AS grade, 'cohort_change' AS sign,
  k > high OR k < low AS flagged, n5::INTEGER AS n, k AS value, low AS reference_low, high AS reference_high,
  NULL::DOUBLE AS school_low, NULL::DOUBLE AS school_high,
  printf('{"direction":"%s","s4":%s,"s5":%s,"n4":%d,"n5":%d,"q1":%s,"q3":%s}',
    CASE WHEN k > high THEN 'fall' WHEN k < low THEN 'rise' ELSE 'none' END, ${jsonNumberSql('s4')}, ${jsonNumberSql('s5')},
    n4, n5, ${jsonNumberSql('q1')}, ${jsonNumberSql('q3')}) AS detail,
  'K = S₄/S₅ = ' || ${f2('k')} || ' (4 класс ' || (year - 1) || ': ' || ${f1('s4')} || ' % от максимума, 5 класс '
    || year || ': ' || ${f1('s5')} || ' %) — '
    || CASE WHEN k > high THEN 'выше границы ' || ${f2('high')} || ': резкое падение результатов'
            WHEN k < low THEN 'ниже границы ' || ${f2('low')} || ': резкий рост результатов'
            ELSE 'в пределах ' || ${f2('low')} || '…' || ${f2('high')} END AS explanation
FROM f`;
}

/**
 * SQL: the (year, subject) rows of `objectivity_cohort_change` that changed slices (a relation of
 * year, procedure, subject, grade) touch — grade 4 of Y feeds Y + 1, grade 5 of Y feeds Y.
 */
export function cohortChangeKeysSql(slices: string): string {
  return `(SELECT DISTINCT CASE WHEN grade = 4 THEN year + 1 ELSE year END AS year, subject FROM ${slices}
    WHERE procedure = 'ВПР' AND grade IN (4, 5) AND subject IN ('Русский язык', 'Математика'))`;
}
