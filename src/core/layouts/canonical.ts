import { schoolIdSql } from '../school-id.ts';
import { flag, mark, num, text } from './sql-expr.ts';
import type { FieldSpec, Layout } from './types.ts';

const f = (
  field: string,
  label: string,
  aliases: string[],
  type: FieldSpec['type'],
  required = true,
  bounds: { min?: number; max?: number } = {},
): FieldSpec => ({ field, label, aliases: [field, label, ...aliases], type, required, ...bounds });

/**
 * The subject column mapped to its canonical name: the importer fills `subject_map` and joins it
 * as `subj` (a join, not a subquery per row) for every layout with a `subject` field.
 */
const SUBJECT = 'subj.canonical';
const int = (field: string) => `CAST(round(${num(field)}) AS INTEGER)`;
const schoolId = schoolIdSql(text('school_id'));

const SLICE_FIELDS: FieldSpec[] = [
  f('year', 'год', [], 'year'),
  f('procedure', 'процедура', ['оценочная процедура'], 'procedure'),
  f('subject', 'предмет', [], 'subject'),
  f('grade', 'параллель', [], 'grade'),
  f('school_id', 'код ОО', ['логин', 'логин ОО', 'логин школы', 'school'], 'code'),
];

/**
 * A school code the key cannot be made of (no run of 3+ digits: «12», «школа»). Without this check
 * the row would reach the tables with no school and the merge would fail instead of saying why.
 */
const schoolCodeCheck = (field: string) => ({
  when: `${text(field)} IS NOT NULL AND ${schoolIdSql(text(field))} IS NULL`,
  column: field,
  value: field,
  expected: 'код ОО с номером из трёх и более цифр (например, 220001 или sch220001)',
});

const sliceSelect = () => ({
  year: int('year'),
  procedure: `upper(${text('procedure')})`,
  subject: SUBJECT,
  grade: int('grade'),
  school_id: schoolId,
});

/** Canonical student-level results (`student_results` columns, one row per student work). */
export const canonicalStudentResults: Layout = {
  id: 'canonical-student-results',
  title: 'Результаты обучающихся (шаблон Ориентира)',
  target: 'student_results',
  needs: [],
  fields: [
    ...SLICE_FIELDS,
    f('class', 'класс', ['наименование класса'], 'text', false),
    f('student_code', 'код обучающегося', ['код участника'], 'code'),
    f('variant', 'вариант', [], 'text', false),
    f('primary_score', 'первичный балл', ['всего баллов', 'итого баллов'], 'number', false, { min: 0, max: 1000 }),
    f('max_score', 'максимальный балл', ['макс. балл'], 'number', false, { min: 1, max: 1000 }),
    f('mark', 'отметка', [], 'mark', false),
    f('journal_mark', 'отметка по журналу', ['отметка за предыдущую четверть/триместр'], 'journalMark', false),
    f('test_score', 'тестовый балл', [], 'number', false, { min: 0, max: 100 }),
    f('absent', 'отсутствовал', ['неявка'], 'flag', false),
  ],
  select: () => ({
    ...sliceSelect(),
    class: `lower(${text('class')})`,
    student_code: text('student_code'),
    variant: text('variant'),
    primary_score: num('primary_score'),
    max_score: `COALESCE(${num('max_score')}, scale.max_score)`,
    mark: `COALESCE(${mark('mark')}, ${markFromScale(num('primary_score'))})`,
    journal_mark: mark('journal_mark'),
    test_score: num('test_score'),
    absent: `COALESCE(${flag('absent')}, false)`,
  }),
  checks: [
    schoolCodeCheck('school_id'),
    {
      when: `${num('primary_score')} > COALESCE(${num('max_score')}, scale.max_score)`,
      column: 'primary_score',
      value: 'primary_score',
      expected: 'первичный балл не больше максимального',
    },
    {
      when: `COALESCE(${flag('absent')}, false) = false AND ${num('primary_score')} IS NULL AND ${num('test_score')} IS NULL`,
      column: 'primary_score',
      value: 'primary_score',
      expected: 'балл участника (пустым он может быть только у отсутствовавшего)',
    },
  ],
  uniqueKey: ['year', 'procedure', 'subject', 'grade', 'school_id', 'student_code'],
};

