import { schoolIdSql } from '../school-id.ts';
import { sqlString } from '../text.ts';
import { markFromScale } from './canonical.ts';
import { maxScoreFromHeader, primaryScoreChecks, refNameSql } from './fisoko-protocol-2022.ts';
import { mark, num, text } from './sql-expr.ts';
import type { Layout } from './types.ts';

/** Absent: «отсутствовал» as the variant, or no primary score at all (the work was not written). */
const ABSENT = `(lower(COALESCE(${text('variant')}, '')) LIKE 'отсутств%' OR ${text('primary_score')} IS NULL)`;

/** The login at the start of the school cell («edu223568 | МБОУ …», «sch220001 МБОУ …», «edu223568»). */
const LOGIN = `NULLIF(regexp_extract(${text('school_ref')}, '^\\s*\\(?\\s*([A-Za-z]+[0-9]{3,})', 1), '')`;

/** The school: the digits of the «ОО» cell, else of «Пользователь» (the same login). */
const COALESCE_ID = `COALESCE(${schoolIdSql(text('school_ref'))}, ${schoolIdSql(text('login'))})`;

/** The school's name: the text after «|», else after the login; NULL when the cell is only a login. */
const SCHOOL_NAME = `CASE WHEN ${text('school_ref')} LIKE '%|%' THEN ${refNameSql(text('school_ref'))}
  ELSE NULLIF(trim(regexp_replace(${text('school_ref')}, '^\\s*\\(?\\s*[A-Za-z]+[0-9]{3,}\\s*\\)?\\s*[:]?\\s*', '')), '') END`;

/** The maximum primary score: the sum of the task maxima in the header, else the grading scale's. */
const maxScore = (header?: readonly string[]) => {
  const fromHeader = header ? maxScoreFromHeader(header) : undefined;
  return fromHeader !== undefined ? `${fromHeader}::DOUBLE` : 'scale.max_score';
};

/**
 * ФИС ОКО «Индивидуальные результаты» (the report of the analytics section, one row per
 * participant, as the ОО, municipality or region coordinator downloads it), current form.
 *
 * No public description of this export was found, so the layout is derived from the 2022+ upload
 * protocol (fisoko-protocol-2022.ts, DOMAIN.md §6) and from what the report adds: title rows like
 * the other ФИС ОКО reports («Индивидуальные результаты», «ВПР 2024», «Предмет: Математика»,
 * «Класс: 4»), then `[Муниципалитет,] ОО, Класс, Код (участника), Вариант, 1 (1б), 2 (2б), …,
 * Первичный балл, Отметка[, Отметка по журналу][, Пол]`. It is told from the protocol by the
 * «Отметка» column: ФИС ОКО's own ВПР mark, so no grading scale is needed. The protocol's
 * reference columns (Пользователь, Код региона, Регион, Дата загрузки) are recognised when present.
 *
 * - school_id: the digits of the «ОО» cell (`edu223568 | МБОУ …`, `sch220001 МБОУ …` or a bare
 *   login); the school's login and name come from the same cell, the municipality from
 *   «Муниципалитет» (text after «|» when it is a reference).
 * - year, subject, grade: from the title rows («ВПР 2024», «Предмет: …», «Класс: 4»), else the
 *   file name, else the user.
 * - mark: the file's «Отметка» (2–5; «нет отметки» and the like are empty), else from the scale.
 * - max_score: the sum of the task maxima in the header («3 (2б)»), else the scale's maximum.
 * - absent: «отсутствовал» as the variant, or an empty «Первичный балл».
 */
