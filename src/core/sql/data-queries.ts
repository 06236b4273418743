/** One import as the «Данные» page lists it. */
export interface ImportRow {
  id: number;
  file_name: string;
  format: string;
  rows: number;
  imported_at: string;
  status: string;
}

/** Every import, newest first, with its date as text (UTC). */
export function importsSql(): string {
  return `SELECT id, file_name, format, rows, strftime(imported_at, '%d.%m.%Y %H:%M') AS imported_at, status
FROM imports ORDER BY id DESC`;
}

/** What is loaded: per procedure and year, the subjects, grades, schools and student rows. */
export function loadedSql(): string {
  return `SELECT procedure, year,
  string_agg(DISTINCT subject, ', ' ORDER BY subject) AS subjects,
  array_to_string(list_sort(list(DISTINCT grade)), ', ') AS grades,
  count(DISTINCT school_id)::INTEGER AS schools,
  sum(participants)::INTEGER AS participants
FROM school_results GROUP BY procedure, year ORDER BY procedure, year`;
}
