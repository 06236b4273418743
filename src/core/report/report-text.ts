/**
 * Russian sentence templates of the «Аналитическая справка»: numerals agree with nouns («1 школа»,
 * «3 школы», «5 школ», «21 школа»), numbers are in ru-RU format (src/core/format.ts), every share
 * carries its n. Objectivity signs are phrased as signals for review, never as verdicts.
 */
import { formatNumber, formatPct } from '../format.ts';
import { targetNumber, targetText } from '../goals/school-goal-text.ts';
import { plural } from '../import-problem.ts';

const NB = '\u202f';

/** The three forms a noun takes after a numeral: for 1 (21, 101…), for 2–4 (22…), for 5–20 (25, 111…). */
export type Forms = readonly [one: string, few: string, many: string];

export const SCHOOL: Forms = ['школа', 'школы', 'школ'];
/** «из 25 школ», «у 21 школы». */
export const SCHOOL_GEN: Forms = ['школы', 'школ', 'школ'];
/** «в 1 школе», «в 3 школах». */
export const SCHOOL_PREP: Forms = ['школе', 'школах', 'школах'];
export const PARTICIPANT: Forms = ['участник', 'участника', 'участников'];
/** «у 22 участников», «из 1 участника». */
export const PARTICIPANT_GEN: Forms = ['участника', 'участников', 'участников'];
export const EVENT: Forms = ['мероприятие', 'мероприятия', 'мероприятий'];
export const SIGN: Forms = ['признак', 'признака', 'признаков'];
/** «из 3 направлений», «из 1 направления». */
export const DIRECTION_GEN: Forms = ['направления', 'направлений', 'направлений'];

/** A count with its noun in the agreeing form: «11 713 участников», «21 школа». */
export function count(n: number, forms: Forms): string {
  return `${formatNumber(n)} ${plural(n, forms[0], forms[1], forms[2])}`;
}

/** A share with its 95 % interval: «44,7 % (95 % ДИ 43,8–45,6 %)». */
export function shareWithCi(pct: number | null, low: number | null, high: number | null): string {
  if (pct === null) return '—';
  if (low === null || high === null) return formatPct(pct);
  return `${formatPct(pct)} (95${NB}% ДИ ${formatNumber(low, 1)}–${formatNumber(high, 1)}${NB}%)`;
}

/** The rounded difference of two shares as readers see them (44,7 − 45,1 = −0,4), so text and tables agree. */
export function shownChange(now: number, before: number): number {
  return Math.round(now * 10) / 10 - Math.round(before * 10) / 10;
}

/** «на 0,4 п.п. ниже, чем в 2024 году» / «на уровне 2024 года». */
export function changeClause(now: number | null, before: number | null, baseYear: number): string {
  if (now === null || before === null) return `данных за ${baseYear} год для сравнения нет`;
  const d = Math.round(shownChange(now, before) * 10) / 10;
  if (d === 0) return `на уровне ${baseYear} года`;
  return `на ${formatNumber(Math.abs(d), 1)}${NB}п.п. ${d > 0 ? 'выше' : 'ниже'}, чем в ${baseYear} году`;
}

const WROTE = (procedure: string, n: number) => {
  const one = plural(n, 'one', 'few', 'many') === 'one';
  const verb = procedure === 'ВПР' ? (one ? 'писал' : 'писали') : one ? 'сдавал' : 'сдавали';
  return verb;
};

/** Figures of one procedure in the report year, with the base year's quality. */
export interface ProcedureSummary {
  procedure: string;
  year: number;
  baseYear: number;
  participants: number;
  schools: number;
  marked: number;
  quality: number | null;
  qualityLow: number | null;
  qualityHigh: number | null;
  baseQuality: number | null;
}

/**
 * «В 2025 году ВПР писали 11 713 участников из 25 школ; качество знаний — 44,7 % (95 % ДИ 43,8–45,6 %),
 * на 0,4 п.п. ниже, чем в 2024 году.» When fewer participants have a mark than took part (ЕГЭ), the
 * quality names its own n.
 */
