/**
 * Deadlines of roadmap events as coordinators write them: «март 2025», «01.06.2025»,
 * «до 01.06.2025», «II квартал 2025», «в течение 2025 года», «2024/2025 учебный год»,
 * «сентябрь – октябрь 2025». The deadline date is the **last day the text allows**.
 *
 * How a text is read (one rule table, used twice: `parseDeadline` in TypeScript and
 * `deadlineSql` in SQL for the importer, so both give the same date — the tests check it):
 * 1. The text is lower-cased, «ё» → «е», dashes → «-», runs of spaces → one space.
 * 2. The rules below run in order. Each finds all its mentions, turns each into a date, then
 *    blanks them out, so a later (coarser) rule never re-reads them: «март 2025» is a month, not
 *    the year 2025.
 *    - `dd.mm.yyyy` (or `dd.mm.yy` → 20yy) → that day; «до 01.06.2025» → 01.06.2025 (inclusive);
 *    - `yyyy-mm-dd` → that day;
 *    - «1 июня 2025» (day, month name, year) → that day;
 *    - «март 2025», «в марте 2025 г.», «до марта 2025» → the last day of that month (inclusive);
 *    - «II квартал 2025», «2 кв. 2025», «IV-й квартал 2025» → the last day of the quarter;
 *    - «I полугодие 2025», «2-е полугодие 2025» → 30 June / 31 December;
 *    - «2024/2025 учебный год», «2024-25 уч. г.» → 31 August of the second year;
 *    - a year «2025», «в течение 2025 года», «2025 г.» → 31 December.
 * 3. The date is the latest of all mentions found («сентябрь 2024 – май 2025» → 31.05.2025).
 * 4. Nothing found, or an impossible date (31.02.2025) → unknown (NULL): «в течение года»
 *    (no year), «постоянно», «ежемесячно», «по мере необходимости». The row still imports.
 */

