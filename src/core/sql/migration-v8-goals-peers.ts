import { groupComparisonViews } from './analytics/comparisons.ts';
import { GOAL_SCHOOL_TARGETS_TABLE, GOAL_SUMMARY_VIEW, goalProgressView } from './analytics/goals.ts';
import { PEER_COMPARISON_VIEW } from './analytics/peer-comparison.ts';

/**
 * v8: per-school goal targets, «высокие результаты» among the compared groups, and comparison with
 * schools of similar context (see src/core/sql/analytics/goals.ts, comparisons.ts,
 * peer-comparison.ts):
 * - table `goal_school_targets(goal_id, school_id, target)`; `goal_progress` takes the school's own
 *   target when set and says which (`target_source`), `goal_summary` follows it;
 * - `group_comparison` gains grp 'высокие результаты' (`group_gap` unchanged, recreated with it);
 * - view `peer_comparison`.
 */
export const V8_GOALS_PEERS = [
  'DROP VIEW goal_summary;',
  'DROP VIEW goal_progress;',
  'DROP VIEW group_gap;',
  'DROP VIEW group_comparison;',
  GOAL_SCHOOL_TARGETS_TABLE,
  goalProgressView(true),
  GOAL_SUMMARY_VIEW,
  groupComparisonViews(true),
  PEER_COMPARISON_VIEW,
].join('\n');
