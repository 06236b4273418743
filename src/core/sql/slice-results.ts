/**
 * The roll-up `slice_results` (migration v7): `school_results` summed by procedure, year, subject,
 * grade, municipality and the school's categories that year, so the overview reads ~10⁴ rows
 * instead of every school's. Counters are summed, never averaged, so pooled percentages, weighted
 * means and Wilson intervals computed from it equal those computed from the school rows.
 *
 * Columns: `procedure, year, subject, grade, municipality, shnor, sssu, schools, participants, n2,
 * n3, n4, n5, marked, good, passed, test_score_sum, test_participants`. `subject` / `grade` NULL =
 * all subjects / grades of the procedure and year (school_results has no NULL there), so `schools`
 * (distinct schools) is exact at every level; `municipality` is the school's in `schools` (NULL
 * when unknown); `shnor` / `sssu` — the school has that category in `school_categories` that year.
 * `marked`, `good`, `passed` = sums of n2+n3+n4+n5, n4+n5, n3+n4+n5 (NULL rows skipped, as
 * `sum(n2 + n3 + n4 + n5)` does); `test_score_sum` / `test_participants` = Σ mean_score ·
 * participants and Σ participants over ЕГЭ rows without marks (the participant-weighted mean score).
 */

/** The SELECT filling `slice_results`; with `slices`, only the (procedure, year) pairs it names. */
export function sliceResultsSelect(slices?: string): string {
  const results = slices === undefined ? 'school_results r'
    : `(SELECT * FROM school_results SEMI JOIN (SELECT DISTINCT procedure, year FROM ${slices}) USING (procedure, year)) r`;
  const test = `r.procedure = 'ЕГЭ' AND r.n2 IS NULL`;
  return `WITH rows AS (
  SELECT r.*, s.municipality, COALESCE(c.shnor, false) AS shnor, COALESCE(c.sssu, false) AS sssu
  FROM ${results}
  LEFT JOIN (SELECT school_id, any_value(municipality) AS municipality FROM schools GROUP BY school_id) s USING (school_id)
  LEFT JOIN (SELECT year, school_id, bool_or(shnor) AS shnor, bool_or(sssu) AS sssu FROM school_categories GROUP BY year, school_id) c
    ON c.year = r.year AND c.school_id = r.school_id
)
SELECT procedure, year, subject, grade, municipality, shnor, sssu,
  count(DISTINCT school_id)::BIGINT AS schools,
  sum(participants)::BIGINT AS participants,
  sum(n2)::BIGINT AS n2, sum(n3)::BIGINT AS n3, sum(n4)::BIGINT AS n4, sum(n5)::BIGINT AS n5,
  sum(n2 + n3 + n4 + n5)::BIGINT AS marked, sum(n4 + n5)::BIGINT AS good, sum(n3 + n4 + n5)::BIGINT AS passed,
  -- doubles added in one fixed order: a (procedure, year) refreshed alone gives the same digits
  sum(mean_score * participants ORDER BY school_id, subject, grade) FILTER (WHERE ${test}) AS test_score_sum,
  sum(participants) FILTER (WHERE ${test})::BIGINT AS test_participants
FROM rows r
GROUP BY GROUPING SETS (
  (procedure, year, subject, grade, municipality, shnor, sssu), (procedure, year, subject, municipality, shnor, sssu),
  (procedure, year, grade, municipality, shnor, sssu), (procedure, year, municipality, shnor, sssu))`;
}