export function procedureSentence(s: ProcedureSummary): string {
  const who = `В ${s.year} году ${s.procedure} ${WROTE(s.procedure, s.participants)} ${count(s.participants, PARTICIPANT)} из ${formatNumber(s.schools)} ${plural(s.schools, ...SCHOOL_GEN)}`;
  if (s.quality === null || s.marked === 0) return `${who}; отметок в этих результатах нет.`;
  const n = s.marked !== s.participants ? ` (n = ${count(s.marked, PARTICIPANT)} с отметкой)` : '';
  return `${who}; качество знаний${n} — ${shareWithCi(s.quality, s.qualityLow, s.qualityHigh)}, ${changeClause(s.quality, s.baseQuality, s.baseYear)}.`;
}

/** «Отметки: «2» — 13,9 %, «3» — 41,0 %, «4» — 37,2 %, «5» — 7,8 % (n = 11 713); успеваемость — 86,1 %, средняя отметка — 3,39.» */
export function marksSentence(procedure: string, year: number, n: { n2: number; n3: number; n4: number; n5: number }, success: number | null, meanMark: number | null): string {
  const total = n.n2 + n.n3 + n.n4 + n.n5;
  const p = (k: number) => formatPct((k * 100) / total);
  return `Отметки ${procedure} ${year} года: «2» — ${p(n.n2)}, «3» — ${p(n.n3)}, «4» — ${p(n.n4)}, «5» — ${p(n.n5)} (n = ${formatNumber(total)}); успеваемость — ${formatPct(success)}, средняя отметка — ${formatNumber(meanMark, 2)}.`;
}

/** The ВПР-against-journal sentence of a procedure and year. */
export function journalSentence(procedure: string, year: number, j: { journal_n: number; lowered: number; confirmed: number; raised: number; gap2_n: number }): string {
  const p = (k: number) => formatPct((k * 100) / j.journal_n);
  return (
    `По ${procedure} ${year} года отметку по журналу подтвердили ${p(j.confirmed)} участников, понизили — ${p(j.lowered)}, повысили — ${p(j.raised)} ` +
    `(n = ${count(j.journal_n, PARTICIPANT)} с отметкой по журналу); расхождение на 2 балла и более — у ${formatNumber(j.gap2_n)} ${plural(j.gap2_n, ...PARTICIPANT_GEN)} (${p(j.gap2_n)}).`
  );
}

/** Objectivity index = 100 − 100·flagged/schools. */
export function objectivityIndex(schools: number, flagged: number): number | null {
  return schools > 0 ? 100 - (100 * flagged) / schools : null;
}

/** «В 2025 году признаки необъективности выявлены у 6 школ из 25; индекс объективности — 76,0 (в 2024 году — 96,0).» */
export function objectivitySentence(year: number, schools: number, flagged: number, base?: { year: number; schools: number; flagged: number }): string {
  const idx = formatNumber(objectivityIndex(schools, flagged), 1);
  const before = base ? ` (в ${base.year} году — ${formatNumber(objectivityIndex(base.schools, base.flagged), 1)}, ${formatNumber(base.flagged)} из ${formatNumber(base.schools)})` : '';
  if (flagged === 0) return `В ${year} году признаков необъективности не выявлено ни у одной из ${count(schools, SCHOOL_GEN)}; индекс объективности — ${idx}${before}.`;
  return `В ${year} году признаки необъективности выявлены у ${formatNumber(flagged)} ${plural(flagged, ...SCHOOL_GEN)} из ${formatNumber(schools)}; индекс объективности — ${idx}${before}.`;
}

export const SIGNS_ARE_SIGNALS =
  'Признаки необъективности — сигнал для проверки, а не вывод о нарушениях: они указывают, где результаты стоит перепроверить и обсудить со школой.';

/** Russian names of objectivity signs. */
export const SIGN_NAMES: Record<string, string> = {
  inflated_mean: 'средний балл выше интервала всех школ',
  journal_mismatch: 'отрицательная связь отметок по журналу с баллами',
  cohort_change: 'резкое изменение результатов при переходе из 4 в 5 класс',
};

export function signName(sign: string): string {
  return SIGN_NAMES[sign] ?? sign;
}

