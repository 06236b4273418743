import { COHORT_CHANGE_VIEW } from './analytics/cohort-change.ts';
import { COHORT_FLOW_VIEW } from './analytics/cohort-flow.ts';
import { GROUP_COMPARISON_VIEWS } from './analytics/comparisons.ts';
import { BOUNDARY_PEAKS_VIEW, JOURNAL_COMPARISON_VIEW, SCORE_HISTOGRAM_VIEW } from './analytics/evidence.ts';
import { GOAL_PROGRESS_VIEW, GOAL_SUMMARY_VIEW, GOALS_TABLE } from './analytics/goals.ts';
import { INFLATED_MEAN_VIEW } from './analytics/inflated-mean.ts';
import { JOURNAL_MISMATCH_VIEW } from './analytics/journal-mismatch.ts';
import { OBJECTIVITY_AGREEMENT_VIEW, OBJECTIVITY_VIEWS } from './analytics/objectivity.ts';

/**
 * v3: the analytics core — all SQL views over the canonical tables (see each file in
 * src/core/sql/analytics/ for columns and method):
 * objectivity signs by the official method (`objectivity_inflated_mean`, `objectivity_journal_mismatch`,
 * `objectivity_cohort_change`, `objectivity_signs`, `objectivity_school_year`, `objectivity_index`,
 * `objectivity_agreement`), supporting evidence (`journal_comparison`, `score_histogram`,
 * `boundary_peaks`), goals (table `goals` with two seeded goals, `goal_progress`, `goal_summary`),
 * comparisons (`group_comparison`, `group_gap`) and cohorts (`cohort_flow`).
 */
export const V3_ANALYTICS = [
  INFLATED_MEAN_VIEW,
  JOURNAL_MISMATCH_VIEW,
  COHORT_CHANGE_VIEW,
  OBJECTIVITY_VIEWS,
  OBJECTIVITY_AGREEMENT_VIEW,
  JOURNAL_COMPARISON_VIEW,
  SCORE_HISTOGRAM_VIEW,
  BOUNDARY_PEAKS_VIEW,
  GOALS_TABLE,
  GOAL_PROGRESS_VIEW,
  GOAL_SUMMARY_VIEW,
  GROUP_COMPARISON_VIEWS,
  COHORT_FLOW_VIEW,
].join('\n');
