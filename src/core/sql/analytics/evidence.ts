import { studentRowsSql } from './slice-filter.ts';
import { PRESENT_SCORED } from './sql-text.ts';

/** Fewest present participants with a score in a slice for the boundary peak to be evaluated. */
export const BOUNDARY_PEAK_MIN_N = 50;

const SLICE = 'year, procedure, subject, grade';

/**
 * View `journal_comparison(year, procedure, subject, grade, school_id, journal_n, lowered_pct,
 * confirmed_pct, raised_pct, gap2_n, lowered, confirmed, raised)` — ФИС ОКО «Сравнение отметок с
 * отметками по журналу» from student rows (present, with a mark and a journal mark): понизили (mark <
 * journal), подтвердили (=), повысили (>), gap2_n = |mark − journal| ≥ 2. Per school, and with
 * school_id NULL for all loaded schools. Counts are given too, to pool groups by counts.
 */
export const JOURNAL_COMPARISON_VIEW = `
CREATE VIEW journal_comparison AS
${journalComparisonSelect()};
`;

/** The SELECT of `journal_comparison`; with `slices`, only those (year, procedure, subject, grade). */
export function journalComparisonSelect(slices?: string): string {
  // The level of all schools sums the schools' counts (integers: the same as counting rows), a
  // second pass over ~60 000 school rows instead of over every student row.
  const pct = (n: string) => `100.0 * ${n} / journal_n`;
  return `WITH school AS (
  SELECT ${SLICE}, school_id, count(*)::INTEGER AS journal_n,
    (count(*) FILTER (WHERE abs(mark - journal_mark) >= 2))::INTEGER AS gap2_n,
    (count(*) FILTER (WHERE mark < journal_mark))::INTEGER AS lowered,
    (count(*) FILTER (WHERE mark = journal_mark))::INTEGER AS confirmed,
    (count(*) FILTER (WHERE mark > journal_mark))::INTEGER AS raised
  FROM ${studentRowsSql('student_results', slices)}
  WHERE NOT absent AND mark IS NOT NULL AND journal_mark IS NOT NULL
  GROUP BY ${SLICE}, school_id
), levels AS (
  SELECT * FROM school
  UNION ALL
  SELECT ${SLICE}, NULL AS school_id, sum(journal_n)::INTEGER, sum(gap2_n)::INTEGER, sum(lowered)::INTEGER, sum(confirmed)::INTEGER,
    sum(raised)::INTEGER
  FROM school GROUP BY ${SLICE}
)
SELECT ${SLICE}, school_id, journal_n, ${pct('lowered')} AS lowered_pct, ${pct('confirmed')} AS confirmed_pct, ${pct('raised')} AS raised_pct,
  gap2_n, lowered, confirmed, raised
FROM levels`;
}

/**
 * View `score_histogram(year, procedure, subject, grade, school_id, primary_score, students)` —
 * present students by primary score, per school and with school_id NULL for all loaded schools.
 */
export const SCORE_HISTOGRAM_VIEW = `
CREATE VIEW score_histogram AS
${scoreHistogramSelect()};
`;

/** The SELECT of `score_histogram`; with `slices`, only those (year, procedure, subject, grade). */
export function scoreHistogramSelect(slices?: string): string {
  // All schools' level from the schools' counts, as in journalComparisonSelect.
  return `WITH school AS (
  SELECT ${SLICE}, school_id, primary_score, count(*)::INTEGER AS students
  FROM ${studentRowsSql('student_results', slices)}
  WHERE ${PRESENT_SCORED}
  GROUP BY ${SLICE}, school_id, primary_score
)
SELECT * FROM school
UNION ALL
SELECT ${SLICE}, NULL AS school_id, primary_score, sum(students)::INTEGER AS students FROM school GROUP BY ${SLICE}, primary_score`;
}

/**
 * View `boundary_peaks(year, procedure, subject, grade, school_id, boundary_score, at_boundary,
 * below_1, below_2, ratio, n)` — «дотягивание» to the 2→3 boundary b = min_score_3 of that year's
 * scale: students at b, b − 1, b − 2; ratio = at_boundary / below_1 (NULL when below_1 = 0). Levels:
 * per school-year; per school with all years pooled (year NULL; counts are taken relative to each
 * year's own boundary, boundary_score NULL if it changed); all loaded schools per year (school_id
 * NULL). Only slices with n ≥ 50 present participants with a score.
 */
