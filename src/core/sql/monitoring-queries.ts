/**
 * Queries of the «Мониторинг 500+» and «Рисковый профиль» pages over the views of migration v4
 * (src/core/sql/migration-v4-monitoring.ts). Dates come back as text `dd.mm.yyyy`.
 */
import { wilsonSql } from '../stats.ts';
import { sqlString } from '../text.ts';

/** Stage numbers of the views and their Russian names. */
export const STAGES: ReadonlyArray<{ stage: number; name: string }> = [
  { stage: 1, name: '1 этап' },
  { stage: 2, name: '2 этап' },
  { stage: 3, name: 'итог' },
];

const year = (y: number) => String(Math.trunc(y));

/** Years with monitoring data, newest last. */
export function monitoringYearsSql(): string {
  return `SELECT year FROM (SELECT year FROM risk_profiles UNION SELECT year FROM risk_indicators) ORDER BY year`;
}

/** The risk factors reference (code, name). */
export function riskFactorsSql(): string {
  return `SELECT risk_code, name FROM risk_factors ORDER BY risk_code`;
}

/** The current rules (monitoring_rules view). */
export function monitoringRulesSql(): string {
  return `SELECT direction_rule, school_rule, require_confirmed, strftime(today, '%d.%m.%Y') AS today FROM monitoring_rules`;
}

/** One cell of the school × risk-direction matrix: a direction of a school at a stage. */
export interface MatrixRow {
  school_id: string;
  school_name: string;
  risk_code: number;
  risk_name: string | null;
  stage: number;
  positive: boolean | null;
  indicators: number;
  positive_indicators: number;
  with_data: number;
}

/** Every activated direction of every school in a year, at each stage, with its status. */
export function monitoringMatrixSql(y: number): string {
  return `WITH dirs AS (
  SELECT school_id, year, risk_code FROM risk_profiles WHERE activated AND year = ${year(y)}
  UNION
  SELECT i.school_id, i.year, i.risk_code FROM risk_indicators i
  WHERE i.year = ${year(y)} AND NOT EXISTS (SELECT 1 FROM risk_profiles p WHERE p.school_id = i.school_id AND p.year = i.year)
)
SELECT d.school_id, COALESCE(any_value(s.name), d.school_id) AS school_name, d.risk_code, any_value(f.name) AS risk_name, st.stage,
  any_value(rp.positive) AS positive,
  COALESCE(any_value(rp.indicators), 0)::INTEGER AS indicators,
  COALESCE(any_value(rp.positive_indicators), 0)::INTEGER AS positive_indicators,
  COALESCE(any_value(rp.with_data), 0)::INTEGER AS with_data
FROM dirs d CROSS JOIN (VALUES (1), (2), (3)) st(stage)
LEFT JOIN risk_progress rp ON rp.school_id = d.school_id AND rp.year = d.year AND rp.risk_code = d.risk_code AND rp.stage = st.stage
LEFT JOIN schools s ON s.school_id = d.school_id
LEFT JOIN risk_factors f ON f.risk_code = d.risk_code
GROUP BY d.school_id, d.risk_code, st.stage
ORDER BY school_name, d.school_id, d.risk_code, st.stage`;
}

/** A school's overall trend at each stage (school_risk_trend). */
export interface SchoolTrendRow {
  school_id: string;
  stage: number;
  directions: number;
  positive_directions: number;
  positive: boolean | null;
}

export function schoolTrendSql(y: number): string {
  return `SELECT school_id, stage, directions, positive_directions, positive FROM school_risk_trend WHERE year = ${year(y)} ORDER BY school_id, stage`;
}

/** The municipal share of ШНОР with a positive trend at each stage, with its n and 95 % interval. */
export interface MunicipalTrendRow {
  municipality: string;
  stage: number;
  shnor_schools: number;
  positive: number;
  positive_pct: number | null;
  positive_low: number | null;
  positive_high: number | null;
  with_data: number;
  goal_pct: number;
}

export function municipalTrendSql(y: number): string {
  return `SELECT municipality, stage, shnor_schools, positive, positive_pct, ${wilsonSql('positive', 'shnor_schools', 'positive')}, with_data, goal_pct
FROM municipality_risk_trend WHERE year = ${year(y)} ORDER BY municipality, stage`;
}

/** One roadmap event with its status. */
export interface RoadmapRow {
  number: string;
  event: string;
  deadline: string | null;
  deadline_text: string | null;
  executor: string | null;
  indicator: string | null;
  target: string | null;
  actual: string | null;
  status: 'выполнено' | 'в работе' | 'просрочено';
  status_text: string | null;
  overdue: boolean;
  days_overdue: number | null;
  done_on_time: boolean;
}

/** The roadmap, overdue first (most overdue on top), then by number. */
export function roadmapSql(): string {
  return `SELECT number, event, strftime(deadline, '%d.%m.%Y') AS deadline, deadline_text, executor, indicator, target, actual,
  status, status_text, overdue, days_overdue, done_on_time
FROM roadmap_status
ORDER BY overdue DESC, days_overdue DESC NULLS LAST, number_sort NULLS LAST, number`;
}

