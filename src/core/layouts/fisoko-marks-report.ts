import { countFromPct, DUPLICATE_SCHOOL, GROUP, hierarchySelect, IS_SCHOOL, NO_VALUE, OO_COUNT, participantsSql, PARTICIPANTS, sumSql } from './fisoko-hierarchy.ts';
import { num } from './sql-expr.ts';
import type { FieldSpec, Layout } from './types.ts';

const MARKS = [2, 3, 4, 5] as const;
const PCT = MARKS.map((m) => `p${m}`);

/**
 * ФИС ОКО report «Статистика по отметкам»: title rows («Статистика по отметкам», «Предмет:
 * Математика», «Класс: 4», «ВПР 2024»), a two-row merged header
 * `Группы участников | Кол-во ОО | Кол-во участников | Распределение групп баллов в %` over
 * `2 | 3 | 4 | 5`, then the hierarchy (fisoko-hierarchy.ts). Only school rows are imported, into
 * `school_results` as counts: n2..n5 = round(% × participants / 100). Percentages of a school that
 * do not sum to 100 % (±1, rounding) or counts that add up to more than the participants are errors.
 */
export const fisOkoMarksReport: Layout = {
  id: 'fisoko-marks-report',
  title: 'ФИС ОКО: статистика по отметкам (отчёт по школам)',
  target: 'school_results_report',
  needs: ['year', 'subject', 'grade'],
  twoRowHeader: true,
  // The score histogram has the same columns plus «0», «1», …
  rejects: ['0', '1'],
  fields: [
    GROUP,
    OO_COUNT,
    PARTICIPANTS,
    ...MARKS.map((m): FieldSpec => ({ field: `p${m}`, label: `«${m}», %`, aliases: [String(m), `распределение групп баллов в % / ${m}`], type: 'number', required: true, min: 0, max: 100 })),
  ],
  select: (ctx) => ({
    ...hierarchySelect(ctx),
    participants: participantsSql,
    n2: countFromPct('p2'),
    n3: countFromPct('p3'),
    n4: countFromPct('p4'),
    n5: countFromPct('p5'),
    mean_score: NO_VALUE.dbl,
    max_score: NO_VALUE.dbl,
    below_min: NO_VALUE.int,
    high_scorers: NO_VALUE.int,
    journal_n: NO_VALUE.int,
    lowered: NO_VALUE.int,
    confirmed: NO_VALUE.int,
    raised: NO_VALUE.int,
    source: `'file'`,
  }),
  checks: [
    {
      when: `${IS_SCHOOL} AND ${num('participants')} > 0 AND abs(${sumSql(PCT)} - 100) > 1`,
      column: 'p2',
      value: 'group',
      expected: 'проценты «2», «3», «4», «5» школы в сумме 100 % (±1)',
    },
    {
      when: `${IS_SCHOOL} AND ${PCT.map((p) => `COALESCE(${countFromPct(p)}, 0)`).join(' + ')} > ${participantsSql}`,
      column: 'participants',
      value: 'participants',
      expected: 'число участников не меньше суммы «2»+«3»+«4»+«5» (проценты × участники)',
    },
    DUPLICATE_SCHOOL,
  ],
  uniqueKey: [],
};
