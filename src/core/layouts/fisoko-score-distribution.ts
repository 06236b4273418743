import { normalizeLabel } from '../text.ts';
import { DUPLICATE_SCHOOL, GROUP, hierarchySelect, IS_SCHOOL, OO_COUNT, participantsSql, PARTICIPANTS, sumSql } from './fisoko-hierarchy.ts';
import { HEADER_JOIN } from './recognise.ts';
import { num } from './sql-expr.ts';
import type { FieldSpec, Layout } from './types.ts';

/** Primary scores a report may have columns for (ВПР and ОГЭ maxima are far below). */
const MAX_SCORE = 100;
const SCORES = Array.from({ length: MAX_SCORE + 1 }, (_, k) => k);

/**
 * Whether the score columns hold counts rather than percentages: the group title above them says
 * so («Распределение первичных баллов (кол-во участников)», «… число участников»). ФИС ОКО gives %.
 */
export function scoreColumnsAreCounts(header: readonly string[] | undefined): boolean {
  const zero = header?.find((c) => {
    const parts = c.split(HEADER_JOIN);
    return normalizeLabel(parts[parts.length - 1] ?? '') === '0';
  });
  const top = normalizeLabel(zero?.split(HEADER_JOIN).slice(0, -1).join(HEADER_JOIN) ?? '');
  return !top.includes('%') && /кол-во|количество|число/.test(top);
}

/**
 * ФИС ОКО report «Распределение первичных баллов» by school: title rows as «Статистика по
 * отметкам», a two-row merged header `Группы участников | Кол-во ОО | Кол-во участников |
 * Распределение первичных баллов, % участников` over `0 | 1 | 2 | … | N` (one column per primary
 * score), then the hierarchy (fisoko-hierarchy.ts; only school rows are imported). Into
 * `score_distribution` (one row per school and score with a value): students = round(% ×
 * participants / 100), or the cell itself when the group title says the columns are counts
 * («кол-во участников»). A school's cells must sum to 100 % (±1) or to its participants.
 */
export const fisOkoScoreDistribution: Layout = {
  id: 'fisoko-score-distribution',
  title: 'ФИС ОКО: распределение первичных баллов (отчёт по школам)',
  target: 'score_distribution',
  needs: ['year', 'subject', 'grade'],
  twoRowHeader: true,
  fields: [
    GROUP,
    OO_COUNT,
    PARTICIPANTS,
    ...SCORES.map((k): FieldSpec => ({ field: `s${k}`, label: `балл ${k}`, aliases: [String(k)], type: 'number', required: k <= 1, repeat: k > 1, min: 0, max: 100_000 })),
  ],
  select: (ctx, header) => {
    const counts = scoreColumnsAreCounts(header);
    const value = (k: number) => (counts ? `CAST(round(${num(`s${k}`)}) AS INTEGER)` : `CAST(round(${num(`s${k}`)} * ${participantsSql} / 100) AS INTEGER)`);
    const cells = `list_filter([${SCORES.map((k) => `{'score': ${k}::INTEGER, 'students': ${value(k)}}`).join(', ')}], x -> x.students IS NOT NULL)`;
    return {
      ...hierarchySelect(ctx),
      // Parallel unnests: one row per score with a value (DuckDB zips them).
      primary_score: `unnest(list_transform(${cells}, x -> x.score))`,
      students: `unnest(list_transform(${cells}, x -> x.students))`,
    };
  },
  checks: [
    {
      when: `${IS_SCHOOL} AND ${num('participants')} > 0 AND abs(${sumSql(SCORES.map((k) => `s${k}`))} - 100) > 1 AND ${sumSql(SCORES.map((k) => `s${k}`))} <> ${num('participants')}`,
      column: 's0',
      value: 'group',
      expected: 'доли баллов школы в сумме 100 % (±1) или числа в сумме равны числу участников',
    },
    DUPLICATE_SCHOOL,
  ],
  uniqueKey: [],
};
