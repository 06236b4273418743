import { fisOkoVprRows } from './fisoko-vpr-rows.ts';
import type { Layout } from './types.ts';

/**
 * ФИС ОКО regional export of 2021, one row per student: «Проведение работы по математике,
 * 4 класс. ВПР 2021». Year, subject and grade are not in the rows: they come from the title or the
 * file name. It has no ВПР mark: the mark comes from the grading scale. Its «регион» column holds
 * the municipality; absent students have «отсутствовал» as their variant.
 */
export const fisOko2021: Layout = {
  id: 'fisoko-vpr-2021',
  title: 'ФИС ОКО: результаты ВПР по обучающимся (выгрузка 2021)',
  ...fisOkoVprRows('«вариант»'),
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
};

/**
 * Re-exported from its own module for importers that still read it here (src/db/import-file.ts);
 * new code imports it from './context-from-title.ts'.
 */
export { contextFromTitle } from './context-from-title.ts';
