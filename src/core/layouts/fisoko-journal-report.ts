import { countFromPct, DUPLICATE_SCHOOL, GROUP, hierarchySelect, IS_SCHOOL, NO_VALUE, OO_COUNT, participantsSql, PARTICIPANTS, sumSql } from './fisoko-hierarchy.ts';
import { num } from './sql-expr.ts';
import type { FieldSpec, Layout } from './types.ts';

const GROUPS = [
  { key: 'lowered', label: 'Понизили', long: 'понизили (отметка < отметка по журналу)' },
  { key: 'confirmed', label: 'Подтвердили', long: 'подтвердили (отметка = отметке по журналу)' },
  { key: 'raised', label: 'Повысили', long: 'повысили (отметка > отметка по журналу)' },
] as const;

const spell = (g: (typeof GROUPS)[number], units: readonly string[]) =>
  [g.label.toLowerCase(), g.long].flatMap((name) => units.flatMap((u) => [`${name} / ${u}`, `${name}, ${u}`, `${name} ${u}`]));

/**
 * ФИС ОКО report «Сравнение отметок с отметками по журналу», by school: the same title rows and
 * hierarchy as «Статистика по отметкам» (fisoko-hierarchy.ts) under a two-row merged header
 * `Группы участников | Кол-во ОО | Кол-во участников | Понизили (Отметка < Отметка по журналу) |
 * Подтвердили (Отметка = Отметке по журналу) | Повысили (Отметка > Отметка по журналу)`, each group
 * over `Кол-во | %` (the count is optional: without it the count is round(% × участники / 100)).
 *
 * Into `school_results` (target school_results_report): journal_n = «Кол-во участников», lowered,
 * confirmed, raised. The slice's row is updated, never duplicated: its participants and marks (from
 * student rows or a marks report) stay; a slice without a row gets one with participants =
 * journal_n. The percentages must sum to 100 % (±1); counts may not exceed the participants.
 */
export const fisOkoJournalReport: Layout = {
  id: 'fisoko-journal-report',
  title: 'ФИС ОКО: сравнение отметок с отметками по журналу (отчёт по школам)',
  target: 'school_results_report',
  needs: ['year', 'subject', 'grade'],
  twoRowHeader: true,
  fields: [
    GROUP,
    OO_COUNT,
    PARTICIPANTS,
    ...GROUPS.flatMap((g): FieldSpec[] => [
      { field: `${g.key}_n`, label: `${g.label}, кол-во`, aliases: spell(g, ['кол-во', 'кол-во участников', 'количество', 'чел.']), type: 'integer', required: false, min: 0 },
      { field: `${g.key}_pct`, label: `${g.label}, %`, aliases: spell(g, ['%', 'доля, %', 'доля участников, %']), type: 'number', required: true, min: 0, max: 100 },
    ]),
  ],
  select: (ctx) => ({
    ...hierarchySelect(ctx),
    participants: NO_VALUE.int,
    n2: NO_VALUE.int,
    n3: NO_VALUE.int,
    n4: NO_VALUE.int,
    n5: NO_VALUE.int,
    mean_score: NO_VALUE.dbl,
    max_score: NO_VALUE.dbl,
    below_min: NO_VALUE.int,
    high_scorers: NO_VALUE.int,
    journal_n: participantsSql,
    ...Object.fromEntries(GROUPS.map((g) => [g.key, `COALESCE(CAST(round(${num(`${g.key}_n`)}) AS INTEGER), ${countFromPct(`${g.key}_pct`)})`])),
    source: `'file'`,
  }),
  checks: [
    {
      when: `${IS_SCHOOL} AND ${num('participants')} > 0 AND abs(${sumSql(GROUPS.map((g) => `${g.key}_pct`))} - 100) > 1`,
      column: 'lowered_pct',
      value: 'group',
      expected: 'проценты «понизили», «подтвердили», «повысили» школы в сумме 100 % (±1)',
    },
    {
      when: `${IS_SCHOOL} AND ${GROUPS.map((g) => `COALESCE(round(${num(`${g.key}_n`)}), ${countFromPct(`${g.key}_pct`)}, 0)`).join(' + ')} > ${participantsSql}`,
      column: 'participants',
      value: 'participants',
      expected: 'число участников не меньше суммы «понизили» + «подтвердили» + «повысили»',
    },
    DUPLICATE_SCHOOL,
  ],
  uniqueKey: [],
};
