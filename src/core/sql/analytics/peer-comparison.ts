import { wilsonSql } from '../../stats.ts';
import { sqlString } from '../../text.ts';

/** Enrolment bands (school_context.students), upper bounds exclusive: до 100, 100–299, 300–699, 700 и более. */
export const ENROLMENT_BANDS = [100, 300, 700] as const;
/** Participant bands of the slice itself (school_results.participants) when enrolment is unknown: до 15, 15–29, 30–59, 60 и более. */
export const PARTICIPANT_BANDS = [15, 30, 60] as const;

function bandSql(expr: string, bounds: readonly number[]): string {
  return `CASE ${bounds.map((b, i) => `WHEN ${expr} < ${b} THEN ${i + 1}`).join(' ')} ELSE ${bounds.length + 1} END`;
}

function bandLabelSql(band: string, bounds: readonly number[], unit: string): string {
  const label = (i: number) =>
    i === 0 ? `до ${bounds[0]} ${unit}` : i === bounds.length ? `${bounds[i - 1]} и более ${unit}` : `${bounds[i - 1]}–${bounds[i]! - 1} ${unit}`;
  return `CASE ${band} ${[...bounds, 0].map((_, i) => `WHEN ${i + 1} THEN '${label(i)}'`).join(' ')} END`;
}

/**
 * View `peer_comparison(year, procedure, subject, grade, school_id, marked, quality_pct,
 * quality_low, quality_high, basis, size_band, sssu, settlement, peer_group, peer_schools,
 * peer_marked, peer_quality_pct, peer_low, peer_high, diff_pp, outside, position)` (migration v8) —
 * each school's quality in a slice (year, procedure, subject, grade) against the other schools of
 * the same slice in similar conditions, as far as the data tells them:
 * - size: the enrolment band of `school_context.students` (`basis` 'enrolment'; the context row of
 *   the same year, else the latest earlier one, else the earliest later one) or, with no context,
 *   the band of the slice's own participants (`basis` 'participants') — see ENROLMENT_BANDS and
 *   PARTICIPANT_BANDS; a school is compared only with schools described on the same basis;
 * - ШССУ (`school_categories.sssu` of that year; NULL — no category row — matches only NULL);
 * - location type (`school_context.settlement` 'город'/'село'; NULL matches only NULL).
 * `peer_group` says the definition in Russian words. Peers exclude the school itself; their
 * quality is pooled by counts with a 95 % Wilson interval (`peer_schools` schools, `peer_marked`
 * students; NULL quality when there are none). `diff_pp` = school − peers; `position` 'выше' /
 * 'ниже' when the school's own 95 % Wilson interval lies entirely above / below the peers'
 * interval (`outside` true), else 'в пределах'. Reads school_results, school_context and
 * school_categories only; rows without mark counts (ЕГЭ test scores) are left out.
 */
export const PEER_COMPARISON_VIEW = `
CREATE VIEW peer_comparison AS
${peerComparisonSql()};
`;

/**
 * The SELECT behind `peer_comparison`. With `only`, it reads just the slices that school has in
 * that year (the same rows the view gives for them, without grouping the whole region: the school
 * page asks for one school).
 */
