import { derivedTablesMigrationSql } from './derived.ts';
import { egeMetricsSelect } from './migration-v6-ege.ts';

/**
 * v7: materialised analytics (src/core/sql/derived.ts). The views of v3 that read
 * `student_results` — `objectivity_inflated_mean`, `objectivity_journal_mismatch`,
 * `objectivity_cohort_change`, `journal_comparison`, `score_histogram`, `boundary_peaks` — become
 * tables with the same columns, each computed by the view `<name>_compute`. New tables:
 * `cohort_school_scores` (per-school S of the cohort sign), `ege_test_scores` (ЕГЭ test scores
 * counted per school and score) and the overview roll-up `slice_results`
 * (src/core/sql/slice-results.ts). `ege_metrics` stays a view, now over `ege_test_scores`, so its
 * thresholds follow the settings the moment they change. The views over the tables
 * (`objectivity_signs`, `objectivity_index`, …) keep their names and definitions. Every change of
 * the data refreshes the tables in its own transaction (refreshDerivedStatements).
 */
export const V7_DERIVED = `${derivedTablesMigrationSql()}

DROP VIEW ege_metrics;
CREATE VIEW ege_metrics AS
${egeMetricsSelect('ege_test_scores')};
`;
