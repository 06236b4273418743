import { studentRowsSql } from './analytics/slice-filter.ts';

/**
 * v6: ЕГЭ metrics (DOMAIN.md §2–3).
 *
 * - `ege_minimums(subject, purpose, min_score)` — minimum test scores, editable reference data
 *   (unchanged 2024–2026): Русский язык has two, 24 for the attestat ('аттестат') and 36 for
 *   university ('вуз'); every other subject one ('вуз'). Математика базовая has a mark, not a score.
 * - `analytics_settings(key, value)` — `high_band_low` / `high_band_high` (high scorers, default
 *   81–100: some regional tables use 80–99 and 100, so it is a setting) and `russian_minimum`
 *   ('вуз' by default, or 'аттестат') — which Russian threshold `below_min` uses.
 * - `ege_metrics(year, subject, school_id, participants, mean_test_score, below_min, below_min_pct,
 *   below_24, below_36, high_scorers, high_scorers_pct, fipi_below_min, fipi_min_60, fipi_61_80,
 *   fipi_81_100, min_score, source)` — per school from student test scores ('student_results'):
 *   the ФИПИ preparation groups are below the minimum / minimum–60 / 61–80 / 81–100; from
 *   school-level files ('school_results') only what they carry (participants, mean, below_min,
 *   high scorers as the file counts them; `min_score` NULL, the file's threshold being unknown).
 *   Rows with `school_id` NULL pool all loaded schools.
 */
export const V6_EGE = `
CREATE TABLE ege_minimums (subject VARCHAR NOT NULL, purpose VARCHAR NOT NULL, min_score DOUBLE NOT NULL);
INSERT INTO ege_minimums VALUES
  ('Русский язык', 'аттестат', 24), ('Русский язык', 'вуз', 36), ('Математика профильная', 'вуз', 27),
  ('Физика', 'вуз', 36), ('Химия', 'вуз', 36), ('Биология', 'вуз', 36), ('Информатика', 'вуз', 40),
  ('История', 'вуз', 32), ('Литература', 'вуз', 32), ('География', 'вуз', 37), ('Обществознание', 'вуз', 42),
  ('Английский язык', 'вуз', 22), ('Немецкий язык', 'вуз', 22), ('Французский язык', 'вуз', 22);

CREATE TABLE analytics_settings (key VARCHAR NOT NULL, value VARCHAR NOT NULL);
INSERT INTO analytics_settings VALUES ('high_band_low', '81'), ('high_band_high', '100'), ('russian_minimum', 'вуз');

CREATE VIEW ege_thresholds AS
SELECT m.subject, m.min_score
FROM ege_minimums m
WHERE m.purpose = CASE WHEN m.subject = 'Русский язык'
  THEN COALESCE((SELECT value FROM analytics_settings WHERE key = 'russian_minimum'), 'вуз') ELSE 'вуз' END;

CREATE VIEW ege_metrics AS
${egeMetricsSelect(`(${egeTestScoresSelect()})`)};
`;

/**
 * The SELECT of the ЕГЭ test-score counts `year, procedure, subject, grade, school_id, test_score,
 * students` (present participants with a test score); with `slices`, only those (year,
 * procedure, subject, grade).
 */
export function egeTestScoresSelect(slices?: string): string {
  return `SELECT year, procedure, subject, grade, school_id, test_score, count(*)::INTEGER AS students
  FROM ${studentRowsSql('student_results', slices)}
  WHERE procedure = 'ЕГЭ' AND NOT absent AND test_score IS NOT NULL
  GROUP BY year, procedure, subject, grade, school_id, test_score`;
}

/**
 * The SELECT of `ege_metrics` over a relation of ЕГЭ test-score counts (egeTestScoresSelect's
 * columns): the thresholds and the high-score band are read from the settings when it runs, so a
 * settings change shows at once.
 */
