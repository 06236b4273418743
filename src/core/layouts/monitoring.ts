/**
 * «500+» monitoring templates (DOMAIN.md §5): risk profiles, anti-risk programme indicators with
 * the monitoring stages, and the municipal roadmap. Column names are recognised in Russian and
 * English; values are read leniently (codes or names of risk factors, ↑/↓ or «рост»/«снижение»,
 * «подтверждено»/«частично»/«не подтверждено»), and anything not understood is an error that
 * leaves the database unchanged.
 */
import { deadlineSql } from '../monitoring/deadline.ts';
import { schoolIdSql } from '../school-id.ts';
import { flag, text } from './sql-expr.ts';
import type { FieldSpec, Layout } from './types.ts';

const f = (field: string, label: string, aliases: string[], type: FieldSpec['type'], required = true): FieldSpec => ({
  field,
  label,
  aliases: [field, label, ...aliases],
  type,
  required,
});

/** Lower case, «ё» → «е», trimmed: the form value words are compared in. */
const low = (expr: string) => `trim(replace(lower(${expr}), 'ё', 'е'))`;
/** Letters and digits only: the form names are compared in. */
const squash = (expr: string) => `regexp_replace(replace(lower(${expr}), 'ё', 'е'), '[^a-zа-я0-9]+', '', 'g')`;

/** A number in an indicator cell: spaces and a «%» sign dropped, decimal comma accepted; NULL if not a number. */
export function numValue(field: string): string {
  return `TRY_CAST(replace(regexp_replace(${text(field)}, '[\\s%\\x{00a0}]', '', 'g'), ',', '.') AS DOUBLE)`;
}

/** The leading code of «3», «3. Недостаточная …», «Риск 3», «№ 3»; NULL when the text has none. */
const codeOf = (expr: string) =>
  `TRY_CAST(NULLIF(regexp_extract(${low(expr)}, '^(риск|фактор|направление|код)? ?№? ?([0-9]{1,2})([.):-]|\\s|$)', 2), '') AS INTEGER)`;
/** The text without its leading code. */
const nameOf = (expr: string) => `regexp_replace(${low(expr)}, '^(риск|фактор|направление|код)? ?№? ?[0-9]{1,2}([.):-]|\\s|$)', '')`;

/** Name similarity (Jaro–Winkler on letters and digits) a name must reach, and its lead over the next factor. */
export const RISK_NAME_MIN_SIMILARITY = 0.92;
export const RISK_NAME_MIN_LEAD = 0.02;

/**
 * The risk factor a cell names, as its `risk_factors.risk_code`, or NULL when it names none:
 * a code (1–11, «Риск 3», «3. Недостаточная …» — the code wins), or a name from `risk_factors`
 * written exactly or closely (case, «ё», punctuation and spaces ignored; small spelling
 * differences accepted when the name is clearly nearest one factor: similarity ≥ 0.92 and 0.02
 * ahead of the next — distinct factors of the seed list are at most 0.89 alike).
 */
export function riskCodeSql(expr: string): string {
  const code = codeOf(expr);
  return `(SELECT CASE
      WHEN bool_or(by_code) THEN arg_max(risk_code, by_code::INTEGER)
      WHEN max(s) >= ${RISK_NAME_MIN_SIMILARITY} AND max(s) - COALESCE(list_sort(list(s), 'DESC')[2], 0) >= ${RISK_NAME_MIN_LEAD} THEN arg_max(risk_code, s)
    END
    FROM (SELECT rf.risk_code, COALESCE(rf.risk_code = ${code}, false) AS by_code,
      jaro_winkler_similarity(${squash('rf.name')}, ${squash(nameOf(expr))}) AS s FROM risk_factors rf))`;
}

/** «высокий» / «средний» / «низкий» (also «высокая», «В», «high», …), NULL when not a level. */
export function levelSql(expr: string): string {
  const l = low(expr);
  return `CASE WHEN regexp_matches(${l}, '^(высок|в$|high)') THEN 'высокий'
    WHEN regexp_matches(${l}, '^(средн|с$|medium|mid)') THEN 'средний'
    WHEN regexp_matches(${l}, '^(низк|н$|low)') THEN 'низкий' END`;
}

/** The desired direction: '↑' (↑, рост, увеличение, повышение, up, +, >) or '↓' (↓, снижение, уменьшение, понижение, down, -, <). */
export function directionSql(expr: string): string {
  const l = low(expr);
  return `CASE WHEN ${l} IN ('↑', '+', '>', 'up', 'increase', 'больше') OR regexp_matches(${l}, '^(рост|увелич|повыш)') THEN '↑'
    WHEN ${l} IN ('↓', '-', '−', '–', '<', 'down', 'decrease', 'меньше') OR regexp_matches(${l}, '^(сниж|уменьш|пониж)') THEN '↓' END`;
}

