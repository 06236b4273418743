/**
 * SQL for the figures of the «Аналитическая справка», over the existing tables and views
 * (school_results, journal_comparison, objectivity_school_year, objectivity_signs, goal_progress,
 * municipality_risk_trend, shnor_outcomes, roadmap_summary, roadmap_status). Every share comes with
 * its counts so the text can give its n; totals are sums of counts, never averaged percentages.
 */
import { wilsonSql } from '../stats.ts';
import { sqlString } from '../text.ts';
import type { ReportOptions } from './report-model.ts';

type Scope = Pick<ReportOptions, 'year' | 'baseYear' | 'municipality' | 'shnorOnly'>;

const MARKED = 'n2 + n3 + n4 + n5';
const y = (n: number) => String(Math.trunc(n));
const years = (o: Scope) => `(${y(o.baseYear)}, ${y(o.year)})`;

/** The schools the report covers: of the municipality (or all), and only ШНОР of the report year if asked. */
export function scopeSchoolsSql(o: Scope, withShnor = o.shnorOnly): string {
  const parts = ['true'];
  if (o.municipality !== undefined) parts.push(`municipality = ${sqlString(o.municipality)}`);
  if (withShnor) parts.push(`school_id IN (SELECT school_id FROM school_categories WHERE year = ${y(o.year)} AND shnor)`);
  return `SELECT school_id FROM schools WHERE ${parts.join(' AND ')}`;
}

/** How many schools, ШНОР and municipalities the scope has. */
export interface ScopeRow {
  schools: number;
  shnor: number;
  municipalities: number;
  /** The municipality's name when the scope has exactly one. */
  municipality_name: string | null;
  with_results: number;
}

export function scopeSql(o: Scope): string {
  return `SELECT count(*)::INTEGER AS schools,
  count(*) FILTER (WHERE school_id IN (SELECT school_id FROM school_categories WHERE year = ${y(o.year)} AND shnor))::INTEGER AS shnor,
  count(DISTINCT municipality)::INTEGER AS municipalities,
  CASE WHEN count(DISTINCT municipality) = 1 THEN any_value(municipality) END AS municipality_name,
  count(*) FILTER (WHERE school_id IN (SELECT school_id FROM school_results WHERE year = ${y(o.year)}))::INTEGER AS with_results
FROM schools WHERE school_id IN (${scopeSchoolsSql(o)})`;
}

/** A procedure in a year, the scope's schools pooled. */
export interface ProcedureYearRow {
  procedure: string;
  year: number;
  schools: number;
  participants: number;
  marked: number;
  n2: number;
  n3: number;
  n4: number;
  n5: number;
  good: number;
  quality_pct: number | null;
  quality_low: number | null;
  quality_high: number | null;
  success_pct: number | null;
  mean_mark: number | null;
  mean_test_score: number | null;
  test_participants: number | null;
}

/** Every procedure and year up to the report year (the trend chart needs them all). */
export function procedureYearsSql(o: Scope): string {
  return `SELECT procedure, year, count(DISTINCT school_id)::INTEGER AS schools, sum(participants)::INTEGER AS participants,
  COALESCE(sum(${MARKED}), 0)::INTEGER AS marked,
  COALESCE(sum(n2), 0)::INTEGER AS n2, COALESCE(sum(n3), 0)::INTEGER AS n3, COALESCE(sum(n4), 0)::INTEGER AS n4, COALESCE(sum(n5), 0)::INTEGER AS n5,
  COALESCE(sum(n4 + n5), 0)::INTEGER AS good,
  sum(n4 + n5) * 100.0 / NULLIF(sum(${MARKED}), 0) AS quality_pct,
  ${wilsonSql('sum(n4 + n5)', `sum(${MARKED})`, 'quality')},
  sum(n3 + n4 + n5) * 100.0 / NULLIF(sum(${MARKED}), 0) AS success_pct,
  (2.0 * sum(n2) + 3 * sum(n3) + 4 * sum(n4) + 5 * sum(n5)) / NULLIF(sum(${MARKED}), 0) AS mean_mark,
  sum(mean_score * participants) FILTER (WHERE procedure = 'ЕГЭ' AND n2 IS NULL)
    / NULLIF(sum(participants) FILTER (WHERE procedure = 'ЕГЭ' AND n2 IS NULL), 0) AS mean_test_score,
  sum(participants) FILTER (WHERE procedure = 'ЕГЭ' AND n2 IS NULL)::INTEGER AS test_participants
FROM school_results r
WHERE r.year <= ${y(o.year)} AND r.school_id IN (${scopeSchoolsSql(o)})
GROUP BY procedure, year
ORDER BY CASE procedure WHEN 'ВПР' THEN 1 WHEN 'ОГЭ' THEN 2 WHEN 'ЕГЭ' THEN 3 ELSE 4 END, year`;
}