export const fisOkoIndividualResults: Layout = {
  id: 'fisoko-vpr-individual-results',
  title: 'ФИС ОКО: индивидуальные результаты ВПР (отчёт «Индивидуальные результаты»)',
  target: 'student_results',
  needs: ['year', 'subject', 'grade'],
  fields: [
    // The protocol's reference columns, when the report carries them (not imported but recognised,
    // so a protocol-shaped file with ФИС ОКО's mark is read as this report).
    { field: 'login', label: 'Пользователь', aliases: ['пользователь'], type: 'code', required: false },
    { field: 'region_code', label: 'Код региона', aliases: ['код региона'], type: 'text', required: false },
    { field: 'region', label: 'Регион', aliases: ['регион'], type: 'text', required: false },
    { field: 'uploaded', label: 'Дата загрузки', aliases: ['дата загрузки'], type: 'text', required: false },
    {
      field: 'municipality_ref',
      label: 'Муниципалитет',
      aliases: ['муниципалитет', 'муниципальное образование', 'АТЕ'],
      type: 'text',
      required: false,
    },
    {
      field: 'school_ref',
      label: 'ОО',
      aliases: ['оо', 'школа', 'образовательная организация', 'логин оо', 'логин'],
      type: 'text',
      required: true,
    },
    { field: 'class', label: 'Класс', aliases: ['класс', 'наименование класса'], type: 'text', required: false },
    { field: 'student_code', label: 'Код участника', aliases: ['код участника', 'код'], type: 'code', required: true },
    { field: 'variant', label: 'Вариант', aliases: ['вариант'], type: 'text', required: false },
    {
      field: 'primary_score',
      label: 'Первичный балл',
      aliases: ['первичный балл', 'итого баллов', 'сумма баллов'],
      type: 'text',
      required: true,
      allowEmpty: true,
    },
    {
      field: 'mark',
      label: 'Отметка',
      aliases: ['отметка', 'отметка по пятибалльной шкале', 'отметка за работу'],
      type: 'mark',
      required: true,
      allowEmpty: true,
    },
    {
      field: 'journal_mark',
      label: 'Отметка по журналу',
      aliases: [
        'отметка по журналу',
        'отметка за предыдущий триместр/ четверть/полугодие',
        'отметка за предыдущий триместр/четверть/полугодие',
        'отметка за предыдущий триместр / четверть / полугодие',
      ],
      type: 'journalMark',
      required: false,
    },
    { field: 'gender', label: 'Пол', aliases: ['пол'], type: 'text', required: false },
  ],
  select: (ctx, header) => ({
    year: String(ctx.year),
    procedure: `'ВПР'`,
    subject: sqlString(ctx.subject),
    grade: String(ctx.grade),
    school_id: COALESCE_ID,
    class: `CASE WHEN lower(${text('class')}) IN ('нет', '-') THEN NULL ELSE lower(${text('class')}) END`,
    student_code: text('student_code'),
    variant: `CASE WHEN ${ABSENT} THEN NULL ELSE ${text('variant')} END`,
    primary_score: `CASE WHEN ${ABSENT} THEN NULL ELSE ${num('primary_score')} END`,
    max_score: maxScore(header),
    mark: `CASE WHEN ${ABSENT} THEN NULL ELSE COALESCE(${mark('mark')}, ${markFromScale(num('primary_score'))}) END`,
    journal_mark: mark('journal_mark'),
    test_score: 'NULL',
    absent: ABSENT,
    // Not columns of student_results: they describe the schools this import creates.
    school_login: `COALESCE(${LOGIN}, ${text('login')})`,
    school_name: SCHOOL_NAME,
    municipality: refNameSql(text('municipality_ref')),
  }),
  checks: [
    {
      when: `${COALESCE_ID} IS NULL`,
      column: 'school_ref',
      value: 'school_ref',
      expected: 'ОО с логином ФИС ОКО («edu223568 | МБОУ …» или «sch220001»)',
    },
    ...primaryScoreChecks(ABSENT),
  ],
  headerChecks: (header) => {
    const max = header ? maxScoreFromHeader(header) : undefined;
    return max === undefined
      ? []
      : [{
        when: `NOT ${ABSENT} AND ${num('primary_score')} > ${max}`,
        column: 'primary_score',
        value: 'primary_score',
        expected: `балл не больше суммы максимальных баллов заданий в заголовке (${max})`,
      }];
  },
  uniqueKey: ['school_ref', 'student_code'],
};
