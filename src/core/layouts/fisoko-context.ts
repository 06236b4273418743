import { schoolIdSql } from '../school-id.ts';
import { num, text } from './sql-expr.ts';
import type { FieldSpec, Layout } from './types.ts';

const int = (field: string) => `CAST(round(${num(field)}) AS INTEGER)`;
const count = (field: string, label: string, aliases: string[], required = false): FieldSpec => ({
  field,
  label,
  aliases,
  type: 'integer',
  required,
  min: 0,
  max: 100_000,
});

/** 'город' / 'село' from the settlement cell; NULL when it is neither. */
const SETTLEMENT = `CASE
  WHEN regexp_matches(lower(${text('settlement')}), '(сел|деревн|аул|станиц|хутор)') THEN 'село'
  WHEN regexp_matches(lower(${text('settlement')}), '(город|пгт|поселок городского|посёлок городского)') THEN 'город'
END`;

/**
 * ФИС ОКО «Сбор контекстных данных об ОО», one row per school: a title row («Сбор контекстных
 * данных об ОО. ВПР 2024» — the year comes from it or is given), then `Логин ОО | Наименование ОО
 * | Муниципалитет | Тип местности | Число обучающихся | Число педагогических работников | Число
 * обучающихся с ОВЗ | Число классов`. Into `school_context` (year, school): «Тип местности»
 * город / село (also «сельская местность», «пгт»…); numbers are counts. More students with ОВЗ
 * than students, or an unknown settlement type, are errors.
 */
export const fisOkoContext: Layout = {
  id: 'fisoko-context',
  title: 'ФИС ОКО: сбор контекстных данных об ОО',
  target: 'school_context',
  needs: ['year'],
  fields: [
    { field: 'login', label: 'Логин ОО', aliases: ['логин ОО', 'логин', 'логин школы'], type: 'code', required: true },
    { field: 'name', label: 'Наименование ОО', aliases: ['наименование ОО', 'полное наименование ОО', 'ОО'], type: 'text', required: false },
    { field: 'municipality', label: 'Муниципалитет', aliases: ['муниципалитет', 'муниципальное образование', 'АТЕ'], type: 'text', required: false },
    { field: 'settlement', label: 'Тип местности', aliases: ['тип местности', 'тип населенного пункта', 'расположение ОО (город/село)', 'местность'], type: 'text', required: false },
    count('students', 'Число обучающихся', ['число обучающихся', 'количество обучающихся', 'численность обучающихся'], true),
    count('teachers', 'Число педагогических работников', ['число педагогических работников', 'число педагогов', 'количество педагогических работников', 'количество педагогов'], true),
    count('students_ovz', 'Число обучающихся с ОВЗ', ['число обучающихся с ОВЗ', 'количество обучающихся с ОВЗ', 'обучающихся с ОВЗ']),
    count('classes', 'Число классов', ['число классов', 'количество классов', 'число классов-комплектов']),
  ],
  select: (ctx) => ({
    year: `${ctx.year}::INTEGER`,
    school_id: schoolIdSql(text('login')),
    settlement: SETTLEMENT,
    students: int('students'),
    teachers: int('teachers'),
    students_ovz: int('students_ovz'),
    classes: int('classes'),
    school_login: `lower(${text('login')})`,
    school_name: text('name'),
    municipality: text('municipality'),
  }),
  checks: [
    { when: `${schoolIdSql(text('login'))} IS NULL`, column: 'login', value: 'login', expected: 'логин ФИС ОКО с цифрами кода школы (sch224404)' },
    { when: `${text('settlement')} IS NOT NULL AND ${SETTLEMENT} IS NULL`, column: 'settlement', value: 'settlement', expected: 'город или село' },
    { when: `${num('students_ovz')} > ${num('students')}`, column: 'students_ovz', value: 'students_ovz', expected: 'обучающихся с ОВЗ не больше, чем всех обучающихся' },
  ],
  uniqueKey: ['login'],
};
