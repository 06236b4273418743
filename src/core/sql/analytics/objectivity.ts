const COLUMNS = `year, school_id, procedure, subject, grade, sign, flagged, n, value, reference_low, reference_high,
  school_low, school_high, detail, explanation`;

/**
 * Views over the three sign views (inflated-mean.ts, journal-mismatch.ts, cohort-change.ts):
 *
 * - `objectivity_signs` — one row per evaluated (school, year, procedure, subject, grade, sign):
 *   `year, school_id, procedure, subject, grade, sign, flagged, n, value, reference_low,
 *   reference_high, school_low, school_high, detail, explanation`.
 * - `objectivity_school_year(year, school_id, signs_flagged, flagged, signs_evaluated)` — a
 *   school-year is flagged when any of its signs is.
 * - `objectivity_index(year, municipality, schools, flagged, index)` — index = 100 − 100·flagged/schools
 *   over schools with at least one evaluated sign that year in that municipality (from `schools`;
 *   NULL municipality stays a group of its own).
 */
export const OBJECTIVITY_VIEWS = `
CREATE VIEW objectivity_signs AS
SELECT ${COLUMNS} FROM objectivity_inflated_mean
UNION ALL SELECT ${COLUMNS} FROM objectivity_journal_mismatch
UNION ALL SELECT ${COLUMNS} FROM objectivity_cohort_change;

CREATE VIEW objectivity_school_year AS
SELECT year, school_id, (count(*) FILTER (WHERE flagged))::INTEGER AS signs_flagged, bool_or(flagged) AS flagged,
  count(*)::INTEGER AS signs_evaluated
FROM objectivity_signs
GROUP BY year, school_id;

CREATE VIEW objectivity_index AS
SELECT o.year, s.municipality, count(*)::INTEGER AS schools, (count(*) FILTER (WHERE o.flagged))::INTEGER AS flagged,
  100 - 100.0 * count(*) FILTER (WHERE o.flagged) / count(*) AS index
FROM objectivity_school_year o
LEFT JOIN (SELECT school_id, any_value(municipality) AS municipality FROM schools GROUP BY school_id) s USING (school_id)
GROUP BY o.year, s.municipality;
`;

/**
 * View `objectivity_agreement(year, school_id, on_official_list, flagged_by_us, official_markers,
 * flagged_vpr_by_us)` — the official ФИОКО lists (`objectivity_lists`, v2) beside our signs, for every
 * (year, school) present in either. `on_official_list` is NULL when no list of that year is loaded;
 * `flagged_by_us` is NULL when we evaluated no sign of that school-year. `official_markers` = how
 * many of 4 РУ / 4 МА / 5 РУ / 5 МА the list sets; `flagged_vpr_by_us` = flagged by a sign on ВПР
 * grades 4–5 (the lists' scope). A list of year Y is compared with our signs of year Y.
 */
export const OBJECTIVITY_AGREEMENT_VIEW = `
CREATE VIEW objectivity_agreement AS
WITH ours AS (
  SELECT year, school_id, bool_or(flagged) AS flagged, bool_or(flagged AND procedure = 'ВПР') AS flagged_vpr
  FROM objectivity_signs GROUP BY year, school_id
), listed AS (
  SELECT year, school_id, markers FROM objectivity_list_schools
), list_years AS (
  SELECT DISTINCT year FROM objectivity_lists
)
SELECT COALESCE(o.year, l.year) AS year, COALESCE(o.school_id, l.school_id) AS school_id,
  CASE WHEN l.school_id IS NOT NULL THEN true WHEN COALESCE(o.year, l.year) IN (SELECT year FROM list_years) THEN false END AS on_official_list,
  o.flagged AS flagged_by_us, l.markers AS official_markers, o.flagged_vpr AS flagged_vpr_by_us
FROM ours o FULL OUTER JOIN listed l ON o.year = l.year AND o.school_id = l.school_id;
`;
