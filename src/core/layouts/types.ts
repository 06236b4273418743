/** Canonical tables an import can write to. */
export type ImportTarget =
  | 'student_results'
  | 'school_results'
  | 'schools'
  | 'school_categories'
  | 'grading_scales'
  | 'objectivity_lists'
  | 'risk_profiles'
  | 'risk_indicators'
  | 'roadmap_events'
  /** Rows of school_results filled from an aggregated report: a file's non-empty values replace, empty ones keep (see merge.ts). */
  | 'school_results_report'
  | 'score_distribution'
  | 'school_context';

/** How a field's text is read and checked. */
export type FieldType =
  | 'text'
  | 'code'
  | 'integer'
  | 'number'
  | 'mark'
  | 'journalMark'
  | 'flag'
  | 'year'
  | 'grade'
  | 'procedure'
  | 'subject';

/** One column a layout knows: its canonical field, the header spellings it accepts, its type. */
export interface FieldSpec {
  field: string;
  /** Russian name shown in messages. */
  label: string;
  /** Header spellings (normalised with normalizeLabel before matching). */
  aliases: readonly string[];
  required: boolean;
  /** A required column whose cells may be empty (e.g. the mark of an absent participant). */
  allowEmpty?: boolean;
  type: FieldType;
  /** Inclusive bounds for numbers. */
  min?: number;
  max?: number;
  /**
   * One of a run of like columns a header has as many of as it needs (score columns 2…100 of a
   * histogram, subject groups 2…24 of a РЦОИ table): when absent it does not lower the match score.
   */
  repeat?: boolean;
}

/** Values a file does not carry in its rows (year, subject, grade, procedure) found elsewhere. */
export interface ImportContext {
  year?: number;
  procedure?: string;
  subject?: string;
  grade?: number;
}

/**
 * A known file layout: how to recognise its header and how its rows become canonical rows.
 * `select` returns the SQL select list over the cleaned source view `src` (one text column per
 * field, NULL for empty cells); helpers in sql-expr.ts turn text into typed values.
 */
export interface Layout {
  id: string;
  /** Russian name of the format, shown to users and stored in `imports.format`. */
  title: string;
  target: ImportTarget;
  fields: readonly FieldSpec[];
  /** Context values this layout needs from outside its rows. */
  needs: ReadonlyArray<keyof ImportContext>;
  /**
   * Field → SQL expression over `src` producing each column of the target table (except import_id).
   * `header` is the recognised header row's cells, for layouts whose header carries data (task
   * maxima in «1 (2б)»); the importer may not pass it, so a layout must work without it. Keys
   * beyond the target's columns are allowed: results layouts may add `school_login`,
   * `school_name`, `municipality` to describe the schools they create (see mergeStatements).
   */
  select(ctx: Required<ImportContext>, header?: readonly string[]): Record<string, string>;
  /** Extra row checks beyond field types (SQL boolean over `src` + message), e.g. score ≤ max. */
  checks?: ReadonlyArray<{ when: string; column: string; value: string; expected: string }>;
  /**
   * Row checks that depend on the recognised header (e.g. a score over the task maxima written in
   * it), run after `checks`; `header` as for `select`.
   */
  headerChecks?(header?: readonly string[]): ReadonlyArray<{ when: string; column: string; value: string; expected: string }>;
  /** The columns that make a row unique within the file (duplicate rows are an error). */
  uniqueKey?: readonly string[];
  /**
   * A two-row merged header (ФИС ОКО reports, РЦОИ tables): each header cell is also read together
   * with the cell above it (filled forward across the row, as a merge would be), as
   * `«above» / «cell»` (or the one that is non-empty, or the cell when both are equal). Aliases may
   * use either form, and `select` receives the combined cells (see recognise.ts `combineHeader`).
   */
  twoRowHeader?: boolean;
  /** Header cells whose presence rules this layout out (the score histogram's «0», «1» for the marks report). */
  rejects?: readonly string[];
}
