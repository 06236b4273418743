import { groupComparisonViews } from './analytics/comparisons.ts';
import { goalProgressView, goalSummaryView } from './analytics/goals.ts';
import { MONITORING_RULES_VIEW } from './monitoring-rules.ts';

/**
 * v9: the views behind the «Обзор» tiles recreated with the same columns and the same numbers, but
 * cheap to plan and run at region scale (test/sql/overview-views.test.ts compares them with the
 * earlier definitions):
 * - `group_comparison` / `group_gap` and `goal_progress` / `goal_summary` read the roll-up
 *   `school_year_marks` (a derived table, src/core/sql/derived.ts) instead of every
 *   `school_results` row;
 * - `monitoring_rules` reads the settings in one pass instead of four scalar subqueries (the
 *   «500+» views join it three times, so its plan was most of the monitoring tile's time).
 */
export const V9_OVERVIEW_VIEWS = [
  'DROP VIEW goal_summary;',
  'DROP VIEW goal_progress;',
  'DROP VIEW group_gap;',
  'DROP VIEW group_comparison;',
  goalProgressView(true, true),
  goalSummaryView(true),
  groupComparisonViews(true, true),
  MONITORING_RULES_VIEW,
].join('\n');