export interface RoadmapSummaryRow {
  events: number;
  done: number;
  done_on_time: number;
  overdue: number;
  in_progress: number;
  done_on_time_pct: number | null;
  on_time_low: number | null;
  on_time_high: number | null;
}

export function roadmapSummarySql(): string {
  return `SELECT events, done, done_on_time, overdue, in_progress, done_on_time_pct, ${wilsonSql('done_on_time', 'events', 'on_time')} FROM roadmap_summary`;
}

/** ШНОР risk progress beside ВПР quality (shnor_outcomes), for one year. */
export interface OutcomeRow {
  school_id: string;
  school_name: string;
  risk_positive_stage2: boolean | null;
  positive_directions: number | null;
  directions: number | null;
  cohort: number | null;
  vpr_quality_pct: number | null;
  vpr_marked: number | null;
  vpr_quality_cohort_pct: number | null;
  vpr_marked_cohort: number | null;
  vpr_quality_change_pp: number | null;
}

export function shnorOutcomesSql(y: number): string {
  return `SELECT o.school_id, COALESCE(s.name, o.school_id) AS school_name, o.risk_positive_stage2, o.positive_directions, o.directions, o.cohort,
  o.vpr_quality_pct, o.vpr_marked, o.vpr_quality_cohort_pct, o.vpr_marked_cohort, o.vpr_quality_change_pp
FROM shnor_outcomes o LEFT JOIN (SELECT school_id, any_value(name) AS name FROM schools GROUP BY school_id) s ON s.school_id = o.school_id
WHERE o.year = ${year(y)} ORDER BY school_name`;
}

/** The school's name and municipality for the risk card. */
export function riskCardSchoolSql(schoolId: string): string {
  return `SELECT school_id, any_value(name) AS name, any_value(municipality) AS municipality FROM schools WHERE school_id = ${sqlString(schoolId)} GROUP BY school_id`;
}

export interface ProfileRow {
  year: number;
  risk_code: number;
  risk_name: string | null;
  level: string;
  activated: boolean;
}

/** A school's risk profiles, all years (newest first), factors in code order. */
export function riskProfileSql(schoolId: string): string {
  return `SELECT p.year, p.risk_code, f.name AS risk_name, p.level, p.activated
FROM risk_profiles p LEFT JOIN risk_factors f ON f.risk_code = p.risk_code
WHERE p.school_id = ${sqlString(schoolId)} ORDER BY p.year DESC, p.risk_code`;
}

export interface IndicatorRow {
  year: number;
  risk_code: number;
  risk_name: string | null;
  indicator: string;
  unit: string | null;
  direction: string;
  baseline: number | null;
  target: number;
  stage1: number | null;
  evidence1: string | null;
  positive1: boolean | null;
  progress1: number | null;
  stage2: number | null;
  evidence2: string | null;
  positive2: boolean | null;
  progress2: number | null;
  final: number | null;
  evidence_final: string | null;
  positive3: boolean | null;
  progress3: number | null;
  direction_positive2: boolean | null;
}

/** A school's indicators with each stage's value, evidence, progress and positive flag. */
export function riskIndicatorsSql(schoolId: string): string {
  const at = (stage: number, col: string) => `any_value(p.${col}) FILTER (WHERE p.stage = ${stage})`;
  return `SELECT i.year, i.risk_code, any_value(f.name) AS risk_name, i.indicator, any_value(i.unit) AS unit, any_value(i.direction) AS direction,
  any_value(i.baseline) AS baseline, any_value(i.target) AS target,
  any_value(i.stage1) AS stage1, any_value(i.evidence1) AS evidence1, ${at(1, 'positive')} AS positive1, ${at(1, 'progress_pct')} AS progress1,
  any_value(i.stage2) AS stage2, any_value(i.evidence2) AS evidence2, ${at(2, 'positive')} AS positive2, ${at(2, 'progress_pct')} AS progress2,
  any_value(i.final) AS final, any_value(i.evidence_final) AS evidence_final, ${at(3, 'positive')} AS positive3, ${at(3, 'progress_pct')} AS progress3,
  any_value(rp.positive) AS direction_positive2
FROM risk_indicators i
LEFT JOIN indicator_progress p ON p.school_id = i.school_id AND p.year = i.year AND p.risk_code = i.risk_code AND p.indicator = i.indicator
LEFT JOIN risk_factors f ON f.risk_code = i.risk_code
LEFT JOIN risk_progress rp ON rp.school_id = i.school_id AND rp.year = i.year AND rp.risk_code = i.risk_code AND rp.stage = 2
WHERE i.school_id = ${sqlString(schoolId)}
GROUP BY i.year, i.risk_code, i.indicator
ORDER BY i.year DESC, i.risk_code, i.indicator`;
}

/** Stage-to-stage arrow for a direction: ↑ became positive, ↓ stopped being positive, → same. */
export function stageArrow(from: boolean | null, to: boolean | null): { icon: string; label: string } | undefined {
  if (from === null || to === null) return undefined;
  if (from === to) return { icon: '→', label: 'без изменений' };
  return to ? { icon: '↑', label: 'улучшение' } : { icon: '↓', label: 'ухудшение' };
}