export function peerComparisonSql(only?: { schoolId: string; year: number }): string {
  if (only && !Number.isInteger(only.year)) throw new Error(`Год должен быть целым числом: ${only.year}`);
  const restrict = only
    ? `AND sr.year = ${only.year} AND EXISTS (SELECT 1 FROM school_results m WHERE m.school_id = ${sqlString(only.schoolId)} AND m.year = ${only.year}
      AND m.procedure = sr.procedure AND m.subject = sr.subject AND m.grade = sr.grade)`
    : '';
  return `
WITH r AS (
  SELECT year, procedure, subject, grade, school_id, sum(participants) AS participants,
    sum(n4 + n5) AS good, sum(n2 + n3 + n4 + n5) AS marked
  FROM school_results sr WHERE n2 + n3 + n4 + n5 > 0 ${restrict}
  GROUP BY year, procedure, subject, grade, school_id
), ctx AS (
  SELECT y.year, y.school_id, c.students, c.settlement
  FROM (SELECT DISTINCT year, school_id FROM r) y
  JOIN school_context c ON c.school_id = y.school_id
  QUALIFY row_number() OVER (PARTITION BY y.year, y.school_id ORDER BY c.year > y.year, abs(c.year - y.year), c.students IS NULL) = 1
), cat AS (
  SELECT year, school_id, bool_or(sssu) AS sssu FROM school_categories GROUP BY year, school_id
), k AS (
  SELECT r.*, cat.sssu, ctx.settlement,
    CASE WHEN ctx.students IS NOT NULL THEN 'enrolment' ELSE 'participants' END AS basis,
    CASE WHEN ctx.students IS NOT NULL THEN ${bandSql('ctx.students', ENROLMENT_BANDS)} ELSE ${bandSql('r.participants', PARTICIPANT_BANDS)} END AS band
  FROM r
  LEFT JOIN ctx ON ctx.year = r.year AND ctx.school_id = r.school_id
  LEFT JOIN cat ON cat.year = r.year AND cat.school_id = r.school_id
), keyed AS (
  SELECT *, COALESCE(sssu::VARCHAR, '?') AS sssu_key, COALESCE(settlement, '?') AS settlement_key FROM k
), g AS (
  SELECT year, procedure, subject, grade, basis, band, sssu_key, settlement_key,
    count(*) AS schools, sum(good) AS good, sum(marked) AS marked
  FROM keyed GROUP BY ALL
), p AS (
  SELECT s.year, s.procedure, s.subject, s.grade, s.school_id, s.marked, s.good, s.basis, s.band, s.sssu, s.settlement,
    (g.schools - 1)::INTEGER AS peer_schools, (g.marked - s.marked) AS peer_marked, (g.good - s.good) AS peer_good
  FROM keyed s
  JOIN g USING (year, procedure, subject, grade, basis, band, sssu_key, settlement_key)
), w AS (
  SELECT *, 100.0 * good / marked AS quality_pct, ${wilsonSql('good', 'marked', 'quality')},
    CASE WHEN peer_marked > 0 THEN 100.0 * peer_good / peer_marked END AS peer_quality_pct,
    ${wilsonSql('peer_good', 'peer_marked', 'peer')}
  FROM p
)
SELECT year, procedure, subject, grade, school_id, marked::INTEGER AS marked, quality_pct, quality_low, quality_high, basis,
  CASE basis WHEN 'enrolment' THEN ${bandLabelSql('band', ENROLMENT_BANDS, 'обучающихся')}
    ELSE ${bandLabelSql('band', PARTICIPANT_BANDS, 'участников')} END AS size_band,
  sssu, settlement,
  CASE basis WHEN 'enrolment' THEN 'школы того же размера (' || ${bandLabelSql('band', ENROLMENT_BANDS, 'обучающихся')}
    ELSE 'школы с тем же числом участников работы (' || ${bandLabelSql('band', PARTICIPANT_BANDS, 'участников')} END
    || ')'
    || ', ' || CASE sssu WHEN true THEN 'ШССУ' WHEN false THEN 'не ШССУ' ELSE 'категория ШССУ не загружена' END
    || CASE settlement WHEN 'город' THEN ', городские' WHEN 'село' THEN ', сельские' ELSE '' END AS peer_group,
  peer_schools, peer_marked::INTEGER AS peer_marked, peer_quality_pct, peer_low, peer_high,
  quality_pct - peer_quality_pct AS diff_pp,
  CASE WHEN peer_marked > 0 THEN quality_low > peer_high OR quality_high < peer_low END AS outside,
  CASE WHEN NOT peer_marked > 0 THEN NULL WHEN quality_low > peer_high THEN 'выше' WHEN quality_high < peer_low THEN 'ниже' ELSE 'в пределах' END AS position
FROM w`;
}