/** Month stems in text order (nominative «март», genitive «марта», prepositional «марте»). */
const MONTH_STEMS = ['январ', 'феврал', 'март', 'апрел', 'ма[йяе]', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр'] as const;
const MONTH = `(${MONTH_STEMS.join('|')})[а-я]*\\.?`;

/** Where a rule's date comes from: capture-group numbers (1-based) and how to read them. */
type DatePart =
  | { kind: 'day'; y: number; m: number; d: number; monthName?: boolean; shortYear?: boolean }
  | { kind: 'monthEnd'; y: number; m: number }
  | { kind: 'quarterEnd'; y: number; q: number }
  | { kind: 'halfEnd'; y: number; h: number }
  | { kind: 'academicEnd'; y2: number }
  | { kind: 'yearEnd'; y: number };

export interface DeadlineRule {
  name: string;
  /** A regular expression that means the same in JavaScript and in DuckDB (RE2). */
  pattern: string;
  part: DatePart;
}

/** The rules, in the order they run (see the module comment). */
export const DEADLINE_RULES: readonly DeadlineRule[] = [
  { name: 'dd.mm.yyyy', pattern: '([0-9]{1,2})\\.([0-9]{1,2})\\.([0-9]{4}|[0-9]{2})', part: { kind: 'day', y: 3, m: 2, d: 1, shortYear: true } },
  { name: 'yyyy-mm-dd', pattern: '([0-9]{4})-([0-9]{2})-([0-9]{2})', part: { kind: 'day', y: 1, m: 2, d: 3 } },
  { name: 'день месяц год', pattern: `([0-9]{1,2}) ?${MONTH} ?([0-9]{4})`, part: { kind: 'day', y: 3, m: 2, d: 1, monthName: true } },
  { name: 'месяц год', pattern: `(^|[^а-я])${MONTH} ?([0-9]{4})`, part: { kind: 'monthEnd', y: 3, m: 2 } },
  { name: 'квартал', pattern: '(^|[^а-яa-z0-9])(iv|i{1,3}|[1-4]) ?-?(й)? ?кв[а-я]*\\.? ?([0-9]{4})', part: { kind: 'quarterEnd', y: 4, q: 2 } },
  { name: 'полугодие', pattern: '(^|[^а-яa-z0-9])(ii|i|[12]) ?-?(е)? ?полугод[а-я]* ?([0-9]{4})', part: { kind: 'halfEnd', y: 4, h: 2 } },
  { name: 'учебный год', pattern: '([0-9]{4}) ?[/-] ?([0-9]{4}|[0-9]{2}) ?уч', part: { kind: 'academicEnd', y2: 2 } },
  { name: 'год', pattern: '(^|[^0-9])(20[0-9]{2})', part: { kind: 'yearEnd', y: 2 } },
];

/** Step 1 of the reading, in TypeScript. */
export function normalizeDeadlineText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const small = (s: string) => ROMAN[s] ?? Number(s);

function monthOf(name: string): number {
  const i = MONTH_STEMS.findIndex((stem) => new RegExp(`^${stem}`).test(name));
  return i + 1;
}

function iso(y: number, m: number, d: number): string | null {
  if (!(m >= 1 && m <= 12 && d >= 1)) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const monthEnd = (y: number, m: number) => (m >= 1 && m <= 12 ? iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate()) : null);

function dateOf(part: DatePart, g: readonly (string | undefined)[]): string | null {
  const n = (i: number) => Number(g[i] ?? NaN);
  switch (part.kind) {
    case 'day': {
      const y = part.shortYear && (g[part.y] ?? '').length === 2 ? 2000 + n(part.y) : n(part.y);
      const m = part.monthName ? monthOf(g[part.m] ?? '') : n(part.m);
      return iso(y, m, n(part.d));
    }
    case 'monthEnd':
      return monthEnd(n(part.y), monthOf(g[part.m] ?? ''));
    case 'quarterEnd':
      return monthEnd(n(part.y), 3 * small(g[part.q] ?? ''));
    case 'halfEnd':
      return monthEnd(n(part.y), 6 * small(g[part.h] ?? ''));
    case 'academicEnd': {
      const s = g[part.y2] ?? '';
      return iso(s.length === 2 ? 2000 + Number(s) : Number(s), 8, 31);
    }
    case 'yearEnd':
      return iso(n(part.y), 12, 31);
  }
}

/** The last day a deadline text allows, as `YYYY-MM-DD`, or null when it names no date. */
export function parseDeadline(text: string | null | undefined): string | null {
  if (!text) return null;
  let t = normalizeDeadlineText(text);
  let best: string | null = null;
  for (const rule of DEADLINE_RULES) {
    const re = new RegExp(rule.pattern, 'g');
    for (const m of t.matchAll(re)) {
      const d = dateOf(rule.part, m);
      if (d && (best === null || d > best)) best = d;
    }
    t = t.replace(re, ' ');
  }
  return best;
}

// ───────────────────────────── the same in SQL ─────────────────────────────

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Step 1 of the reading, in SQL. */
function normalizeSql(expr: string): string {
  return `trim(regexp_replace(regexp_replace(replace(lower(${expr}), 'ё', 'е'), '[\\x{2010}-\\x{2015}\\x{2212}]', '-', 'g'), '[\\s\\x{00a0}]+', ' ', 'g'))`;
}

function monthSql(name: string): string {
  return `CASE ${MONTH_STEMS.map((stem, i) => `WHEN regexp_matches(${name}, ${lit(`^${stem}`)}) THEN ${i + 1}`).join(' ')} END`;
}

const smallSql = (s: string) => `CASE ${s} WHEN 'i' THEN 1 WHEN 'ii' THEN 2 WHEN 'iii' THEN 3 WHEN 'iv' THEN 4 ELSE TRY_CAST(${s} AS INTEGER) END`;
const daySql = (y: string, m: string, d: string) => `TRY_CAST(printf('%04d-%02d-%02d', ${y}, ${m}, ${d}) AS DATE)`;
const monthEndSql = (y: string, m: string) => `last_day(TRY_CAST(printf('%04d-%02d-01', ${y}, ${m}) AS DATE))`;

function dateSql(part: DatePart, g: (i: number) => string): string {
  const int = (i: number) => `TRY_CAST(${g(i)} AS INTEGER)`;
  switch (part.kind) {
    case 'day': {
      const y = part.shortYear ? `CASE WHEN length(${g(part.y)}) = 2 THEN 2000 + ${int(part.y)} ELSE ${int(part.y)} END` : int(part.y);
      return daySql(y, part.monthName ? monthSql(g(part.m)) : int(part.m), int(part.d));
    }
    case 'monthEnd':
      return monthEndSql(int(part.y), monthSql(g(part.m)));
    case 'quarterEnd':
      return monthEndSql(int(part.y), `3 * ${smallSql(g(part.q))}`);
    case 'halfEnd':
      return monthEndSql(int(part.y), `6 * ${smallSql(g(part.h))}`);
    case 'academicEnd':
      return daySql(`CASE WHEN length(${g(part.y2)}) = 2 THEN 2000 + ${int(part.y2)} ELSE ${int(part.y2)} END`, '8', '31');
    case 'yearEnd':
      return daySql(int(part.y), '12', '31');
  }
}

/**
 * The same reading as `parseDeadline`, as an SQL expression of type DATE over a text expression
 * (NULL when the text names no date). Used by the roadmap layout at import time.
 */
export function deadlineSql(expr: string): string {
  let t = normalizeSql(expr);
  const lists: string[] = [];
  for (const rule of DEADLINE_RULES) {
    const p = lit(rule.pattern);
    const g = (i: number) => `regexp_extract(m, ${p}, ${i})`;
    lists.push(`list_transform(regexp_extract_all(${t}, ${p}), lambda m: ${dateSql(rule.part, g)})`);
    t = `regexp_replace(${t}, ${p}, ' ', 'g')`;
  }
  return `list_max(flatten([${lists.join(', ')}]))`;
}