/**
 * The mark from `grading_scales` (joined as `scale` by the importer) when the file has none.
 * NULL when no scale is known: the importer reports that slice instead of guessing.
 */
export function markFromScale(score: string): string {
  return `CASE WHEN ${score} IS NULL OR scale.min_score_3 IS NULL THEN NULL
    WHEN ${score} >= scale.min_score_5 THEN 5 WHEN ${score} >= scale.min_score_4 THEN 4
    WHEN ${score} >= scale.min_score_3 THEN 3 ELSE 2 END`;
}

/** Canonical school-level results (`school_results`: counts, not percentages). */
export const canonicalSchoolResults: Layout = {
  id: 'canonical-school-results',
  title: 'Результаты по школам (шаблон Ориентира)',
  target: 'school_results',
  needs: [],
  fields: [
    ...SLICE_FIELDS,
    f('participants', 'участников', ['приняли участие', 'кол-во участников'], 'integer', true, { min: 0, max: 100000 }),
    f('n2', '«2»', [], 'integer', false),
    f('n3', '«3»', [], 'integer', false),
    f('n4', '«4»', [], 'integer', false),
    f('n5', '«5»', [], 'integer', false),
    f('mean_score', 'средний балл', [], 'number', false, { min: 0, max: 1000 }),
    f('max_score', 'максимальный балл', [], 'number', false, { min: 1, max: 1000 }),
    f('below_min', 'ниже минимального порога', ['не преодолели минимальный порог'], 'integer', false),
    f('high_scorers', 'высокобалльники', ['81-100'], 'integer', false),
    f('journal_n', 'с отметкой по журналу', [], 'integer', false),
    f('lowered', 'понизили', [], 'integer', false),
    f('confirmed', 'подтвердили', [], 'integer', false),
    f('raised', 'повысили', [], 'integer', false),
  ],
  select: () => ({
    ...sliceSelect(),
    participants: int('participants'),
    n2: int('n2'),
    n3: int('n3'),
    n4: int('n4'),
    n5: int('n5'),
    mean_score: num('mean_score'),
    max_score: `COALESCE(${num('max_score')}, scale.max_score)`,
    below_min: int('below_min'),
    high_scorers: int('high_scorers'),
    journal_n: int('journal_n'),
    lowered: int('lowered'),
    confirmed: int('confirmed'),
    raised: int('raised'),
    source: `'file'`,
  }),
  checks: [
    schoolCodeCheck('school_id'),
    {
      when: `COALESCE(${num('n2')}, 0) + COALESCE(${num('n3')}, 0) + COALESCE(${num('n4')}, 0) + COALESCE(${num('n5')}, 0) > ${num('participants')}`,
      column: 'participants',
      value: 'participants',
      expected: 'число участников не меньше суммы «2»+«3»+«4»+«5»',
    },
    {
      when: `greatest(COALESCE(${num('below_min')}, 0), COALESCE(${num('high_scorers')}, 0)) > ${num('participants')}`,
      column: 'participants',
      value: 'participants',
      expected: 'число участников не меньше числа не преодолевших порог и высокобалльников',
    },
  ],
  uniqueKey: ['year', 'procedure', 'subject', 'grade', 'school_id'],
};

/** Canonical school directory. */
export const canonicalSchools: Layout = {
  id: 'canonical-schools',
  title: 'Справочник школ (шаблон Ориентира)',
  target: 'schools',
  needs: [],
  fields: [
    f('school_id', 'код ОО', [], 'code'),
    f('login', 'логин', ['логин ОО', 'логин школы'], 'code', false),
    f('name', 'наименование ОО', ['наименование', 'ОО', 'школа'], 'text'),
    f('municipality', 'муниципалитет', ['АТЕ', 'муниципальное образование'], 'text', false),
    f('region', 'регион', ['субъект РФ'], 'text', false),
  ],
  select: () => ({
    school_id: schoolId,
    login: text('login'),
    name: text('name'),
    municipality: text('municipality'),
    region: text('region'),
  }),
  checks: [schoolCodeCheck('school_id')],
  uniqueKey: ['school_id'],
};

