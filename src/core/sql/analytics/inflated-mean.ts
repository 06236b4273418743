import { studentRowsSql } from './slice-filter.ts';
import { jsonNumberSql, OGE_RU_MA, PRESENT_SCORED, ruNumberSql, VPR_4_5_RU_MA, Z95 } from './sql-text.ts';

const f1 = (e: string) => ruNumberSql(e, 1);
const MEAN = 's1 / m';
const SD = 'CASE WHEN m >= 2 THEN sqrt(greatest(m * s2 - s1 * s1, 0) / (m * (m - 1.0))) END';

/**
 * View `objectivity_inflated_mean` — official sign 1 (DOMAIN.md §4): the school's 95 % CI of the mean
 * primary score x̄ ± 1.96·s/√m (present participants with a score, sample s, m ≥ 2) lies entirely
 * above the CI of all loaded rows of the same (year, procedure, subject, grade) — the region when a
 * region is loaded, D's own rows included. ВПР Русский язык/Математика 4–5 and ОГЭ Русский язык/Математика.
 * `value` = school mean, `reference_low/high` = reference CI, `school_low/high` = the school's CI;
 * `detail` = JSON text with both means, CIs and sds.
 */
export const INFLATED_MEAN_VIEW = `
CREATE VIEW objectivity_inflated_mean AS
${inflatedMeanSelect()};
`;

/**
 * The SELECT of `objectivity_inflated_mean`; with `slices` (a relation of year, procedure, subject,
 * grade) only those slices are computed — the reference CI is per slice, so a slice's rows are whole.
 * Means and sds come from the sums m, Σx, Σx² — exact for the whole and half scores of the
 * forms, so a slice refreshed alone gives the very same digits as the whole computation (avg and
 * stddev_samp add in row order, which differs between the two).
 */
export function inflatedMeanSelect(slices?: string): string {
  return `WITH scored AS (
  SELECT year, procedure, subject, grade, school_id, primary_score AS x
  FROM ${studentRowsSql('student_results', slices)}
  WHERE ${PRESENT_SCORED} AND (${VPR_4_5_RU_MA} OR ${OGE_RU_MA})
), sums AS (
  SELECT year, procedure, subject, grade, school_id, count(*) AS m, sum(x) AS s1, sum(x * x) AS s2
  FROM scored GROUP BY year, procedure, subject, grade, school_id
), school AS (
  SELECT year, procedure, subject, grade, school_id, m, ${MEAN} AS mean, ${SD} AS sd FROM sums WHERE m >= 2
), ref AS (
  SELECT year, procedure, subject, grade, m, ${MEAN} AS mean, ${SD} AS sd
  FROM (SELECT year, procedure, subject, grade, sum(m) AS m, sum(s1) AS s1, sum(s2) AS s2 FROM sums GROUP BY year, procedure, subject, grade)
), ci AS (
  SELECT s.year, s.school_id, s.procedure, s.subject, s.grade, s.m, s.mean, s.sd,
    s.mean - ${Z95} * s.sd / sqrt(s.m) AS school_low, s.mean + ${Z95} * s.sd / sqrt(s.m) AS school_high,
    r.mean AS ref_mean, r.sd AS ref_sd, r.m AS ref_m,
    r.mean - ${Z95} * r.sd / sqrt(r.m) AS reference_low, r.mean + ${Z95} * r.sd / sqrt(r.m) AS reference_high
  FROM school s JOIN ref r USING (year, procedure, subject, grade)
  WHERE r.m >= 2
)
SELECT year, school_id, procedure, subject, grade, 'inflated_mean' AS sign,
  school_low > reference_high AS flagged, m::INTEGER AS n, mean AS value, reference_low, reference_high,
  school_low, school_high,
  printf('{"school_mean":%s,"school_sd":%s,"school_low":%s,"school_high":%s,"reference_mean":%s,"reference_sd":%s,"reference_n":%d}',
    ${['mean', 'sd', 'school_low', 'school_high', 'ref_mean', 'ref_sd'].map(jsonNumberSql).join(', ')}, ref_m) AS detail,
  'Средний балл школы ' || ${f1('mean')} || ' (95 % ДИ ' || ${f1('school_low')} || '–' || ${f1('school_high')} || ', n = ' || m || ') '
    || CASE WHEN school_low > reference_high THEN 'выше, чем у всех загруженных школ: '
            ELSE 'не выше целиком, чем у всех загруженных школ: ' END
    || ${f1('ref_mean')} || ' (' || ${f1('reference_low')} || '–' || ${f1('reference_high')} || ')' AS explanation
FROM ci`;
}
