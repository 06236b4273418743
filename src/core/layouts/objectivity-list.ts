import { schoolIdSql } from '../school-id.ts';
import { sqlString } from '../text.ts';
import { flag, num, text } from './sql-expr.ts';
import type { Layout } from './types.ts';

/** The procedure columns of an official list: header, grade, canonical subject. */
export const OBJECTIVITY_MARKERS = [
  { field: 'ru4', header: '4 РУ', grade: 4, subject: 'Русский язык' },
  { field: 'ma4', header: '4 МА', grade: 4, subject: 'Математика' },
  { field: 'ru5', header: '5 РУ', grade: 5, subject: 'Русский язык' },
  { field: 'ma5', header: '5 МА', grade: 5, subject: 'Математика' },
] as const;

/**
 * The list of (grade, subject) markers set to 1 in a row, as a DuckDB list of structs; a row with
 * none set gives one element with NULL grade and subject, so the school still has a row.
 */
const SET_MARKERS = `list_filter([${OBJECTIVITY_MARKERS.map(
  (m) => `CASE WHEN COALESCE(${flag(m.field)}, false) THEN {'grade': ${m.grade}::INTEGER, 'subject': ${sqlString(m.subject)}::VARCHAR} END`,
).join(', ')}], x -> x IS NOT NULL)`;
const MARKERS = `(CASE WHEN len(${SET_MARKERS}) = 0 THEN [{'grade': NULL::INTEGER, 'subject': NULL::VARCHAR}] ELSE ${SET_MARKERS} END)`;

/**
 * Official lists of schools with signs of non-objective ВПР results (ФИОКО sends them to regions):
 * `Год, Логин, Муниципалитет, ОО, 4 РУ, 4 МА, 5 РУ, 5 МА, Количество маркеров`, one row per
 * listed school and year; each procedure column is 1 (the school has the marker), 0 or blank.
 * Rows become the long table `objectivity_lists`: one row per marker set to 1 («4 РУ» → grade 4,
 * «Русский язык»; «5 МА» → grade 5, «Математика»).
 *
 * - A school in the list with no marker set (all blank/0, whatever «Количество маркеров» says) is
 *   still a listed school: it gets one row with grade and subject NULL, so
 *   `objectivity_list_schools` counts it (with markers = 0). The real Дагестан file 2023–2025 has
 *   no such row, and its «Количество маркеров» always equals the sum of the markers. The count
 *   column is required (with «Год» and «Логин» it identifies the format) and must be filled.
 * - A school repeated in one year keeps its last row (the real file lists every 2024 school twice:
 *   lines 161–308 are repeated as 309–456, so 296 rows are 148 schools).
 * - school_id: the digits of the login (`edu053001` → 053001, leading zero kept).
 */
export const objectivityList: Layout = {
  id: 'objectivity-list',
  title: 'Списки школ с признаками необъективности результатов ВПР',
  target: 'objectivity_lists',
  needs: [],
  fields: [
    { field: 'year', label: 'Год', aliases: ['год'], type: 'year', required: true },
    { field: 'login', label: 'Логин', aliases: ['логин', 'логин ОО'], type: 'code', required: true },
    { field: 'municipality', label: 'Муниципалитет', aliases: ['муниципалитет', 'АТЕ', 'МО'], type: 'text', required: false },
    { field: 'school_name', label: 'ОО', aliases: ['ОО', 'наименование ОО'], type: 'text', required: false },
    ...OBJECTIVITY_MARKERS.map((m) => ({ field: m.field, label: m.header, aliases: [m.header], type: 'flag' as const, required: false })),
    { field: 'markers', label: 'Количество маркеров', aliases: ['количество маркеров'], type: 'integer', required: true, min: 0, max: 4 },
  ],
  select: () => ({
    year: `CAST(round(${num('year')}) AS INTEGER)`,
    school_id: schoolIdSql(text('login')),
    login: text('login'),
    municipality: text('municipality'),
    school_name: text('school_name'),
    // Parallel unnests expand each row into one row per marker (DuckDB zips them).
    grade: `unnest(list_transform(${MARKERS}, x -> x.grade))`,
    subject: `unnest(list_transform(${MARKERS}, x -> x.subject))`,
  }),
  checks: [
    {
      when: `${schoolIdSql(text('login'))} IS NULL`,
      column: 'login',
      value: 'login',
      expected: 'логин ФИС ОКО с цифрами кода школы (edu053001)',
    },
  ],
  // No unique key: real lists repeat schools; the merge keeps each school's last row per year.
  uniqueKey: [],
};
