import type { Goal } from '../goals/goal-checks.ts';
import { sqlString } from '../text.ts';

/**
 * The «Цели» page's queries: goals with how many schools meet them, the schools of a goal with
 * their own targets, and the writes (goals and `goal_school_targets`). Writes are plain statements;
 * the caller runs a multi-statement change in one transaction.
 */

/** One goal with its summary (goal_summary: scope 'все' and 'ШНОР'). */
export interface GoalListRow {
  goal_id: number;
  title: string;
  scope: Goal['scope'];
  school_id: string | null;
  school_name: string | null;
  metric: Goal['metric'];
  interpretation: Goal['interpretation'];
  baseline_year: number | null;
  target_year: number;
  target: number;
  school_targets: number;
  all_schools: number | null;
  all_met: number | null;
  all_met_pct: number | null;
  shnor_schools: number | null;
  shnor_met: number | null;
  shnor_met_pct: number | null;
}

/** Every goal with the share of schools meeting it (overall and ШНОР, with n) and how many schools have their own target. */
export function goalListSql(): string {
  return `SELECT g.goal_id, g.title, g.scope, g.school_id, s.name AS school_name, g.metric, g.interpretation, g.baseline_year, g.target_year, g.target,
  (SELECT count(*) FROM goal_school_targets t WHERE t.goal_id = g.goal_id)::INTEGER AS school_targets,
  a.schools AS all_schools, a.met AS all_met, a.met_pct AS all_met_pct,
  sh.schools AS shnor_schools, sh.met AS shnor_met, sh.met_pct AS shnor_met_pct
FROM goals g
LEFT JOIN (SELECT school_id, any_value(name) AS name FROM schools GROUP BY school_id) s ON s.school_id = g.school_id
LEFT JOIN goal_summary a ON a.goal_id = g.goal_id AND a.scope = 'все'
LEFT JOIN goal_summary sh ON sh.goal_id = g.goal_id AND sh.scope = 'ШНОР'
ORDER BY g.goal_id`;
}

/** A school in a goal's scope: its progress (goal_progress) and whether its target is its own. */
export interface GoalSchoolRow {
  school_id: string;
  name: string | null;
  is_shnor: boolean;
  baseline_year: number | null;
  baseline: number | null;
  baseline_n: number | null;
  latest_year: number | null;
  latest: number | null;
  latest_n: number | null;
  change_pp: number | null;
  change_rel_pct: number | null;
  target: number;
  target_source: 'школа' | 'цель';
  status: string | null;
  significant: boolean | null;
}

/** The schools of one goal (those goal_progress evaluates), ШНОР first, then by name. */
export function goalSchoolsSql(goalId: number): string {
  return `SELECT p.school_id, s.name, p.school_id IN (SELECT school_id FROM school_categories WHERE shnor) AS is_shnor,
  p.baseline_year, p.baseline, p.baseline_n, p.latest_year, p.latest, p.latest_n, p.change_pp, p.change_rel_pct,
  p.target, p.target_source, p.status, p.significant
FROM goal_progress p
LEFT JOIN (SELECT school_id, any_value(name) AS name FROM schools GROUP BY school_id) s ON s.school_id = p.school_id
WHERE p.goal_id = ${id(goalId)}
ORDER BY is_shnor DESC, s.name, p.school_id`;
}

/** Schools that may be a one-school goal's school: id and name. */
export function schoolChoicesSql(): string {
  return `SELECT school_id, any_value(name) AS name FROM schools GROUP BY school_id ORDER BY name, school_id`;
}

function id(n: number): string {
  if (!Number.isInteger(n)) throw new Error(`Номер цели должен быть целым числом: ${n}`);
  return String(n);
}

function num(n: number | null): string {
  if (n === null) return 'NULL';
  if (!Number.isFinite(n)) throw new Error(`Не число: ${n}`);
  return String(n);
}

function values(g: Goal): string {
  return `${sqlString(g.title)}, ${sqlString(g.scope)}, ${g.school_id === null ? 'NULL' : sqlString(g.school_id)}, ${sqlString(g.metric)}, ${sqlString(g.interpretation)}, ${num(g.baseline_year)}, ${num(g.target_year)}, ${num(g.target)}`;
}

/** Adds a goal under the next free number. */
export function insertGoalSql(g: Goal): string {
  return `INSERT INTO goals SELECT COALESCE(max(goal_id), 0) + 1, ${values(g)} FROM goals`;
}

/** Rewrites a goal's fields (its number and per-school targets stay). */
export function updateGoalSql(goalId: number, g: Goal): string {
  return `UPDATE goals SET title = ${sqlString(g.title)}, scope = ${sqlString(g.scope)}, school_id = ${g.school_id === null ? 'NULL' : sqlString(g.school_id)},
  metric = ${sqlString(g.metric)}, interpretation = ${sqlString(g.interpretation)}, baseline_year = ${num(g.baseline_year)},
  target_year = ${num(g.target_year)}, target = ${num(g.target)}
WHERE goal_id = ${id(goalId)}`;
}

/** Removes a goal and its per-school targets: two statements, run them in one transaction. */
export function deleteGoalSql(goalId: number): string[] {
  return [`DELETE FROM goal_school_targets WHERE goal_id = ${id(goalId)}`, `DELETE FROM goals WHERE goal_id = ${id(goalId)}`];
}

/** Sets a school's own target for a goal (replacing the one it had). */
export function setSchoolTargetSql(goalId: number, schoolId: string, target: number): string {
  return `INSERT OR REPLACE INTO goal_school_targets VALUES (${id(goalId)}, ${sqlString(schoolId)}, ${num(target)})`;
}

/** Removes a school's own target: the goal's target applies again. */
export function clearSchoolTargetSql(goalId: number, schoolId: string): string {
  return `DELETE FROM goal_school_targets WHERE goal_id = ${id(goalId)} AND school_id = ${sqlString(schoolId)}`;
}
