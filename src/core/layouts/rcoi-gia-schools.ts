import { canonicalSubject } from '../subjects.ts';
import { normalizeLabel, sqlString } from '../text.ts';
import { schoolIdSql } from '../school-id.ts';
import { HEADER_JOIN } from './recognise.ts';
import { num, text } from './sql-expr.ts';
import type { FieldSpec, Layout } from './types.ts';

/** Subject groups a table may have (each a merged subject title over its measure columns). */
const MAX_GROUPS = 24;

/** The measures of a subject group and their spellings. */
const MEASURES = [
  { key: 'participants', label: 'приняли участие', aliases: ['приняли участие', 'кол-во участников', 'количество участников', 'участников'] },
  { key: 'below', label: 'не преодолели минимальный порог', aliases: ['не преодолели минимальный порог', 'не преодолели минимальный балл', 'ниже минимального порога', 'не набрали минимальный балл'] },
  { key: 'b80', label: '80-99', aliases: ['80-99', '80 - 99', '80–99', 'от 80 до 99', '80-99 баллов'] },
  { key: 'b100', label: '100', aliases: ['100', '100 баллов'] },
  { key: 'mean', label: 'средний балл', aliases: ['средний балл', 'средний тестовый балл'] },
] as const;
type Measure = (typeof MEASURES)[number]['key'];

const int = (field: string) => `CAST(round(${num(field)}) AS INTEGER)`;

/** The lower (measure) and upper (subject) parts of a combined header cell. */
function split(cell: string): { top: string; cell: string } {
  const i = cell.lastIndexOf(HEADER_JOIN);
  return i < 0 ? { top: '', cell } : { top: cell.slice(0, i), cell: cell.slice(i + HEADER_JOIN.length) };
}

/**
 * The subject groups of a combined header, in column order: subject (canonical, or as written when
 * unknown) → measure → field. The k-th cell of a measure is field `g{k}_{measure}` (how
 * matchHeader assigns repeated spellings), so groups missing a measure still pair correctly.
 */
export function subjectGroups(header: readonly string[]): Array<{ subject: string; fields: Partial<Record<Measure, string>> }> {
  const seen: Record<string, number> = {};
  const groups = new Map<string, Partial<Record<Measure, string>>>();
  for (const raw of header) {
    const { top, cell } = split(raw ?? '');
    const m = MEASURES.find((x) => x.aliases.some((a) => normalizeLabel(a) === normalizeLabel(cell)));
    if (!m || top.trim() === '') continue;
    const k = (seen[m.key] = (seen[m.key] ?? 0) + 1);
    if (k > MAX_GROUPS) continue;
    const subject = canonicalSubject(top) ?? top.trim();
    const g = groups.get(subject) ?? {};
    g[m.key] = `g${k}_${m.key}`;
    groups.set(subject, g);
  }
  return [...groups].map(([subject, fields]) => ({ subject, fields }));
}

const AREA = `${text('municipality')}`;
const TOTAL = (expr: string) => `(lower(${expr}) LIKE 'всего%' OR lower(${expr}) LIKE 'итого%')`;

/**
 * РЦОИ ГИА table by school (ЕГЭ or ОГЭ, one file per year): title rows («Результаты ЕГЭ 2024 по
 * образовательным организациям»), then a two-row merged header: `№ п/п | АТЕ | Код ОО |
 * Наименование ОО` (each merged over both rows) and, per subject, a merged subject title
 * («Русский язык», «Математика (профильный уровень)», …) over `приняли участие | не преодолели
 * минимальный порог | 80-99 | 100 | средний балл`. АТЕ cells are merged down over the
 * municipality's schools; «Всего по …» / «Итого» rows (no Код ОО) are dropped.
 *
 * One row per school and subject with participants into `school_results` (target
 * school_results_report: the slice's row is updated, never duplicated): procedure and year from the
 * title, grade 11 for ЕГЭ and 9 for ОГЭ, participants, below_min, high_scorers = «80-99» + «100»
 * (the table's band is 80–100, not the 81–100 convention), mean_score (ЕГЭ: max_score 100). The
 * municipality is carried down from the last АТЕ cell above (merges below the first rows are not
 * unmerged). A subject the catalogue does not know keeps its header text.
 */
