import { schoolIdSql } from '../school-id.ts';
import { sqlString } from '../text.ts';
import { markFromScale } from './canonical.ts';
import { num, text } from './sql-expr.ts';
import type { Layout } from './types.ts';

/**
 * РЦОИ protocol of a ГИА exam, one row per participant: title rows («Протокол результатов ЕГЭ
 * 2024», «Предмет: Математика профильная»), then `Код ОО | Класс | Код участника | Вариант |
 * Первичный балл | Балл` (names and document numbers, if the protocol has them, are not read).
 * Into `student_results`: procedure and year from the title, subject from «Предмет:» (or given),
 * grade 11 for ЕГЭ and 9 for ОГЭ (else the number of «Класс»). «Балл» is the test score for ЕГЭ
 * (0–100; «Математика базовая»: the mark) and the mark for ОГЭ; a missing ОГЭ mark comes from the
 * grading scale.
 */
export const rcoiStudentProtocol: Layout = {
  id: 'rcoi-student-protocol',
  title: 'РЦОИ: протокол результатов ГИА по участникам',
  target: 'student_results',
  needs: ['year', 'procedure', 'subject'],
  fields: [
    { field: 'code', label: 'Код ОО', aliases: ['код ОО'], type: 'code', required: true },
    { field: 'class', label: 'Класс', aliases: ['класс'], type: 'text', required: false },
    { field: 'student_code', label: 'Код участника', aliases: ['код участника', 'код работы'], type: 'code', required: true },
    { field: 'variant', label: 'Вариант', aliases: ['вариант'], type: 'text', required: false },
    { field: 'primary_score', label: 'Первичный балл', aliases: ['первичный балл'], type: 'number', required: true, min: 0, max: 100 },
    { field: 'score', label: 'Балл', aliases: ['балл', 'тестовый балл', 'отметка', 'балл (отметка)', 'отметка (балл)'], type: 'number', required: true, min: 0, max: 100 },
  ],
  select: (ctx) => {
    const marks = ctx.procedure !== 'ЕГЭ' || ctx.subject === 'Математика базовая';
    const grade = ctx.grade > 0 ? String(ctx.grade) : ctx.procedure === 'ЕГЭ' ? '11' : ctx.procedure === 'ОГЭ' ? '9' : `TRY_CAST(regexp_extract(${text('class')}, '^\\s*([0-9]{1,2})', 1) AS INTEGER)`;
    const score = num('score');
    return {
      year: `${ctx.year}::INTEGER`,
      procedure: sqlString(ctx.procedure),
      subject: sqlString(ctx.subject),
      grade,
      school_id: schoolIdSql(text('code')),
      class: `lower(${text('class')})`,
      student_code: text('student_code'),
      variant: text('variant'),
      primary_score: num('primary_score'),
      max_score: 'scale.max_score',
      mark: marks ? `COALESCE(CASE WHEN ${score} IN (2, 3, 4, 5) THEN CAST(${score} AS TINYINT) END, ${markFromScale(num('primary_score'))})` : 'NULL::TINYINT',
      journal_mark: 'NULL::TINYINT',
      test_score: marks ? 'NULL::DOUBLE' : score,
      absent: 'false',
    };
  },
  checks: [
    {
      when: `${schoolIdSql(text('code'))} IS NULL`,
      column: 'code',
      value: 'code',
      expected: 'код ОО с цифрами',
    },
  ],
  uniqueKey: ['code', 'student_code'],
};
