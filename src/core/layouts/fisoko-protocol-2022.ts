import { schoolIdSql } from '../school-id.ts';
import { sqlString } from '../text.ts';
import { markFromScale } from './canonical.ts';
import { mark, num, text } from './sql-expr.ts';
import type { Layout } from './types.ts';

/** Absent: «отсутствовал» as the variant (their «Итого баллов» is 0, not empty), or no total at all. */
const ABSENT = `(lower(${text('variant')}) LIKE 'отсутств%' OR ${text('primary_score')} IS NULL)`;

/** The text after «|» of a ФИС ОКО reference cell («reg22_m030 | Алтайский район» → «Алтайский район»). */
export function refNameSql(expr: string): string {
  return `NULLIF(trim(CASE WHEN ${expr} LIKE '%|%' THEN regexp_extract(${expr}, '\\|\\s*(.*)$', 1) ELSE ${expr} END), '')`;
}

/**
 * The upload year: «Дата загрузки» as dd.mm.yyyy[ hh:mm:ss], yyyy-mm-dd, or an Excel serial day
 * number (a date cell read raw); NULL when it is none of these.
 */
export function uploadYearSql(expr: string): string {
  const serial = `TRY_CAST(replace(${expr}, ',', '.') AS DOUBLE)`;
  return `CASE
    WHEN regexp_matches(${expr}, '^\\d{1,2}\\.\\d{1,2}\\.(19|20)\\d\\d') THEN CAST(regexp_extract(${expr}, '^\\d{1,2}\\.\\d{1,2}\\.(\\d{4})', 1) AS INTEGER)
    WHEN regexp_matches(${expr}, '^(19|20)\\d\\d-\\d{1,2}-\\d{1,2}') THEN CAST(left(${expr}, 4) AS INTEGER)
    WHEN ${serial} BETWEEN 36526 AND 73051 THEN year(DATE '1899-12-30' + CAST(floor(${serial}) AS INTEGER))
  END`;
}

/**
 * The maximum primary score from a protocol header: the sum of the task maxima written in the
 * task columns («1 (1б)», «10К1 (2б)», «5 (4 б.)»). Undefined when the header names no task.
 */
export function maxScoreFromHeader(header: readonly string[]): number | undefined {
  let sum = 0;
  let tasks = 0;
  for (const cell of header) {
    const m = /^\s*\d+(?:\s*[КкK]\s*\d+)?\s*\(\s*(\d+(?:[.,]\d+)?)\s*б\.?\s*\)\s*$/u.exec(cell ?? '');
    if (m?.[1]) {
      sum += Number(m[1].replace(',', '.'));
      tasks++;
    }
  }
  return tasks > 0 ? sum : undefined;
}

/**
 * ФИС ОКО upload protocol, 2022 and later (sheet «Протокол» of the ВПР upload form; the book's
 * other sheet «Классы» lists classes and textbooks and is not imported), one row per student:
 * `Пользователь, Код региона, Регион («reg220000 | Алтайский край»), Муниципалитет
 * («reg22_m030 | … район»), Школа («edu223568 | МБОУ …»), Дата загрузки, Код, Вариант, 1 (1б),
 * 2 (2б), …, 10К1 (1б), …, Наименование класса, Пол, Отметка за предыдущий триместр/ четверть/
 * полугодие, Итого баллов`.
 *
 * - school_id: the digits of the «Школа» reference (`edu223568 | …` → 223568), else of
 *   «Пользователь» (the same login); the school's name and municipality are the text after «|»
 *   of «Школа» and «Муниципалитет» (returned as `school_name`, `municipality` for the school rows
 *   the import creates).
 * - year: from «Дата загрузки» per row (dd.mm.yyyy or a date cell), else the context's year.
 * - subject and grade: from the file name («История 11 класс»), or given by the user.
 * - max_score: the sum of the task maxima in the header («1 (1б)» … «12 (1б)»: 21 for История 11)
 *   when the importer passes the header to `select`, else the grading scale's maximum.
 * - mark: from the grading scale (the protocol has no ВПР mark); without a scale for the slice the
 *   importer refuses the file and asks for one.
 * - absent: «отсутствовал» as the variant; their task cells are empty and «Итого баллов» is 0.
 */
