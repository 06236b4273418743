/**
 * v5: tables filled by aggregated reports (src/core/layouts/fisoko-score-distribution.ts,
 * fisoko-context.ts).
 *
 * - `score_distribution(year, procedure, subject, grade, school_id, primary_score, students,
 *   import_id)` — a school's primary-score histogram from the ФИС ОКО report «Распределение
 *   первичных баллов»: `students` is a count (rebuilt as round(% × participants / 100) when the
 *   report gives percentages). A new report replaces all rows of its (year, procedure, subject,
 *   grade, school).
 * - `school_context(year, school_id, settlement, students, teachers, students_ovz, classes,
 *   import_id)` — ФИС ОКО «Сбор контекстных данных об ОО»: `settlement` 'город' | 'село' (NULL when
 *   not given), counts of students, teachers, students with ОВЗ and classes. A new file replaces
 *   the (year, school) row.
 */
export const V5_REPORTS = `
CREATE TABLE score_distribution (
  year INTEGER NOT NULL,
  procedure VARCHAR NOT NULL,
  subject VARCHAR NOT NULL,
  grade INTEGER NOT NULL,
  school_id VARCHAR NOT NULL,
  primary_score INTEGER NOT NULL,
  students INTEGER NOT NULL,
  import_id INTEGER
);

CREATE TABLE school_context (
  year INTEGER NOT NULL,
  school_id VARCHAR NOT NULL,
  settlement VARCHAR,
  students INTEGER,
  teachers INTEGER,
  students_ovz INTEGER,
  classes INTEGER,
  import_id INTEGER
);
`;