/**
 * An expert's evidence mark: 'подтверждено', 'частично' or 'не подтверждено' (also «да»/«нет»,
 * «+»/«-», «частично подтверждено»); NULL when not one of them.
 */
export function evidenceSql(expr: string): string {
  const l = low(expr);
  return `CASE WHEN regexp_matches(${l}, '^(не ?подтв|нет$|-$|−$|0$|false$)') THEN 'не подтверждено'
    WHEN regexp_matches(${l}, '^(частичн|±$|\\+/-$)') THEN 'частично'
    WHEN regexp_matches(${l}, '^(подтв|да$|\\+$|1$|true$|есть$)') THEN 'подтверждено' END`;
}

const SCHOOL = schoolIdSql(text('school_id'));
const YEAR = `CAST(round(TRY_CAST(${text('year')} AS DOUBLE)) AS INTEGER)`;
const RISK = riskCodeSql(text('risk_code'));

const schoolField = f('school_id', 'код ОО', ['код школы', 'логин', 'логин ОО', 'школа', 'school', 'ОО'], 'code');
const yearField = f('year', 'год', ['учебный год', 'year'], 'year');
const riskField = f('risk_code', 'рисковый фактор', ['риск', 'risk', 'фактор риска', 'код риска', 'рисковое направление', 'направление', 'код фактора', 'risk factor'], 'text');

const knownSchool = {
  when: `${SCHOOL} IS NULL OR NOT EXISTS (SELECT 1 FROM schools sc WHERE sc.school_id = ${SCHOOL})`,
  column: 'school_id',
  value: 'school_id',
  expected: 'код школы из справочника школ (сначала импортируйте справочник школ)',
};
const knownRisk = {
  when: `${text('risk_code')} IS NOT NULL AND ${RISK} IS NULL`,
  column: 'risk_code',
  value: 'risk_code',
  expected: 'рисковый фактор из справочника: код 1–11 или его название (например «Дефицит педагогических кадров»)',
};

/** Risk profile of a school in a year: a level per risk factor, and whether its direction is activated. */
export const riskProfiles: Layout = {
  id: 'monitoring-risk-profiles',
  title: 'Рисковые профили школ «500+» (шаблон Ориентира)',
  target: 'risk_profiles',
  needs: [],
  fields: [
    schoolField,
    yearField,
    riskField,
    f('level', 'уровень риска', ['уровень', 'level', 'risk level'], 'text'),
    f('activated', 'активировано', ['активировано направление', 'активация', 'активирован', 'рисковое направление активировано', 'выбрано', 'activated'], 'flag', false),
  ],
  select: () => ({
    school_id: SCHOOL,
    year: YEAR,
    risk_code: RISK,
    level: levelSql(text('level')),
    activated: `COALESCE(${flag('activated')}, false)`,
  }),
  checks: [
    knownSchool,
    knownRisk,
    { when: `${levelSql(text('level'))} IS NULL`, column: 'level', value: 'level', expected: 'уровень риска: высокий, средний или низкий' },
  ],
  uniqueKey: ['school_id', 'year', 'risk_code'],
};

const NUMBERS = ['baseline', 'target', 'stage1', 'stage2', 'final'] as const;
const EVIDENCE = ['evidence1', 'evidence2', 'evidence_final'] as const;

