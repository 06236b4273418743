/** The values a goal (table `goals`) can take; see src/core/sql/analytics/goals.ts. */
export type GoalScope = 'all' | 'shnor' | 'school';
export type GoalMetric = 'vpr_quality' | 'vpr_oge_quality';
export type GoalInterpretation = 'pp' | 'relative';

/** A goal ready to be written: every field checked. `baseline_year` null = the school's «500+» cohort year. */
export interface Goal {
  title: string;
  scope: GoalScope;
  school_id: string | null;
  metric: GoalMetric;
  interpretation: GoalInterpretation;
  baseline_year: number | null;
  target_year: number;
  target: number;
}

/** A goal as the editor's fields hold it: text, as typed. */
export interface GoalForm {
  title: string;
  scope: string;
  school_id: string;
  metric: string;
  interpretation: string;
  baseline_year: string;
  target_year: string;
  target: string;
}

/** A checked value, or Russian messages per field that say what to fix; warnings never block saving. */
export type Checked<T, F extends string> =
  | { ok: true; value: T; warnings: string[] }
  | { ok: false; errors: Partial<Record<F, string>>; warnings: string[] };

/** Russian names of the choices, for the editor and the goal list. */
export const SCOPE_NAMES: Record<GoalScope, string> = { all: 'все школы', shnor: 'ШНОР', school: 'одна школа' };
export const METRIC_NAMES: Record<GoalMetric, string> = {
  vpr_quality: 'качество знаний по ВПР',
  vpr_oge_quality: 'качество знаний по ВПР и ОГЭ вместе',
};
export const INTERPRETATION_NAMES: Record<GoalInterpretation, string> = { pp: 'п.п. (процентные пункты)', relative: '% от базового значения' };

/** The per-school range the seed documents give for the ШНОР quality goal (+8 on average, 3–10 per school). */
export const SHNOR_SCHOOL_TARGET_RANGE = [3, 10] as const;

const YEAR_MIN = 2000;
const YEAR_MAX = 2100;

/** Reads a number as Russians type it: decimal comma or point, spaces as thousands separators. Undefined if it is not one. */
export function parseNumber(text: string): number | undefined {
  const t = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.').replace(/^\+/, '').replace(/^−/, '-');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

function unit(interpretation: GoalInterpretation): string {
  return interpretation === 'pp' ? 'п.п.' : '%';
}

/** The target as the app writes it: «+8 п.п.», «+4 %». */
export function formatTarget(target: number, interpretation: GoalInterpretation): string {
  return `+${String(target).replace('.', ',')} ${unit(interpretation)}`;
}

/**
 * Warning when a quality goal for ШНОР (or a ШНОР school's own target of one) lies outside the
 * 3–10 range of the seed documents; undefined when it is inside or the goal is not a ШНОР one.
 */
export function shnorRangeWarning(goal: Pick<Goal, 'scope' | 'interpretation'>, target: number, who = 'Цель'): string | undefined {
  const [lo, hi] = SHNOR_SCHOOL_TARGET_RANGE;
  if (goal.scope !== 'shnor' || (target >= lo && target <= hi)) return undefined;
  const u = unit(goal.interpretation);
  return `${who} ${formatTarget(target, goal.interpretation)} вне диапазона ${lo}–${hi} ${u}, который документы проекта «500+» задают школам ШНОР по качеству знаний (в среднем +8). Сохранить можно, но проверьте значение.`;
}

/**
 * Checks the editor's fields. `schools` are the known school ids (a one-school goal must name one
 * of them). Errors are Russian and say what to enter.
 */
export function checkGoal(form: GoalForm, schools: ReadonlySet<string>): Checked<Goal, keyof GoalForm> {
  const errors: Partial<Record<keyof GoalForm, string>> = {};
  const title = form.title.trim();
  if (!title) errors.title = 'Укажите название цели, например «Качество знаний по ВПР +8 п.п. к 2025 году».';
  else if (title.length > 200) errors.title = 'Название длиннее 200 знаков — сократите его.';
  const scope = (['all', 'shnor', 'school'] as const).find((s) => s === form.scope);
  if (!scope) errors.scope = 'Выберите, для каких школ цель: все школы, ШНОР или одна школа.';
  const schoolId = form.school_id.trim();
  if (scope === 'school') {
    if (!schoolId) errors.school_id = 'Выберите школу, для которой ставится цель.';
    else if (!schools.has(schoolId)) errors.school_id = `Школы с кодом ${schoolId} нет в загруженных данных.`;
  }
  const metric = (['vpr_quality', 'vpr_oge_quality'] as const).find((m) => m === form.metric);
  if (!metric) errors.metric = 'Выберите показатель цели.';
  const interpretation = (['pp', 'relative'] as const).find((i) => i === form.interpretation);
  if (!interpretation) errors.interpretation = 'Выберите, в чём измеряется цель: в п.п. или в % от базы.';
  const year = (text: string, field: 'baseline_year' | 'target_year', what: string): number | null | undefined => {
    const t = text.trim();
    if (!t) return null;
    const n = parseNumber(t);
    if (n === undefined || !Number.isInteger(n) || n < YEAR_MIN || n > YEAR_MAX) {
      errors[field] = `${what} — год из четырёх цифр (${YEAR_MIN}–${YEAR_MAX}), а не «${t}».`;
      return undefined;
    }
    return n;
  };
  const baselineYear = year(form.baseline_year, 'baseline_year', 'Базовый год');
  const targetYear = year(form.target_year, 'target_year', 'Год достижения цели');
  if (targetYear === null) errors.target_year = 'Укажите год, к которому цель должна быть достигнута.';
  if (typeof baselineYear === 'number' && typeof targetYear === 'number' && targetYear <= baselineYear) {
    errors.target_year = `Год достижения цели (${targetYear}) должен быть позже базового года (${baselineYear}).`;
  }
  const target = parseNumber(form.target);
  if (!form.target.trim()) errors.target = 'Укажите целевое изменение, например 8.';
  else if (target === undefined || target <= 0 || target > 100) errors.target = `Целевое изменение — положительное число не больше 100, а не «${form.target.trim()}».`;
  const warnings: string[] = [];
  if (scope && interpretation && target !== undefined && target > 0 && target <= 100) {
    const w = shnorRangeWarning({ scope, interpretation }, target);
    if (w) warnings.push(w);
  }
  if (Object.keys(errors).length > 0 || !scope || !metric || !interpretation || baselineYear === undefined || typeof targetYear !== 'number' || target === undefined) {
    return { ok: false, errors, warnings };
  }
  return {
    ok: true,
    value: { title, scope, school_id: scope === 'school' ? schoolId : null, metric, interpretation, baseline_year: baselineYear, target_year: targetYear, target },
    warnings,
  };
}

/** Checks a school's own target for a goal (text as typed); warns outside 3–10 for a ШНОР goal. */
export function checkSchoolTarget(goal: Pick<Goal, 'scope' | 'interpretation'>, text: string): Checked<number, 'target'> {
  const t = text.trim();
  if (goal.scope === 'school') return { ok: false, errors: { target: 'У цели одной школы своя цель и есть: измените цель целиком.' }, warnings: [] };
  const n = parseNumber(t);
  if (!t) return { ok: false, errors: { target: 'Введите цель школы, например 5.' }, warnings: [] };
  if (n === undefined || n <= 0 || n > 100) return { ok: false, errors: { target: `Цель школы — положительное число не больше 100, а не «${t}».` }, warnings: [] };
  const w = shnorRangeWarning(goal, n, 'Цель школы');
  return { ok: true, value: n, warnings: w ? [w] : [] };
}
