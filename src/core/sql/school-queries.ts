import { sqlString } from '../text.ts';

/**
 * The school's progress on each goal whose scope includes it (one `goal_progress` row per goal), with
 * the goal's wording, metric, target year and its own target (`goal_target`; `target` is the school's
 * when `target_source` is 'школа'). Rows fit `SchoolGoalProgress` (src/core/goals/school-goal-text.ts).
 */
export function schoolGoalsSql(schoolId: string): string {
  return `SELECT g.title, g.metric, g.target_year, g.target AS goal_target, p.* FROM goal_progress p JOIN goals g USING (goal_id)
WHERE p.school_id = ${sqlString(schoolId)} ORDER BY p.goal_id`;
}

/** Marks 2..5 of the school and of its municipality in one procedure and year (shares of participants with a mark). */
export function marksDistributionSql(schoolId: string, procedure: string, year: number): string {
  const id = sqlString(schoolId);
  return `WITH me AS (SELECT municipality FROM schools WHERE school_id = ${id}),
t AS (
  SELECT CASE WHEN r.school_id = ${id} THEN 'school' ELSE 'municipality' END AS who, r.*
  FROM school_results r
  WHERE r.procedure = ${sqlString(procedure)} AND r.year = ${Number(year)} AND r.n2 IS NOT NULL
    AND (r.school_id = ${id} OR r.school_id IN (SELECT school_id FROM schools WHERE municipality IS NOT DISTINCT FROM (SELECT municipality FROM me)))
)
SELECT who, sum(n2 + n3 + n4 + n5)::INTEGER AS marked,
  100.0 * sum(n2) / NULLIF(sum(n2 + n3 + n4 + n5), 0) AS p2, 100.0 * sum(n3) / NULLIF(sum(n2 + n3 + n4 + n5), 0) AS p3,
  100.0 * sum(n4) / NULLIF(sum(n2 + n3 + n4 + n5), 0) AS p4, 100.0 * sum(n5) / NULLIF(sum(n2 + n3 + n4 + n5), 0) AS p5
FROM (SELECT * FROM t UNION ALL SELECT 'municipality', * EXCLUDE (who) FROM t WHERE who = 'school')
GROUP BY who ORDER BY who DESC`;
}

/** The school's ВПР marks against journal marks in a year, all subjects and grades pooled, beside the municipality. */
export function schoolJournalSql(schoolId: string, year: number): string {
  const id = sqlString(schoolId);
  return `SELECT CASE WHEN school_id = ${id} THEN 'school' ELSE 'municipality' END AS who,
  sum(journal_n)::INTEGER AS journal_n,
  100.0 * sum(lowered) / NULLIF(sum(journal_n), 0) AS lowered_pct,
  100.0 * sum(confirmed) / NULLIF(sum(journal_n), 0) AS confirmed_pct,
  100.0 * sum(raised) / NULLIF(sum(journal_n), 0) AS raised_pct
FROM school_results
WHERE procedure = 'ВПР' AND year = ${Number(year)} AND journal_n > 0
  AND school_id IN (SELECT school_id FROM schools WHERE municipality IS NOT DISTINCT FROM (SELECT municipality FROM schools WHERE school_id = ${id}))
GROUP BY 1 ORDER BY 1 DESC`;
}

/** Flagged objectivity signs of the school, all years, newest first, with their explanations. */
export function schoolSignsSql(schoolId: string): string {
  return `SELECT year, procedure, subject, grade, sign, n, explanation FROM objectivity_signs
WHERE school_id = ${sqlString(schoolId)} AND flagged ORDER BY year DESC, procedure, subject, grade, sign`;
}

/** The school's «500+» risk trend by year and stage (positive directions of the activated ones). */
export function schoolRiskSql(schoolId: string): string {
  return `SELECT year, stage, directions, positive_directions, positive FROM school_risk_trend
WHERE school_id = ${sqlString(schoolId)} ORDER BY year DESC, stage`;
}