export function egeMetricsSelect(scores: string): string {
  return `WITH band AS (
  SELECT COALESCE(TRY_CAST((SELECT value FROM analytics_settings WHERE key = 'high_band_low') AS DOUBLE), 81) AS lo,
         COALESCE(TRY_CAST((SELECT value FROM analytics_settings WHERE key = 'high_band_high') AS DOUBLE), 100) AS hi
), students AS (
  SELECT s.year, s.subject, s.school_id, s.test_score, s.students AS c, t.min_score
  FROM ${scores} s LEFT JOIN ege_thresholds t USING (subject)
), from_students AS (
  SELECT year, subject, school_id,
    sum(c)::INTEGER AS participants,
    sum(test_score * c) / sum(c) AS mean_test_score,
    COALESCE(sum(c) FILTER (WHERE test_score < min_score), 0)::INTEGER AS below_min,
    COALESCE(sum(c) FILTER (WHERE test_score < 24), 0)::INTEGER AS below_24,
    COALESCE(sum(c) FILTER (WHERE test_score < 36), 0)::INTEGER AS below_36,
    COALESCE(sum(c) FILTER (WHERE test_score BETWEEN (SELECT lo FROM band) AND (SELECT hi FROM band)), 0)::INTEGER AS high_scorers,
    COALESCE(sum(c) FILTER (WHERE test_score < min_score), 0)::INTEGER AS fipi_below_min,
    COALESCE(sum(c) FILTER (WHERE test_score >= min_score AND test_score <= 60), 0)::INTEGER AS fipi_min_60,
    COALESCE(sum(c) FILTER (WHERE test_score > 60 AND test_score <= 80), 0)::INTEGER AS fipi_61_80,
    COALESCE(sum(c) FILTER (WHERE test_score > 80), 0)::INTEGER AS fipi_81_100,
    any_value(min_score) AS min_score
  FROM students GROUP BY GROUPING SETS ((year, subject, school_id), (year, subject))
), from_files AS (
  SELECT r.year, r.subject, r.school_id, r.participants, r.mean_score AS mean_test_score, r.below_min,
    NULL::INTEGER AS below_24, NULL::INTEGER AS below_36, r.high_scorers,
    NULL::INTEGER AS fipi_below_min, NULL::INTEGER AS fipi_min_60, NULL::INTEGER AS fipi_61_80, NULL::INTEGER AS fipi_81_100,
    -- a file counts «below the minimum» by its own threshold, which it does not state
    NULL::DOUBLE AS min_score
  FROM school_results r
  WHERE r.procedure = 'ЕГЭ' AND r.source <> 'student_results' AND r.n2 IS NULL
    AND NOT EXISTS (SELECT 1 FROM students s WHERE s.year = r.year AND s.subject = r.subject AND s.school_id = r.school_id)
)
SELECT year, subject, school_id, participants, mean_test_score, below_min,
  100.0 * below_min / NULLIF(participants, 0) AS below_min_pct, below_24, below_36, high_scorers,
  100.0 * high_scorers / NULLIF(participants, 0) AS high_scorers_pct,
  fipi_below_min, fipi_min_60, fipi_61_80, fipi_81_100, min_score, 'student_results' AS source
FROM from_students
UNION ALL
SELECT year, subject, school_id, participants, mean_test_score, below_min,
  100.0 * below_min / NULLIF(participants, 0), below_24, below_36, high_scorers,
  100.0 * high_scorers / NULLIF(participants, 0),
  fipi_below_min, fipi_min_60, fipi_61_80, fipi_81_100, min_score, 'school_results'
FROM from_files
UNION ALL
SELECT year, subject, NULL, sum(participants)::INTEGER, sum(mean_test_score * participants) / NULLIF(sum(participants), 0),
  sum(below_min)::INTEGER, 100.0 * sum(below_min) / NULLIF(sum(participants), 0), NULL, NULL, sum(high_scorers)::INTEGER,
  100.0 * sum(high_scorers) / NULLIF(sum(participants), 0), NULL, NULL, NULL, NULL, any_value(min_score), 'school_results'
FROM from_files
WHERE NOT EXISTS (SELECT 1 FROM students s WHERE s.year = from_files.year AND s.subject = from_files.subject)
GROUP BY year, subject`;
}
