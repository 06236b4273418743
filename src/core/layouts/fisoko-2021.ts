import { schoolIdSql } from '../school-id.ts';
import { sqlString } from '../text.ts';
import { markFromScale } from './canonical.ts';
import { mark, num, text } from './sql-expr.ts';
import type { Layout } from './types.ts';

/** Absent: «отсутствовал» as the variant, or no total score at all (the work was not written). */
const ABSENT = `(lower(${text('variant')}) LIKE 'отсутств%' OR ${text('primary_score')} IS NULL)`;

/**
 * ФИС ОКО regional export of 2021, one row per student: «Проведение работы по математике,
 * 4 класс. ВПР 2021». Year, subject and grade are not in the rows: they come from the title or the
 * file name. It has no ВПР mark: the mark comes from the grading scale. Its «регион» column holds
 * the municipality; absent students have «отсутствовал» as their variant.
 */
export const fisOko2021: Layout = {
  id: 'fisoko-vpr-2021',
  title: 'ФИС ОКО: результаты ВПР по обучающимся (выгрузка 2021)',
  target: 'student_results',
  needs: ['year', 'subject', 'grade'],
  fields: [
    { field: 'login', label: 'логин школы', aliases: ['логин школы'], type: 'code', required: true },
    { field: 'municipality', label: 'регион', aliases: ['регион'], type: 'text', required: false },
    { field: 'student_number', label: 'номер обучающегося', aliases: ['номер обучающегося'], type: 'text', required: false },
    { field: 'student_code', label: 'код обучающегося', aliases: ['код обучающегося'], type: 'code', required: true },
    {
      field: 'journal_mark',
      label: 'отметка за предыдущую четверть/триместр',
      aliases: ['отметка за предыдущую четверть/триместр', 'отметка за предыдущую четверть'],
      type: 'journalMark',
      required: false,
    },
    { field: 'class', label: 'класс', aliases: ['класс'], type: 'text', required: false },
    { field: 'variant', label: 'вариант', aliases: ['вариант'], type: 'text', required: true },
    { field: 'primary_score', label: 'всего баллов', aliases: ['всего баллов'], type: 'text', required: false },
  ],
  select: (ctx) => ({
    year: String(ctx.year),
    procedure: `'ВПР'`,
    subject: sqlString(ctx.subject),
    grade: String(ctx.grade),
    school_id: schoolIdSql(text('login')),
    class: `CASE WHEN lower(${text('class')}) IN ('нет', '-') THEN NULL ELSE lower(${text('class')}) END`,
    student_code: text('student_code'),
    variant: `CASE WHEN ${ABSENT} THEN NULL ELSE ${text('variant')} END`,
    primary_score: `CASE WHEN ${ABSENT} THEN NULL ELSE ${num('primary_score')} END`,
    max_score: 'scale.max_score',
    mark: `CASE WHEN ${ABSENT} THEN NULL ELSE ${markFromScale(num('primary_score'))} END`,
    journal_mark: mark('journal_mark'),
    test_score: 'NULL',
    absent: ABSENT,
  }),
  checks: [
    {
      when: `NOT ${ABSENT} AND (${num('primary_score')} IS NULL OR ${num('primary_score')} < 0 OR ${num('primary_score')} <> floor(${num('primary_score')}))`,
      column: 'primary_score',
      value: 'primary_score',
      expected: 'целое число баллов (или «отсутствовал» в столбце «вариант»)',
    },
    {
      when: `NOT ${ABSENT} AND ${num('primary_score')} > scale.max_score`,
      column: 'primary_score',
      value: 'primary_score',
      expected: 'балл не больше максимального по шкале',
    },
  ],
  uniqueKey: ['login', 'student_code'],
};

/**
 * Re-exported from its own module for importers that still read it here (src/db/import-file.ts);
 * new code imports it from './context-from-title.ts'.
 */
export { contextFromTitle } from './context-from-title.ts';