export const fisOkoProtocol2022: Layout = {
  id: 'fisoko-vpr-protocol-2022',
  title: 'ФИС ОКО: протокол проверки ВПР (форма 2022+, лист «Протокол»)',
  target: 'student_results',
  needs: ['subject', 'grade'],
  fields: [
    { field: 'login', label: 'Пользователь', aliases: ['пользователь'], type: 'code', required: false },
    { field: 'region_code', label: 'Код региона', aliases: ['код региона'], type: 'text', required: false },
    { field: 'region', label: 'Регион', aliases: ['регион'], type: 'text', required: false },
    { field: 'municipality_ref', label: 'Муниципалитет', aliases: ['муниципалитет'], type: 'text', required: false },
    { field: 'school_ref', label: 'Школа', aliases: ['школа'], type: 'text', required: true },
    { field: 'uploaded', label: 'Дата загрузки', aliases: ['дата загрузки'], type: 'text', required: false },
    { field: 'student_code', label: 'Код', aliases: ['код', 'код участника'], type: 'code', required: true },
    { field: 'variant', label: 'Вариант', aliases: ['вариант'], type: 'text', required: true },
    { field: 'class', label: 'Наименование класса', aliases: ['наименование класса', 'класс'], type: 'text', required: false },
    { field: 'gender', label: 'Пол', aliases: ['пол'], type: 'text', required: false },
    {
      field: 'journal_mark',
      label: 'Отметка за предыдущий триместр/ четверть/полугодие',
      aliases: [
        'отметка за предыдущий триместр/ четверть/полугодие',
        'отметка за предыдущий триместр/четверть/полугодие',
        'отметка за предыдущий триместр / четверть / полугодие',
      ],
      type: 'journalMark',
      required: false,
    },
    { field: 'primary_score', label: 'Итого баллов', aliases: ['итого баллов'], type: 'text', required: true },
  ],
  select: (ctx, header) => {
    const year = `COALESCE(${uploadYearSql(text('uploaded'))}, ${ctx.year > 0 ? ctx.year : 'NULL'})`;
    const fromHeader = header ? maxScoreFromHeader(header) : undefined;
    return {
      year,
      procedure: `'ВПР'`,
      subject: sqlString(ctx.subject),
      grade: String(ctx.grade),
      school_id: `COALESCE(${schoolIdSql(text('school_ref'))}, ${schoolIdSql(text('login'))})`,
      class: `CASE WHEN lower(${text('class')}) IN ('нет', '-') THEN NULL ELSE lower(${text('class')}) END`,
      student_code: text('student_code'),
      variant: `CASE WHEN ${ABSENT} THEN NULL ELSE ${text('variant')} END`,
      primary_score: `CASE WHEN ${ABSENT} THEN NULL ELSE ${num('primary_score')} END`,
      max_score: fromHeader !== undefined ? `${fromHeader}::DOUBLE` : 'scale.max_score',
      mark: `CASE WHEN ${ABSENT} THEN NULL ELSE ${markFromScale(num('primary_score'))} END`,
      journal_mark: mark('journal_mark'),
      test_score: 'NULL',
      absent: ABSENT,
      // Not columns of student_results: they describe the schools this import creates.
      school_login: `COALESCE(${text('login')}, regexp_extract(${text('school_ref')}, '^\\s*([A-Za-z]+[0-9]+)', 1))`,
      school_name: refNameSql(text('school_ref')),
      municipality: refNameSql(text('municipality_ref')),
    };
  },
  checks: [
    {
      when: `${schoolIdSql(text('school_ref'))} IS NULL AND ${schoolIdSql(text('login'))} IS NULL`,
      column: 'school_ref',
      value: 'school_ref',
      expected: 'школа с логином ФИС ОКО («edu223568 | МБОУ …»)',
    },
    {
      // No readable date and no year from the user: the select's year is NULL, so no scale joins.
      when: `${text('uploaded')} IS NULL AND scale.year IS NULL`,
      column: 'uploaded',
      value: 'uploaded',
      expected: 'дата загрузки вида 15.03.2022 (или год работы, указанный при импорте)',
    },
    {
      when: `${text('uploaded')} IS NOT NULL AND ${uploadYearSql(text('uploaded'))} IS NULL`,
      column: 'uploaded',
      value: 'uploaded',
      expected: 'дата загрузки вида 15.03.2022',
    },
    ...primaryScoreChecks(ABSENT),
  ],
  uniqueKey: ['school_ref', 'student_code'],
};

/**
 * The ФИС ОКО protocols' checks of a present student's primary score: a whole non-negative number,
 * not above the scale's maximum. `absent` is the layout's SQL test for an absent student.
 */
export function primaryScoreChecks(absent: string): NonNullable<Layout['checks']> {
  return [
    {
      when: `NOT ${absent} AND (${num('primary_score')} IS NULL OR ${num('primary_score')} < 0 OR ${num('primary_score')} <> floor(${num('primary_score')}))`,
      column: 'primary_score',
      value: 'primary_score',
      expected: 'целое число баллов (или «отсутствовал» в столбце «Вариант»)',
    },
    {
      when: `NOT ${absent} AND ${num('primary_score')} > scale.max_score`,
      column: 'primary_score',
      value: 'primary_score',
      expected: 'балл не больше максимального по шкале',
    },
  ];
}
