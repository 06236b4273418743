import { schoolIdSql } from '../school-id.ts';
import { sqlString } from '../text.ts';
import { markFromScale } from './canonical.ts';
import { mark, num, text } from './sql-expr.ts';
import type { Layout } from './types.ts';

/**
 * Absent: «отсутствовал» in `var-1`, or no `sum` at all. In the real 2020 Математика 4 export
 * 3 286 rows say «отсутствовал» (every other cell of theirs is empty) and 6 more (one school) have
 * variant «0», task cells filled but no total: the work was never scored, so they are not
 * participants either — the same rule as the 2021 layout («no total score» = not written).
 */
const ABSENT = `(lower(${text('variant')}) LIKE 'отсутств%' OR ${text('primary_score')} IS NULL)`;

/**
 * ФИС ОКО raw export of 2020 (the regional system's `excel/vpr_results/2020/<grade>/<Предмет> N
 * класс.xlsx`), one row per student: `groups, user, id, code, otc, gender, klass, var-1, var-2,
 * sum, a-1-grade … a-N-grade` (`groups` is a long list of the school's ФИС ОКО group tags, a
 * «Учебник» column may sit among the task columns). `user` is the school login (`sch223080` →
 * school_id 223080), `code` the student code, `otc` the journal mark («нет отметки» allowed),
 * `klass` the class letter («нет», mixed case), `var-1` the variant or «отсутствовал», `sum` the
 * primary score; `var-2` is empty. There is no ВПР mark column: the mark comes from the grading
 * scale (2020 uses the shipped 2021 scale, as the regional system did). Subject and grade come from
 * the file name («Математика 4 класс»); the year is in neither the rows nor the name, so the user
 * gives it. Absent students: see ABSENT above.
 */
export const fisOko2020: Layout = {
  id: 'fisoko-vpr-2020-raw',
  title: 'ФИС ОКО: результаты ВПР по обучающимся (выгрузка 2020: user, code, otc, sum)',
  target: 'student_results',
  needs: ['year', 'subject', 'grade'],
  fields: [
    { field: 'groups', label: 'groups', aliases: ['groups'], type: 'text', required: false },
    { field: 'login', label: 'user (логин школы)', aliases: ['user'], type: 'code', required: true },
    { field: 'student_number', label: 'id', aliases: ['id'], type: 'text', required: false },
    { field: 'student_code', label: 'code (код обучающегося)', aliases: ['code'], type: 'code', required: true },
    { field: 'journal_mark', label: 'otc (отметка по журналу)', aliases: ['otc'], type: 'journalMark', required: false },
    { field: 'gender', label: 'gender', aliases: ['gender'], type: 'text', required: false },
    { field: 'class', label: 'klass (класс)', aliases: ['klass'], type: 'text', required: false },
    { field: 'variant', label: 'var-1 (вариант)', aliases: ['var-1'], type: 'text', required: true },
    { field: 'variant_2', label: 'var-2', aliases: ['var-2'], type: 'text', required: false },
    { field: 'primary_score', label: 'sum (всего баллов)', aliases: ['sum'], type: 'text', required: false },
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
      expected: 'целое число баллов (или «отсутствовал» в столбце var-1)',
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
