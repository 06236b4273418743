import { schoolIdSql } from '../school-id.ts';
import { sqlString } from '../text.ts';
import { num, text } from './sql-expr.ts';
import type { FieldSpec, ImportContext } from './types.ts';

/**
 * Shared parts of the aggregated ФИС ОКО reports («Статистика по отметкам», «Сравнение отметок с
 * отметками по журналу», «Распределение первичных баллов»). Their rows are a hierarchy in the
 * first column «Группы участников»: «Вся выборка», the region, then each municipality followed by
 * its schools. A school row carries the login and the name in that one cell —
 * `sch224404 МБОУ «СОШ № 1»` (also `edu224404 …`, `(sch224404) …`, `sch224404 | …`); every other row
 * is a hierarchy row, skipped (not an error). A school's municipality is the nearest hierarchy row
 * above it (the region row is always followed by a municipality row, never by a school).
 */
export const GROUP: FieldSpec = { field: 'group', label: 'Группы участников', aliases: ['группы участников', 'группа участников'], type: 'text', required: true };
export const OO_COUNT: FieldSpec = { field: 'oo_count', label: 'Кол-во ОО', aliases: ['кол-во оо', 'количество оо'], type: 'integer', required: false };
export const PARTICIPANTS: FieldSpec = {
  field: 'participants',
  label: 'Кол-во участников',
  aliases: ['кол-во участников', 'количество участников'],
  type: 'integer',
  required: true,
};

/** The login at the start of a school row's cell, NULL for hierarchy rows. */
export const SCHOOL_LOGIN = `NULLIF(regexp_extract(lower(${text('group')}), '^\\(?\\s*((?:sch|edu)[0-9]{3,})', 1), '')`;
/** True for school rows. */
export const IS_SCHOOL = `(${SCHOOL_LOGIN} IS NOT NULL)`;
const SCHOOL_NAME = `NULLIF(trim(regexp_replace(${text('group')}, '^\\(?\\s*(?:[Ss][Cc][Hh]|[Ee][Dd][Uu])[0-9]+\\s*\\)?\\s*[|:]?\\s*', '')), '')`;
/** The nearest hierarchy row above (not «Вся выборка»): the municipality of a school row. */
const MUNICIPALITY = `last_value(CASE WHEN NOT ${IS_SCHOOL} AND lower(${text('group')}) <> 'вся выборка' THEN ${text('group')} END IGNORE NULLS) OVER (ORDER BY src._line)`;

/** The participants count as an integer. */
export const participantsSql = `CAST(round(${num('participants')}) AS INTEGER)`;

/** A count rebuilt from a percentage of the participants: round(% × participants / 100). */
export function countFromPct(field: string, participants = participantsSql): string {
  return `CAST(round(${num(field)} * ${participants} / 100) AS INTEGER)`;
}

/** Slice columns from the context, school id and the school's description for the import. */
export function hierarchySelect(ctx: Required<ImportContext>): Record<string, string> {
  return {
    year: `${ctx.year}::INTEGER`,
    procedure: sqlString(ctx.procedure),
    subject: sqlString(ctx.subject),
    grade: `${ctx.grade}::INTEGER`,
    school_id: `CASE WHEN ${IS_SCHOOL} THEN ${schoolIdSql(SCHOOL_LOGIN)} END`,
    school_login: SCHOOL_LOGIN,
    school_name: `CASE WHEN ${IS_SCHOOL} THEN ${SCHOOL_NAME} END`,
    municipality: `CASE WHEN ${IS_SCHOOL} THEN ${MUNICIPALITY} END`,
  };
}

/** A school row repeated in one file (an error, like any duplicate). */
export const DUPLICATE_SCHOOL = {
  when: `${IS_SCHOOL} AND ${SCHOOL_LOGIN} IN (SELECT ${SCHOOL_LOGIN} FROM src GROUP BY 1 HAVING count(*) > 1)`,
  column: 'group',
  value: 'group',
  expected: 'школа встречается в отчёте один раз',
};

/** Sum of fields read as numbers, empty cells as 0. */
export function sumSql(fields: readonly string[]): string {
  return fields.map((f) => `COALESCE(${num(f)}, 0)`).join(' + ');
}

/** Columns of school_results a report does not give: typed NULLs. */
export const NO_VALUE = {
  int: 'NULL::INTEGER',
  dbl: 'NULL::DOUBLE',
};