export const BOUNDARY_PEAKS_VIEW = `
CREATE VIEW boundary_peaks AS
WITH s AS (
  SELECT r.year, r.procedure, r.subject, r.grade, r.school_id, r.primary_score AS x, g.min_score_3 AS b
  FROM student_results r
  JOIN grading_scales g ON g.procedure = r.procedure AND g.year = r.year AND g.subject = r.subject AND g.grade = r.grade
  WHERE NOT r.absent AND r.primary_score IS NOT NULL
), agg AS (
  SELECT year, procedure, subject, grade, school_id,
    CASE WHEN min(b) = max(b) THEN min(b) END AS boundary_score,
    (count(*) FILTER (WHERE x = b))::INTEGER AS at_boundary,
    (count(*) FILTER (WHERE x = b - 1))::INTEGER AS below_1,
    (count(*) FILTER (WHERE x = b - 2))::INTEGER AS below_2,
    count(*)::INTEGER AS n
  FROM s
  GROUP BY GROUPING SETS ((year, procedure, subject, grade, school_id), (procedure, subject, grade, school_id),
    (year, procedure, subject, grade))
)
SELECT year, procedure, subject, grade, school_id, boundary_score, at_boundary, below_1, below_2,
  at_boundary::DOUBLE / NULLIF(below_1, 0) AS ratio, n
FROM agg WHERE n >= ${BOUNDARY_PEAK_MIN_N};
`;

/**
 * The SELECT of `boundary_counts(year, procedure, subject, grade, school_id, b, at_boundary,
 * below_1, below_2, n)` — per school-year the 2→3 boundary b (min_score_3 of that year's scale) and
 * the students at b, b − 1, b − 2 and in all, from the per-school rows of the `score_histogram`
 * table (the same present students with a score, counted by score). With `slices`, only those
 * (year, procedure, subject, grade).
 */
export function boundaryCountsSelect(slices?: string): string {
  const histogram = slices === undefined ? 'score_histogram h'
    : `(SELECT * FROM score_histogram SEMI JOIN ${slices} USING (year, procedure, subject, grade)) h`;
  return `SELECT h.year, h.procedure, h.subject, h.grade, h.school_id, g.min_score_3 AS b,
  (COALESCE(sum(h.students) FILTER (WHERE h.primary_score = g.min_score_3), 0))::INTEGER AS at_boundary,
  (COALESCE(sum(h.students) FILTER (WHERE h.primary_score = g.min_score_3 - 1), 0))::INTEGER AS below_1,
  (COALESCE(sum(h.students) FILTER (WHERE h.primary_score = g.min_score_3 - 2), 0))::INTEGER AS below_2,
  sum(h.students)::INTEGER AS n
FROM ${histogram}
JOIN grading_scales g ON g.procedure = h.procedure AND g.year = h.year AND g.subject = h.subject AND g.grade = h.grade
WHERE h.school_id IS NOT NULL
GROUP BY h.year, h.procedure, h.subject, h.grade, h.school_id, g.min_score_3`;
}

/**
 * The SELECT of `boundary_peaks` from the `boundary_counts` table, so it never reads student rows.
 * The pooled level spans years, so `slices` narrows by (procedure, subject, grade) only: every
 * year of them.
 */
export function boundaryPeaksFromCountsSelect(slices?: string): string {
  const counts = slices === undefined ? 'boundary_counts'
    : `(SELECT * FROM boundary_counts SEMI JOIN (SELECT DISTINCT procedure, subject, grade FROM ${slices}) USING (procedure, subject, grade))`;
  return `WITH agg AS (
  SELECT year, procedure, subject, grade, school_id,
    CASE WHEN min(b) = max(b) THEN min(b) END AS boundary_score,
    sum(at_boundary)::INTEGER AS at_boundary, sum(below_1)::INTEGER AS below_1, sum(below_2)::INTEGER AS below_2,
    sum(n)::INTEGER AS n
  FROM ${counts}
  GROUP BY GROUPING SETS ((year, procedure, subject, grade, school_id), (procedure, subject, grade, school_id),
    (year, procedure, subject, grade))
)
SELECT year, procedure, subject, grade, school_id, boundary_score, at_boundary, below_1, below_2,
  at_boundary::DOUBLE / NULLIF(below_1, 0) AS ratio, n
FROM agg WHERE n >= ${BOUNDARY_PEAK_MIN_N}`;
}