export const rcoiGiaSchools: Layout = {
  id: 'rcoi-gia-schools',
  title: 'РЦОИ: результаты ГИА по образовательным организациям',
  target: 'school_results_report',
  needs: ['year', 'procedure'],
  twoRowHeader: true,
  fields: [
    { field: 'number', label: '№ п/п', aliases: ['№ п/п', '№', 'n п/п'], type: 'text', required: false },
    { field: 'municipality', label: 'АТЕ', aliases: ['АТЕ', 'муниципалитет', 'муниципальное образование', 'наименование АТЕ', 'МО'], type: 'text', required: false },
    // Not required: «Всего» rows leave it empty (the check below wants it on every other row).
    { field: 'code', label: 'Код ОО', aliases: ['код ОО', 'логин ОО', 'логин'], type: 'code', required: false },
    { field: 'name', label: 'Наименование ОО', aliases: ['наименование ОО', 'ОО', 'образовательная организация'], type: 'text', required: false },
    ...Array.from({ length: MAX_GROUPS }, (_, i) => i + 1).flatMap((k) =>
      MEASURES.map((m): FieldSpec => ({
        field: `g${k}_${m.key}`,
        label: `${m.label} (предмет ${k})`,
        aliases: [...m.aliases],
        type: m.key === 'mean' ? 'number' : 'integer',
        required: k === 1 && m.key === 'participants',
        repeat: k > 1,
        min: 0,
        max: m.key === 'mean' ? 100 : 100_000,
      })),
    ),
  ],
  select: (ctx, header) => {
    const groups = subjectGroups(header ?? []);
    const get = (f: string | undefined, read: (f: string) => string, type: string) => (f ? read(f) : `NULL::${type}`);
    const high = (g: Partial<Record<Measure, string>>) =>
      g.b80 || g.b100 ? `CASE WHEN ${[g.b80, g.b100].filter(Boolean).map((f) => `${num(f!)} IS NULL`).join(' AND ')} THEN NULL ELSE ${[g.b80, g.b100].filter(Boolean).map((f) => `COALESCE(${int(f!)}, 0)`).join(' + ')} END` : 'NULL::INTEGER';
    const structs = groups.map(
      ({ subject, fields: g }) =>
        `{'subject': ${sqlString(subject)}, 'participants': ${get(g.participants, int, 'INTEGER')}, 'below': ${get(g.below, int, 'INTEGER')}, 'high': ${high(g)}, 'mean': ${get(g.mean, num, 'DOUBLE')}}`,
    );
    const cells = `list_filter([${structs.join(', ')}], x -> x.participants > 0)`;
    const pick = (k: string) => `unnest(list_transform(${cells}, x -> x.${k}))`;
    const grade = ctx.grade > 0 ? ctx.grade : ctx.procedure === 'ОГЭ' ? 9 : 11;
    const isSchool = `(${schoolIdSql(text('code'))} IS NOT NULL)`;
    return {
      year: `${ctx.year}::INTEGER`,
      procedure: sqlString(ctx.procedure),
      subject: pick('subject'),
      grade: `${grade}::INTEGER`,
      school_id: `CASE WHEN ${isSchool} THEN ${schoolIdSql(text('code'))} END`,
      participants: pick('participants'),
      n2: 'NULL::INTEGER',
      n3: 'NULL::INTEGER',
      n4: 'NULL::INTEGER',
      n5: 'NULL::INTEGER',
      mean_score: pick('mean'),
      max_score: ctx.procedure === 'ЕГЭ' ? '100::DOUBLE' : 'NULL::DOUBLE',
      below_min: pick('below'),
      high_scorers: pick('high'),
      journal_n: 'NULL::INTEGER',
      lowered: 'NULL::INTEGER',
      confirmed: 'NULL::INTEGER',
      raised: 'NULL::INTEGER',
      source: `'file'`,
      school_login: `CASE WHEN regexp_matches(lower(${text('code')}), '^(sch|edu)[0-9]+$') THEN lower(${text('code')}) END`,
      school_name: text('name'),
      municipality: `last_value(CASE WHEN NOT ${TOTAL(AREA)} THEN ${AREA} END IGNORE NULLS) OVER (ORDER BY src._line)`,
    };
  },
  checks: [
    {
      when: `${schoolIdSql(text('code'))} IS NULL AND NOT ${TOTAL(`COALESCE(${text('name')}, ${AREA}, '')`)}`,
      column: 'code',
      value: 'code',
      expected: 'код ОО с цифрами (без него — только строки «Всего …» / «Итого …»)',
    },
    {
      when: Array.from({ length: MAX_GROUPS }, (_, i) => i + 1)
        .map((k) => `COALESCE(${num(`g${k}_below`)}, 0) > COALESCE(${num(`g${k}_participants`)}, 0) OR COALESCE(${num(`g${k}_b80`)}, 0) + COALESCE(${num(`g${k}_b100`)}, 0) > COALESCE(${num(`g${k}_participants`)}, 0)`)
        .join(' OR '),
      column: 'code',
      value: 'code',
      expected: 'в каждом предмете «приняли участие» не меньше, чем «не преодолели минимальный порог» и «80-99» + «100»',
    },
    {
      when: `${schoolIdSql(text('code'))} IS NOT NULL AND ${text('code')} IN (SELECT ${text('code')} FROM src WHERE ${text('code')} IS NOT NULL GROUP BY 1 HAVING count(*) > 1)`,
      column: 'code',
      value: 'code',
      expected: 'школа (Код ОО) встречается в таблице один раз',
    },
  ],
  uniqueKey: [],
};
