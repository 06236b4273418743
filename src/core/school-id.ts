/**
 * The school key: the digits of the ФИС ОКО login. `sch224404` (until 2021) and `edu224404`
 * (from 2022) are the same school, so both become `224404`. Returns undefined when the value
 * carries no digits.
 */
export function schoolIdFromLogin(login: string): string | undefined {
  const m = /(\d{3,})/.exec(login.trim());
  return m ? m[1] : undefined;
}

/** The same rule in SQL, for bulk rows: the first run of 3+ digits, else NULL. */
export function schoolIdSql(expr: string): string {
  return `NULLIF(regexp_extract(${expr}, '([0-9]{3,})', 1), '')`;
}