/** «разрыв — 20,4 п.п., он статистически значим (z = −17,0)». */
export function gapClause(gapPp: number, z: number | null): string {
  const sig = z !== null && Math.abs(z) > 1.96;
  const zText = z === null ? '' : ` (z = ${formatNumber(z, 1)})`;
  return `разрыв — ${formatNumber(Math.abs(gapPp), 1)}${NB}п.п.${sig ? `, он статистически значим${zText}` : `, в пределах случайных колебаний${zText}`}`;
}

/** A group of schools' quality: «28,0 % (95 % ДИ 26,1–29,9 %; n = 2 091 участник, 5 школ)». */
export function groupQuality(pct: number | null, low: number | null, high: number | null, marked: number, schools: number): string {
  const ci = low !== null && high !== null ? `95${NB}% ДИ ${formatNumber(low, 1)}–${formatNumber(high, 1)}${NB}%; ` : '';
  return `${formatPct(pct)} (${ci}n = ${count(marked, PARTICIPANT)}, ${count(schools, SCHOOL)})`;
}

/** «достигнута в 1 школе из 5 (20,0 %)». */
export function goalMetClause(met: number, schools: number): string {
  return `достигнута в ${formatNumber(met)} ${plural(met, ...SCHOOL_PREP)} из ${formatNumber(schools)} (${formatPct(schools > 0 ? (100 * met) / schools : null)})`;
}

/**
 * Schools with their own target for a goal (`goal_school_targets`), how many and the range:
 * «Свои цели заданы у 2 школ из 5 — от +4 до +12 п.п.; у остальных — цель +8 п.п.; …»; '' when none.
 */
export function ownTargetsSentence(own: readonly number[], schools: number, interpretation: string, goalTarget: number): string {
  if (own.length === 0) return '';
  const min = Math.min(...own);
  const max = Math.max(...own);
  const who = `у ${formatNumber(own.length)} ${plural(own.length, ...SCHOOL_GEN)} из ${formatNumber(schools)}`;
  const range = min === max ? `${targetText(interpretation, min)}${own.length > 1 ? ' у каждой' : ''}` : `от +${targetNumber(min)} до ${targetText(interpretation, max)}`;
  const rest = own.length < schools ? `; у остальных — цель ${targetText(interpretation, goalTarget)}` : '';
  return `${own.length === 1 ? 'Своя цель задана' : 'Свои цели заданы'} ${who} — ${range}${rest}; статус такой школы оценён по её своей цели.`;
}

/** «На 2 этапе мониторинга 2025 года позитивная динамика определена у 2 ШНОР из 5 (40,0 %; цель — 100 %).» */
export function monitoringSentence(stageName: string, year: number, positive: number, schools: number, goalPct: number): string {
  return `${stageName} мониторинга ${year} года позитивная динамика определена у ${formatNumber(positive)} ШНОР из ${formatNumber(schools)} (${formatPct(schools > 0 ? (100 * positive) / schools : null)}; цель — ${formatNumber(goalPct)}${NB}%).`;
}

/** «Дорожная карта: 11 мероприятий; выполнено 6 (в срок — 5), просрочено 4, в работе 1.» */
export function roadmapSentence(r: { events: number; done: number; done_on_time: number; overdue: number; in_progress: number }): string {
  return `Дорожная карта: ${count(r.events, EVENT)}; выполнено ${formatNumber(r.done)} (в срок — ${formatNumber(r.done_on_time)}), просрочено ${formatNumber(r.overdue)}, в работе ${formatNumber(r.in_progress)}.`;
}

/** Two-proportion z-test (pooled), k successes of n in each sample; null when it cannot be computed. */
export function twoProportionZ(k1: number, n1: number, k2: number, n2: number): number | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const p = (k1 + k2) / (n1 + n2);
  if (p <= 0 || p >= 1) return null;
  return (k2 / n2 - k1 / n1) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
}

/** A school's name with its code: «МБОУ «СОШ № 5» (990105)». */
export function schoolLabel(name: string, id: string): string {
  return name === id ? id : `${name} (${id})`;
}

/** Joins items with commas and «и» before the last. */
export function joinRu(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} и ${items[items.length - 1]}`;
}
