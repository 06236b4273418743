/**
 * View `monitoring_rules(direction_rule, school_rule, require_confirmed, today)` as migration v9
 * defines it: the same one row as v4's (src/core/sql/migration-v4-monitoring.ts) — each setting of
 * `monitoring_settings` lower-cased and trimmed, the default when its key is missing or its value
 * empty (NULL) — but read in one aggregate pass. v4 read each key with a scalar subquery, and the
 * «500+» views join this view three times over, so DuckDB planned twelve subqueries for every
 * monitoring query («Обзор»'s tile spent most of its time there). `key` is the table's primary key,
 * so max() over the key's one row is that row's value.
 */
export const MONITORING_RULES_VIEW = `
CREATE OR REPLACE VIEW monitoring_rules AS
SELECT
  COALESCE(max(lower(trim(value))) FILTER (WHERE key = 'direction_rule'), 'all') AS direction_rule,
  COALESCE(max(lower(trim(value))) FILTER (WHERE key = 'school_rule'), 'all') AS school_rule,
  COALESCE(bool_or(lower(trim(value)) IN ('true', '1', 'да', 'yes')) FILTER (WHERE key = 'require_confirmed'), true) AS require_confirmed,
  COALESCE(max(TRY_CAST(value AS DATE)) FILTER (WHERE key = 'today'), current_timestamp::TIMESTAMP::DATE) AS today
FROM monitoring_settings;
`;
