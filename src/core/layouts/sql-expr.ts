import { PROCEDURES } from '../subjects.ts';
import { sqlIdent } from '../text.ts';
import type { FieldSpec } from './types.ts';

/**
 * Cleans a raw cell in SQL: no-break spaces become spaces, the value is trimmed, '' → NULL. Quotes
 * are kept: the CSV reader already removed the field's own quoting, and names such as
 * МБОУ "Приобская СОШ" need theirs.
 */
export function cleanCell(rawColumn: string): string {
  return `NULLIF(trim(replace(${rawColumn}, chr(160), ' ')), '')`;
}

/** SQL: whether cleanCell would change a raw cell (empty, padded, with a no-break space); cheaper than cleaning. */
export function needsCleaning(rawColumn: string): string {
  return `(${rawColumn} = '' OR starts_with(${rawColumn}, ' ') OR ends_with(${rawColumn}, ' ') OR contains(${rawColumn}, chr(160)))`;
}

/** A field's cleaned text, as a column of the source view `src` (qualified: `scale` may be joined). */
export function text(field: string): string {
  return `src.${sqlIdent(field)}`;
}

/** A field read as a number: spaces dropped, decimal comma accepted; NULL when not a number. */
export function num(field: string): string {
  return `TRY_CAST(replace(replace(${text(field)}, ' ', ''), ',', '.') AS DOUBLE)`;
}

/**
 * SQL: whether `expr` is one of `values` (NULL when `expr` is NULL, as `IN`). Written with
 * `list_contains`: DuckDB turns an `IN` list of constants into a join against them, a second pass
 * over a million-row import for every list.
 */
export function oneOf(expr: string, values: ReadonlyArray<string | number>): string {
  return `list_contains([${values.map((v) => (typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`)).join(', ')}], ${expr})`;
}

/** Words that mean "no value" in mark columns of real exports. */
export const NO_MARK_WORDS = ['нет отметки', 'нет', 'н/а', '-', '—', 'б/о'];

/**
 * A mark 2..5 read from text, NULL for the «нет отметки» family: none of those words reads as a
 * number, so the number alone decides (typeViolation tells the words from junk).
 */
export function mark(field: string): string {
  return `CAST(${num(field)} AS TINYINT)`;
}

/** A 1/0 (да/нет, true/false) flag read from text. */
export function flag(field: string): string {
  const f = `lower(${text(field)})`;
  // «1» and «0», what most files hold, are told first without lower-casing.
  return `CASE WHEN ${text(field)} = '1' THEN true WHEN ${text(field)} = '0' THEN false
    WHEN ${oneOf(f, ['1', 'да', 'true', 'истина', 'x', '+'])} THEN true WHEN ${oneOf(f, ['0', 'нет', 'false', 'ложь', '-'])} THEN false END`;
}

/**
 * The range a numeric field's values must lie in (marks included), and whether they must be whole;
 * undefined for text fields.
 */
export function fieldBounds(spec: FieldSpec): { lo: number; hi: number; whole: boolean } | undefined {
  switch (spec.type) {
    case 'integer':
      return { lo: spec.min ?? 0, hi: spec.max ?? 10_000_000, whole: true };
    case 'number':
      return { lo: spec.min ?? 0, hi: spec.max ?? 1_000_000, whole: false };
    case 'year':
      return { lo: spec.min ?? 2000, hi: spec.max ?? 2100, whole: true };
    case 'grade':
      return { lo: 1, hi: 11, whole: true };
    case 'mark':
      return { lo: 2, hi: 5, whole: true };
    case 'journalMark':
      // Journals may hold the rare «1»: real 2021 exports have it.
      return { lo: 1, hi: 5, whole: true };
    default:
      return undefined;
  }
}

/** SQL condition true when a present value of this field does not fit its type; and what was expected. */
export function typeViolation(spec: FieldSpec): { when: string; expected: string } | undefined {
  const f = text(spec.field);
  const present = `${f} IS NOT NULL`;
  const range = ({ lo, hi, whole }: { lo: number; hi: number; whole: boolean }) => ({
    when: `${present} AND (${num(spec.field)} IS NULL OR ${num(spec.field)} < ${lo} OR ${num(spec.field)} > ${hi}${whole ? ` OR ${num(spec.field)} <> floor(${num(spec.field)})` : ''})`,
    expected: whole ? `целое число от ${lo} до ${hi}` : `число от ${lo} до ${hi}`,
  });
  switch (spec.type) {
    case 'integer':
    case 'number':
    case 'year':
    case 'grade':
      return range(fieldBounds(spec)!);
    case 'mark':
    case 'journalMark': {
      const { lo, hi } = fieldBounds(spec)!;
      const marks = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
      return {
        // The number first: a valid mark ends the test before the words are looked up.
        when: `${present} AND (${num(spec.field)} IS NULL OR NOT ${oneOf(num(spec.field), marks)}) AND NOT ${oneOf(`lower(${f})`, NO_MARK_WORDS)}`,
        expected: spec.type === 'mark' ? 'отметка 2, 3, 4 или 5 (или «нет отметки»)' : 'отметка от 1 до 5 (или «нет отметки»)',
      };
    }
    case 'flag':
      return { when: `${present} AND ${flag(spec.field)} IS NULL`, expected: '1 или 0 (да/нет)' };
    case 'procedure':
      return { when: `${present} AND NOT ${oneOf(`upper(${f})`, PROCEDURES)}`, expected: 'ВПР, ОГЭ или ЕГЭ' };
    default:
      return undefined;
  }
}
