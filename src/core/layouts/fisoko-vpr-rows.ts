import { schoolIdSql } from '../school-id.ts';
import { sqlString } from '../text.ts';
import { markFromScale } from './canonical.ts';
import { mark, num, text } from './sql-expr.ts';
import type { Layout } from './types.ts';

/** Absent: «отсутствовал» as the variant, or no total score at all (the work was not written). */
const ABSENT = `(lower(${text('variant')}) LIKE 'отсутств%' OR ${text('primary_score')} IS NULL)`;

/**
 * How the ФИС ОКО raw ВПР exports (2020 and 2021 layouts) become `student_results` rows: they
 * share the fields login, student_code, journal_mark, class, variant, primary_score; year, subject
 * and grade come from outside the rows; the mark comes from the grading scale. `variantColumn` is
 * the variant column's name as users see it, for messages.
 */
export function fisOkoVprRows(variantColumn: string): Pick<Layout, 'target' | 'needs' | 'select' | 'checks' | 'uniqueKey'> {
  return {
    target: 'student_results',
    needs: ['year', 'subject', 'grade'],
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
        expected: `целое число баллов (или «отсутствовал» в столбце ${variantColumn})`,
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
}
