/**
 * A school's goals as the school page draws and tells them: the quality level each goal asks for
 * (the line on the chart) and the plain-language sentence with the real numbers of `goal_progress`.
 */
import { formatNumber, formatPct, formatPp } from '../format.ts';
import { METRIC_NAMES, type GoalMetric } from './goal-checks.ts';

const NB = '\u202f';

/** One row of `schoolGoalsSql` (src/core/sql/school-queries.ts): a `goal_progress` row with its goal's wording. */
export interface SchoolGoalProgress {
  goal_id: number;
  title: string;
  metric: string;
  interpretation: string;
  target_year: number;
  /** The goal's own target; `target` is the school's when `target_source` is 'школа'. */
  goal_target: number;
  target: number;
  target_source: string;
  baseline_year: number | null;
  baseline: number | null;
  latest_year: number | null;
  latest: number | null;
  change_pp: number | null;
  change_rel_pct: number | null;
  status: string | null;
  /** The linear trend's value in the target year. */
  projection: number | null;
  significant: boolean | null;
  baseline_n: number | null;
  latest_n: number | null;
}

/** The procedures a goal metric pools (see `goal_progress`, src/core/sql/analytics/goals.ts). */
export const METRIC_PROCEDURES: Record<GoalMetric, readonly string[]> = { vpr_quality: ['ВПР'], vpr_oge_quality: ['ВПР', 'ОГЭ'] };

/** The procedures of a goal's metric; none for a metric this build does not know. */
export function metricProcedures(metric: string): readonly string[] {
  return METRIC_PROCEDURES[metric as GoalMetric] ?? [];
}

/** A target number as typed, without trailing zeros: «8», «7,5», «7,25». */
export function targetNumber(target: number): string {
  return formatNumber(target, Number.isInteger(target) ? 0 : Number.isInteger(target * 10) ? 1 : 2);
}

/** A target in the goal's units: «+8 п.п.» or «+4 % от базы». */
export function targetText(interpretation: string, target: number): string {
  return interpretation === 'pp' ? `+${targetNumber(target)}${NB}п.п.` : `+${targetNumber(target)}${NB}% от базы`;
}

/**
 * The quality (%) the school must reach: baseline + target p.p., or baseline × (1 + target / 100)
 * for a relative goal — the same comparison `goal_progress.status` makes; null without a baseline.
 */
export function goalLevel(g: Pick<SchoolGoalProgress, 'baseline' | 'interpretation' | 'target'>): number | null {
  if (g.baseline === null || g.baseline === undefined) return null;
  return g.interpretation === 'pp' ? g.baseline + g.target : g.baseline * (1 + g.target / 100);
}

/** The label of a goal's line on the chart: «Цель: +8 п.п. от 2021 г. к 2025 г. (38,0 %)». */
export function goalLineLabel(g: SchoolGoalProgress): string {
  const own = g.target_source === 'школа' ? ' (своя цель школы)' : '';
  return `Цель${own}: ${targetText(g.interpretation, g.target)} от ${g.baseline_year} г. к ${g.target_year} г. (${formatPct(goalLevel(g))})`;
}

function changeText(g: SchoolGoalProgress): string {
  if (g.interpretation === 'pp') return formatPp(g.change_pp);
  const rel = g.change_rel_pct;
  const relText = rel === null ? '—' : `${rel > 0 ? '+' : rel < 0 ? '−' : '±'}${formatNumber(Math.abs(rel), 1)}${NB}% от базы`;
  return `${relText}, ${formatPp(g.change_pp)}`;
}

/**
 * The sentence about one goal of the school, with the numbers and the status word of `goal_progress`
 * (достигнута / в пути / отстаёт / ухудшение), saying when the target is the school's own. `why`
 * says why the chart has no line for it (another pooling of procedures, a narrowed selection).
 */
export function schoolGoalSentence(g: SchoolGoalProgress, why = ''): string {
  const pp = g.interpretation === 'pp';
  // «+4 % от уровня 2021 года», not «+4 % от базы от 2021 года»
  const units = (t: number) => (pp ? targetText(g.interpretation, t) : `+${targetNumber(t)}${NB}%`);
  const target = g.target_source === 'школа' ? `своя цель школы — ${units(g.target)} (общая цель — ${units(g.goal_target)})` : units(g.target);
  const notes = [metricProcedures(g.metric).length > 1 ? METRIC_NAMES[g.metric as GoalMetric] : '', why].filter((x) => x !== '');
  const head = `Цель «${g.title}»${notes.length > 0 ? ` (${notes.join('; ')})` : ''}: ${target} от ${pp ? '' : 'уровня '}${g.baseline_year ?? '—'} года к ${g.target_year} году`;
  if (g.baseline === null || g.latest === null || g.status === null) {
    return `${head}; оценить нельзя — нет результатов ${g.baseline === null ? `базового ${g.baseline_year ?? ''} года`.trimEnd() : `после ${g.baseline_year} года`}.`;
  }
  const sig = g.significant === null ? '' : g.significant ? '; изменение больше случайных колебаний (z-тест, 95 %)' : '; изменение в пределах случайных колебаний (z-тест, 95 %)';
  return (
    `${head}, то есть до ${formatPct(goalLevel(g))} (в ${g.baseline_year} году — ${formatPct(g.baseline)}, n${NB}=${NB}${formatNumber(g.baseline_n)}); ` +
    `в ${g.latest_year} году — ${formatPct(g.latest)} (n${NB}=${NB}${formatNumber(g.latest_n)}), изменение ${changeText(g)}; статус — ${g.status}${sig}.`
  );
}
