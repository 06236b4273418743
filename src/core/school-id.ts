/**
 * The school key. A ФИС ОКО school login is letters and a number: `sch224404` (until 2021) and
 * `edu224404` (from 2022) are the same school, so both — and the bare number — become `224404`.
 * Other prefixes name other kinds of organisation whose numbers repeat a school's (the Altai
 * directory has `sch220028`, a district school, and `ksh220028`, a regional boarding school): their
 * key keeps the prefix, `ksh220028`. The number is the first run of 3+ digits; undefined without one.
 */
export function schoolIdFromLogin(login: string): string | undefined {
  const m = /([a-z]*)(\d{3,})/.exec(login.trim().toLowerCase());
  if (!m) return undefined;
  return SAME_SCHOOL_PREFIXES.includes(m[1]!) ? m[2] : `${m[1]}${m[2]}`;
}

/** Login prefixes that all name one school by its number (none, ФИС ОКО before 2022, from 2022). */
const SAME_SCHOOL_PREFIXES = ['', 'sch', 'edu'];

/** The same rule in SQL, for bulk rows (NULL without a run of 3+ digits). */
export function schoolIdSql(expr: string): string {
  const prefix = `regexp_extract(lower(${expr}), '([a-z]*)[0-9]{3,}', 1)`;
  return `CASE WHEN ${prefix} IN (${SAME_SCHOOL_PREFIXES.map((p) => `'${p}'`).join(', ')}) THEN NULLIF(regexp_extract(${expr}, '([0-9]{3,})', 1), '')
    ELSE regexp_extract(lower(${expr}), '([a-z]*[0-9]{3,})', 1) END`;
}

/** SQL: whether a school code is already its key, a bare number of 3+ digits (the rule above gives it back unchanged). */
export function isSchoolNumberSql(expr: string): string {
  return `(length(${expr}) >= 3 AND ltrim(${expr}, '0123456789') = '')`;
}
