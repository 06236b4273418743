import { fisOkoVprRows } from './fisoko-vpr-rows.ts';
import type { Layout } from './types.ts';

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
 * gives it. Absent: «отсутствовал» in `var-1`, or no `sum` at all — in the real 2020 Математика 4
 * export 3 286 rows say «отсутствовал» and 6 more (one school) have variant «0», task cells filled
 * but no total: never scored, so not participants either (the rule of fisoko-vpr-rows.ts).
 */
export const fisOko2020: Layout = {
  id: 'fisoko-vpr-2020-raw',
  title: 'ФИС ОКО: результаты ВПР по обучающимся (выгрузка 2020: user, code, otc, sum)',
  ...fisOkoVprRows('var-1'),
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
};