/** A subject of a procedure (grades pooled) in the report or base year. */
export interface SubjectRow {
  procedure: string;
  subject: string;
  year: number;
  marked: number;
  good: number;
  quality_pct: number | null;
  success_pct: number | null;
}

export function subjectsSql(o: Scope): string {
  return `SELECT procedure, subject, year, sum(${MARKED})::INTEGER AS marked, sum(n4 + n5)::INTEGER AS good,
  sum(n4 + n5) * 100.0 / NULLIF(sum(${MARKED}), 0) AS quality_pct,
  sum(n3 + n4 + n5) * 100.0 / NULLIF(sum(${MARKED}), 0) AS success_pct
FROM school_results r
WHERE r.year IN ${years(o)} AND r.school_id IN (${scopeSchoolsSql(o)}) AND (${MARKED}) > 0
GROUP BY procedure, subject, year
ORDER BY CASE procedure WHEN 'ВПР' THEN 1 WHEN 'ОГЭ' THEN 2 WHEN 'ЕГЭ' THEN 3 ELSE 4 END, subject, year`;
}

/** A school's ВПР quality (all subjects and grades pooled) in the base and the report year. */
export interface SchoolChangeRow {
  school_id: string;
  name: string;
  shnor: boolean;
  base_marked: number;
  base_good: number;
  marked: number;
  good: number;
}

export function schoolChangesSql(o: Scope): string {
  return `SELECT r.school_id, COALESCE(any_value(s.name), any_value(s.login), r.school_id) AS name,
  COALESCE(bool_or(c.shnor), false) AS shnor,
  COALESCE(sum(${MARKED}) FILTER (WHERE r.year = ${y(o.baseYear)}), 0)::INTEGER AS base_marked,
  COALESCE(sum(n4 + n5) FILTER (WHERE r.year = ${y(o.baseYear)}), 0)::INTEGER AS base_good,
  COALESCE(sum(${MARKED}) FILTER (WHERE r.year = ${y(o.year)}), 0)::INTEGER AS marked,
  COALESCE(sum(n4 + n5) FILTER (WHERE r.year = ${y(o.year)}), 0)::INTEGER AS good
FROM school_results r
LEFT JOIN schools s ON s.school_id = r.school_id
LEFT JOIN (SELECT school_id, bool_or(shnor) AS shnor FROM school_categories WHERE year = ${y(o.year)} GROUP BY school_id) c ON c.school_id = r.school_id
WHERE r.procedure = 'ВПР' AND r.year IN ${years(o)} AND r.school_id IN (${scopeSchoolsSql(o)})
GROUP BY r.school_id
ORDER BY name, r.school_id`;
}

/** ВПР (or ОГЭ) marks against journal marks, pooled over the scope's schools, subjects and grades. */
export interface JournalTotalRow {
  procedure: string;
  year: number;
  journal_n: number;
  lowered: number;
  confirmed: number;
  raised: number;
  gap2_n: number;
}

export function journalTotalsSql(o: Scope): string {
  return `SELECT procedure, year, sum(journal_n)::INTEGER AS journal_n, sum(lowered)::INTEGER AS lowered,
  sum(confirmed)::INTEGER AS confirmed, sum(raised)::INTEGER AS raised, sum(gap2_n)::INTEGER AS gap2_n
FROM journal_comparison
WHERE school_id IS NOT NULL AND year IN ${years(o)} AND school_id IN (${scopeSchoolsSql(o)})
GROUP BY procedure, year HAVING sum(journal_n) > 0
ORDER BY CASE procedure WHEN 'ВПР' THEN 1 WHEN 'ОГЭ' THEN 2 ELSE 3 END, year`;
}

/** A school's ВПР marks against its journal marks in the report year (subjects and grades pooled). */
export interface JournalSchoolRow {
  school_id: string;
  name: string;
  journal_n: number;
  lowered: number;
  confirmed: number;
  raised: number;
  gap2_n: number;
}

