import { groupComparisonViews } from './analytics/comparisons.ts';
import { goalProgressView, goalSummaryView } from './analytics/goals.ts';

/**
 * v9: the «Обзор» tiles' views read the roll-up `school_year_marks` (a derived table, see
 * src/core/sql/derived.ts) instead of every `school_results` row: `group_comparison` /
 * `group_gap` and `goal_progress` / `goal_summary` are recreated with the same columns and the same
 * numbers (test/sql/rollup-views.test.ts compares them with the v8 definitions).
 */
export const V9_ROLLUP_VIEWS = [
  'DROP VIEW goal_summary;',
  'DROP VIEW goal_progress;',
  'DROP VIEW group_gap;',
  'DROP VIEW group_comparison;',
  goalProgressView(true, true),
  goalSummaryView(true),
  groupComparisonViews(true, true),
].join('\n');