/** The ФИС ОКО school directory export: `логин, имя, регион` (the «регион» column holds the municipality). */
export const fisOkoSchoolDirectory: Layout = {
  id: 'fisoko-school-directory',
  title: 'Справочник школ ФИС ОКО (логин, имя, регион)',
  target: 'schools',
  needs: [],
  fields: [
    f('login', 'логин', [], 'code'),
    f('name', 'имя', [], 'text'),
    f('municipality', 'регион', [], 'text', false),
  ],
  select: () => ({
    school_id: schoolIdSql(text('login')),
    login: text('login'),
    name: text('name'),
    municipality: text('municipality'),
    region: 'NULL',
  }),
  checks: [schoolCodeCheck('login')],
  uniqueKey: [],
};

/** School categories per year (ШНОР, ШССУ, «500+» cohort, curator, partner school). */
export const canonicalSchoolCategories: Layout = {
  id: 'canonical-school-categories',
  title: 'Категории школ по годам (шаблон Ориентира)',
  target: 'school_categories',
  needs: [],
  fields: [
    f('year', 'год', [], 'year'),
    f('school_id', 'код ОО', ['логин'], 'code'),
    f('shnor', 'ШНОР', [], 'flag'),
    f('sssu', 'ШССУ', [], 'flag', false),
    f('cohort', 'когорта 500+', ['когорта'], 'year', false),
    f('curator', 'куратор', [], 'text', false),
    f('partner_school_id', 'школа-партнёр', ['партнер'], 'code', false),
  ],
  select: () => ({
    year: int('year'),
    school_id: schoolId,
    shnor: `COALESCE(${flag('shnor')}, false)`,
    sssu: `COALESCE(${flag('sssu')}, false)`,
    cohort: int('cohort'),
    curator: text('curator'),
    partner_school_id: schoolIdSql(text('partner_school_id')),
  }),
  checks: [schoolCodeCheck('school_id'), schoolCodeCheck('partner_school_id')],
  uniqueKey: ['year', 'school_id'],
};

/** Grading scales: primary score → mark boundaries per (procedure, year, subject, grade). */
export const canonicalGradingScales: Layout = {
  id: 'canonical-grading-scales',
  title: 'Шкалы перевода баллов в отметки (шаблон Ориентира)',
  target: 'grading_scales',
  needs: [],
  fields: [
    f('procedure', 'процедура', [], 'procedure'),
    f('year', 'год', [], 'year'),
    f('subject', 'предмет', [], 'subject'),
    f('grade', 'параллель', ['класс'], 'grade'),
    f('max_score', 'максимальный балл', [], 'number', false, { min: 1, max: 1000 }),
    f('min_score_3', 'минимум на «3»', [], 'number', true, { min: 0, max: 1000 }),
    f('min_score_4', 'минимум на «4»', [], 'number', true, { min: 0, max: 1000 }),
    f('min_score_5', 'минимум на «5»', [], 'number', true, { min: 0, max: 1000 }),
  ],
  select: () => ({
    procedure: `upper(${text('procedure')})`,
    year: int('year'),
    subject: SUBJECT,
    grade: int('grade'),
    max_score: num('max_score'),
    min_score_3: num('min_score_3'),
    min_score_4: num('min_score_4'),
    min_score_5: num('min_score_5'),
    source: `'file'`,
  }),
  checks: [
    {
      when: `NOT (${num('min_score_3')} < ${num('min_score_4')} AND ${num('min_score_4')} < ${num('min_score_5')} AND ${num('min_score_5')} <= COALESCE(${num('max_score')}, 1e9))`,
      column: 'min_score_3',
      value: 'min_score_3',
      expected: 'границы по возрастанию: «3» < «4» < «5» ≤ максимального балла',
    },
  ],
  uniqueKey: ['procedure', 'year', 'subject', 'grade'],
};
