/**
 * View `cohort_flow(from_year, from_grade, to_year, to_grade, school_id, subject, from_quality,
 * to_quality, from_marked, to_marked, from_procedure, to_procedure, change_pp)` — the same school's
 * grade N in year Y followed to grade N + 1 in Y + 1 in the same subject: ВПР → ВПР, and ВПР 8 → ОГЭ 9.
 * Quality pooled by counts (school_results); only pairs where both sides have marks.
 */
export const COHORT_FLOW_VIEW = `
CREATE VIEW cohort_flow AS
WITH q AS (
  SELECT year, procedure, grade, subject, school_id, sum(n4 + n5) AS good, sum(n2 + n3 + n4 + n5) AS marked
  FROM school_results WHERE procedure IN ('ВПР', 'ОГЭ') AND n2 + n3 + n4 + n5 > 0
  GROUP BY year, procedure, grade, subject, school_id
)
SELECT f.year AS from_year, f.grade AS from_grade, t.year AS to_year, t.grade AS to_grade, f.school_id, f.subject,
  100.0 * f.good / f.marked AS from_quality, 100.0 * t.good / t.marked AS to_quality,
  f.marked::INTEGER AS from_marked, t.marked::INTEGER AS to_marked, f.procedure AS from_procedure, t.procedure AS to_procedure,
  100.0 * t.good / t.marked - 100.0 * f.good / f.marked AS change_pp
FROM q f JOIN q t ON t.school_id = f.school_id AND t.subject = f.subject AND t.year = f.year + 1 AND t.grade = f.grade + 1
WHERE f.procedure = 'ВПР' AND (t.procedure = 'ВПР' OR (f.grade = 8 AND t.procedure = 'ОГЭ'));
`;