/** Indicators of the anti-risk programmes with their values at the monitoring stages. */
export const riskIndicators: Layout = {
  id: 'monitoring-risk-indicators',
  title: 'Показатели антирисковых программ «500+» (шаблон Ориентира)',
  target: 'risk_indicators',
  needs: [],
  fields: [
    schoolField,
    yearField,
    riskField,
    f('indicator', 'показатель', ['индикатор', 'наименование показателя', 'показатель антирисковой программы', 'indicator'], 'text'),
    f('unit', 'единица измерения', ['ед. изм.', 'ед.изм.', 'единица', 'unit'], 'text', false),
    f('direction', 'желаемое направление', ['направление изменения', 'динамика', 'желаемая динамика', '↑/↓', 'direction'], 'text'),
    f('baseline', 'базовое значение', ['база', 'исходное значение', 'baseline'], 'text', false),
    f('target', 'целевое значение', ['цель', 'target'], 'text'),
    f('stage1', '1 этап', ['этап 1', 'значение 1 этап', 'мониторинг 1 этап', 'значение на 1 этапе', 'stage 1'], 'text', false),
    f('evidence1', 'подтверждение 1 этап', ['подтверждение (1 этап)', 'подтверждение этап 1', 'evidence 1'], 'text', false),
    f('stage2', '2 этап', ['этап 2', 'значение 2 этап', 'мониторинг 2 этап', 'значение на 2 этапе', 'stage 2'], 'text', false),
    f('evidence2', 'подтверждение 2 этап', ['подтверждение (2 этап)', 'подтверждение этап 2', 'evidence 2'], 'text', false),
    f('final', 'итоговое значение', ['итог', 'итоговый мониторинг', 'final'], 'text', false),
    f('evidence_final', 'подтверждение итог', ['подтверждение (итог)', 'подтверждение итогового значения', 'evidence final'], 'text', false),
    f('comment', 'комментарий', ['примечание', 'comment'], 'text', false),
  ],
  select: () => ({
    school_id: SCHOOL,
    year: YEAR,
    risk_code: RISK,
    indicator: text('indicator'),
    unit: text('unit'),
    direction: directionSql(text('direction')),
    baseline: numValue('baseline'),
    target: numValue('target'),
    stage1: numValue('stage1'),
    stage2: numValue('stage2'),
    final: numValue('final'),
    evidence1: evidenceSql(text('evidence1')),
    evidence2: evidenceSql(text('evidence2')),
    evidence_final: evidenceSql(text('evidence_final')),
    comment: text('comment'),
  }),
  checks: [
    knownSchool,
    knownRisk,
    {
      when: `${directionSql(text('direction'))} IS NULL`,
      column: 'direction',
      value: 'direction',
      expected: 'желаемое направление: ↑ (рост) или ↓ (снижение)',
    },
    ...NUMBERS.map((n) => ({
      when: `${text(n)} IS NOT NULL AND ${numValue(n)} IS NULL`,
      column: n,
      value: n,
      expected: 'число (например 45 или 45,5; знак % допускается)',
    })),
    {
      when: `${numValue('target')} = ${numValue('baseline')}`,
      column: 'target',
      value: 'target',
      expected: 'целевое значение, отличное от базового (иначе прогресс к цели не определён)',
    },
    {
      when: `(${directionSql(text('direction'))} = '↑' AND ${numValue('target')} < ${numValue('baseline')})
        OR (${directionSql(text('direction'))} = '↓' AND ${numValue('target')} > ${numValue('baseline')})`,
      column: 'target',
      value: 'target',
      expected: 'целевое значение в желаемом направлении от базового (↑ — больше базового, ↓ — меньше)',
    },
    ...(['stage1', 'stage2', 'final'] as const).map((n) => ({
      when: `${numValue(n)} IS NOT NULL AND ${numValue('baseline')} IS NULL`,
      column: n,
      value: n,
      expected: 'значение этапа вместе с базовым значением (без базового изменение не определено)',
    })),
    ...EVIDENCE.map((e) => ({
      when: `${text(e)} IS NOT NULL AND ${evidenceSql(text(e))} IS NULL`,
      column: e,
      value: e,
      expected: 'подтверждено, частично или не подтверждено',
    })),
  ],
  uniqueKey: ['school_id', 'year', 'risk_code', 'indicator'],
};

/** The municipal roadmap: numbered events with a deadline, an executor and an indicator. */
export const roadmapEvents: Layout = {
  id: 'monitoring-roadmap',
  title: 'Дорожная карта «500+» (шаблон Ориентира)',
  target: 'roadmap_events',
  needs: [],
  fields: [
    f('number', '№', ['№ п/п', 'номер', 'п/п', 'number', 'no'], 'text'),
    f('event', 'мероприятие', ['наименование мероприятия', 'мероприятия', 'event'], 'text'),
    f('deadline', 'срок', ['сроки', 'срок исполнения', 'срок реализации', 'сроки реализации', 'срок выполнения', 'deadline'], 'text', false),
    f('executor', 'исполнитель', ['ответственный', 'ответственные', 'ответственный исполнитель', 'исполнители', 'executor'], 'text', false),
    f('indicator', 'показатель', ['индикатор', 'целевой показатель', 'ожидаемый результат', 'показатель результативности', 'indicator'], 'text', false),
    f('target', 'целевое значение', ['план', 'плановое значение', 'target'], 'text', false),
    f('actual', 'фактическое значение', ['факт', 'actual'], 'text', false),
    f('status', 'статус', ['отметка о выполнении', 'выполнение', 'status'], 'text', false),
  ],
  select: () => ({
    number: text('number'),
    event: text('event'),
    deadline_text: text('deadline'),
    deadline_date: deadlineSql(text('deadline')),
    executor: text('executor'),
    indicator: text('indicator'),
    target: text('target'),
    actual: text('actual'),
    status: text('status'),
  }),
  uniqueKey: ['number'],
};