export function journalSchoolsSql(o: Scope): string {
  return `SELECT j.school_id, COALESCE(any_value(s.name), any_value(s.login), j.school_id) AS name, sum(j.journal_n)::INTEGER AS journal_n,
  sum(j.lowered)::INTEGER AS lowered, sum(j.confirmed)::INTEGER AS confirmed, sum(j.raised)::INTEGER AS raised, sum(j.gap2_n)::INTEGER AS gap2_n
FROM journal_comparison j LEFT JOIN schools s ON s.school_id = j.school_id
WHERE j.procedure = 'ВПР' AND j.school_id IS NOT NULL AND j.year = ${y(o.year)} AND j.school_id IN (${scopeSchoolsSql(o)})
GROUP BY j.school_id HAVING sum(j.journal_n) > 0
ORDER BY sum(j.lowered) * 1.0 / sum(j.journal_n) DESC, name`;
}

/** The objectivity index of the scope by year: schools with an evaluated sign, and those flagged. */
export interface ObjectivityYearRow {
  year: number;
  schools: number;
  flagged: number;
}

export function objectivityYearsSql(o: Scope): string {
  return `SELECT year, count(*) FILTER (WHERE signs_evaluated > 0)::INTEGER AS schools, count(*) FILTER (WHERE flagged)::INTEGER AS flagged
FROM objectivity_school_year
WHERE year <= ${y(o.year)} AND school_id IN (${scopeSchoolsSql(o)})
GROUP BY year HAVING count(*) FILTER (WHERE signs_evaluated > 0) > 0 ORDER BY year`;
}

/** A flagged sign of a school in the report year. */
export interface FlaggedSignRow {
  school_id: string;
  name: string;
  procedure: string;
  subject: string;
  grade: number;
  sign: string;
  n: number | null;
  explanation: string | null;
  on_official_list: boolean | null;
}

export function flaggedSignsSql(o: Scope): string {
  return `SELECT o.school_id, COALESCE(s.name, s.login, o.school_id) AS name, o.procedure, o.subject, o.grade, o.sign, o.n, o.explanation,
  a.on_official_list
FROM objectivity_signs o
LEFT JOIN schools s ON s.school_id = o.school_id
LEFT JOIN objectivity_agreement a ON a.year = o.year AND a.school_id = o.school_id
WHERE o.flagged AND o.year = ${y(o.year)} AND o.school_id IN (${scopeSchoolsSql(o)})
ORDER BY name, o.school_id, o.procedure, o.subject, o.grade, o.sign`;
}

/** ШНОР and the other schools of the municipality (whatever the ШНОР-only choice), as group_comparison counts them. */
export interface GroupRow {
  year: number;
  procedure: string;
  grp: 'ШНОР' | 'остальные';
  schools: number;
  marked: number;
  good: number;
  quality_pct: number | null;
  quality_low: number | null;
  quality_high: number | null;
}

export function groupsSql(o: Scope): string {
  return `WITH r AS (
  SELECT r.year, r.procedure, r.school_id, CASE WHEN COALESCE(c.shnor, false) THEN 'ШНОР' ELSE 'остальные' END AS grp,
    r.n4 + r.n5 AS good, ${MARKED} AS marked
  FROM school_results r
  LEFT JOIN (SELECT year, school_id, bool_or(shnor) AS shnor FROM school_categories GROUP BY year, school_id) c
    ON c.year = r.year AND c.school_id = r.school_id
  WHERE (${MARKED}) > 0 AND r.year IN ${years(o)} AND r.school_id IN (${scopeSchoolsSql(o, false)})
)
SELECT year, procedure, grp, count(DISTINCT school_id)::INTEGER AS schools, sum(marked)::INTEGER AS marked, sum(good)::INTEGER AS good,
  100.0 * sum(good) / sum(marked) AS quality_pct, ${wilsonSql('sum(good)', 'sum(marked)', 'quality')}
FROM r GROUP BY year, procedure, grp
ORDER BY CASE procedure WHEN 'ВПР' THEN 1 WHEN 'ОГЭ' THEN 2 WHEN 'ЕГЭ' THEN 3 ELSE 4 END, year, grp`;
}

/** A goal from the goals table. */
export interface GoalRow {
  goal_id: number;
  title: string;
  scope: string;
  metric: string;
  interpretation: string;
  target_year: number;
  target: number;
}

