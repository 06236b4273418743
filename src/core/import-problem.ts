/** One thing wrong with an input file, located as precisely as the file allows. */
export interface ImportProblem {
  file: string;
  sheet?: string;
  /** 1-based line (CSV) or row (sheet) number in the file as the user sees it. */
  row?: number;
  column?: string;
  value?: string;
  /** What was expected there, in Russian. */
  expected: string;
  /** How to fix it, in Russian. */
  hint?: string;
}

/** The outcome of a step that can fail in an expected way: a value, or the problems found. */
export type Result<T> = { ok: true; value: T } | { ok: false; problems: ImportProblem[]; more?: number };

/** At most this many problems are listed; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 50;

/** Formats a problem as one Russian sentence: file, sheet, row, column, value, expectation, hint. */
export function formatProblem(p: ImportProblem): string {
  const where = [
    `«${p.file}»`,
    p.sheet ? `лист «${p.sheet}»` : '',
    p.row !== undefined ? `строка ${p.row}` : '',
    p.column ? `столбец «${p.column}»` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const value = p.value !== undefined ? `: значение «${p.value}»` : '';
  const hint = p.hint ? ` ${p.hint}` : '';
  return `${where}${value} — ожидалось: ${p.expected}.${hint}`;
}

/** Formats a failed result: the listed problems and the count of the rest. */
export function formatProblems(problems: readonly ImportProblem[], more = 0): string {
  const lines = problems.map(formatProblem);
  if (more > 0) lines.push(`…и ещё ${more} ${plural(more, 'ошибка', 'ошибки', 'ошибок')}.`);
  return lines.join('\n');
}

/** Russian plural form for a count: 1 школа, 3 школы, 5 школ, 21 школа. */
export function plural(n: number, one: string, few: string, many: string): string {
  const abs = Math.abs(n) % 100;
  const last = abs % 10;
  if (abs >= 11 && abs <= 19) return many;
  if (last === 1) return one;
  if (last >= 2 && last <= 4) return few;
  return many;
}