export function goalsSql(): string {
  return `SELECT goal_id, title, scope, metric, interpretation, target_year, target FROM goals ORDER BY goal_id`;
}

/** A school's progress towards a goal (goal_progress), with its name. */
export interface GoalProgressRow {
  goal_id: number;
  school_id: string;
  name: string;
  baseline_year: number;
  baseline: number | null;
  latest_year: number;
  latest: number | null;
  change_pp: number | null;
  change_rel_pct: number | null;
  status: string;
  significant: boolean | null;
  baseline_n: number | null;
  latest_n: number | null;
  /** The target that applies to the school: its own when `target_source` is 'школа', else the goal's. */
  target: number;
  target_source: string;
}

export function goalProgressSql(o: Scope): string {
  return `SELECT g.goal_id, g.school_id, COALESCE(s.name, s.login, g.school_id) AS name, g.baseline_year, g.baseline, g.latest_year, g.latest,
  g.change_pp, g.change_rel_pct, g.status, g.significant, g.baseline_n, g.latest_n, g.target, g.target_source
FROM goal_progress g LEFT JOIN schools s ON s.school_id = g.school_id
WHERE g.school_id IN (${scopeSchoolsSql(o)})
ORDER BY g.goal_id, name, g.school_id`;
}

/** The share of ШНОР with a positive trend at each stage of the report year (municipality_risk_trend, municipalities summed). */
export interface MonitoringStageRow {
  stage: number;
  shnor_schools: number;
  positive: number;
  with_data: number;
  goal_pct: number;
}

export function monitoringStagesSql(o: Scope): string {
  return `SELECT stage, sum(shnor_schools)::INTEGER AS shnor_schools, sum(positive)::INTEGER AS positive, sum(with_data)::INTEGER AS with_data,
  max(goal_pct)::DOUBLE AS goal_pct
FROM municipality_risk_trend
WHERE year = ${y(o.year)} AND ${o.municipality !== undefined ? `municipality = ${sqlString(o.municipality)}` : 'true'}
GROUP BY stage ORDER BY stage`;
}

/** A ШНОР in the monitoring year: stage-2 trend beside its ВПР quality change (shnor_outcomes). */
export interface OutcomeRow {
  school_id: string;
  name: string;
  risk_positive_stage2: boolean | null;
  positive_directions: number | null;
  directions: number | null;
  cohort: number | null;
  vpr_quality_pct: number | null;
  vpr_marked: number | null;
  vpr_quality_change_pp: number | null;
}

export function outcomesSql(o: Scope): string {
  return `SELECT o.school_id, COALESCE(s.name, o.school_id) AS name, o.risk_positive_stage2, o.positive_directions, o.directions, o.cohort,
  o.vpr_quality_pct, o.vpr_marked, o.vpr_quality_change_pp
FROM shnor_outcomes o LEFT JOIN schools s ON s.school_id = o.school_id
WHERE o.year = ${y(o.year)} AND o.school_id IN (${scopeSchoolsSql(o, false)})
ORDER BY name, o.school_id`;
}

/** The municipal roadmap summary (the roadmap is the municipality's own file: not narrowed by scope). */
export interface RoadmapTotalsRow {
  events: number;
  done: number;
  done_on_time: number;
  overdue: number;
  in_progress: number;
}

export function roadmapTotalsSql(): string {
  return `SELECT events, done, done_on_time, overdue, in_progress FROM roadmap_summary WHERE events > 0`;
}

/** Overdue roadmap events, most overdue first. */
export interface OverdueEventRow {
  number: string;
  event: string;
  deadline: string | null;
  days_overdue: number | null;
}

export function overdueEventsSql(): string {
  return `SELECT number, event, strftime(deadline, '%d.%m.%Y') AS deadline, days_overdue FROM roadmap_status WHERE overdue
ORDER BY days_overdue DESC NULLS LAST, number_sort NULLS LAST, number`;
}

/** Years with results, for the period selector. */
export function reportYearsSql(): string {
  return `SELECT DISTINCT year FROM school_results ORDER BY year`;
}

/** Municipalities of the loaded schools, for the scope selector. */
export function reportMunicipalitiesSql(): string {
  return `SELECT DISTINCT municipality FROM schools WHERE municipality IS NOT NULL ORDER BY municipality`;
}
