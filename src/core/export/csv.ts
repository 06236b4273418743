/** A column of an exported table: the row key and its Russian header. */
export interface ExportColumn {
  key: string;
  label: string;
}

/** Lines that say where an export comes from: title, filters, sources, date, app version. */
export interface ExportContext {
  title: string;
  filters: string;
  sources: string;
  madeAt: string;
  version: string;
}

/**
 * A text cell made safe for spreadsheets: a value starting with = + - @ (or a tab/CR) would run as
 * a formula in Excel, so it gets a leading apostrophe.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The context as title rows above a table. */
export function contextLines(ctx: ExportContext): string[][] {
  return [
    [`Ориентир ${ctx.version} — ${ctx.title}`],
    [`Фильтры: ${ctx.filters}`],
    [`Источники данных: ${ctx.sources}`],
    [`Сформировано: ${ctx.madeAt}`],
    [],
  ];
}

/**
 * CSV as Russian Excel opens it: UTF-8 with BOM, `;` between cells, decimal comma in numbers, CRLF;
 * text neutralised against formula injection; the context as title rows above the header.
 */
export function toRussianCsv(columns: readonly ExportColumn[], rows: ReadonlyArray<Record<string, unknown>>, ctx: ExportContext): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return Number.isFinite(v) ? String(v).replace('.', ',') : '';
    if (typeof v === 'boolean') return v ? 'да' : 'нет';
    const s = neutraliseFormula(String(v));
    return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [
    ...contextLines(ctx).map((l) => l.map(cell).join(';')),
    columns.map((c) => cell(c.label)).join(';'),
    ...rows.map((r) => columns.map((c) => cell(r[c.key])).join(';')),
  ];
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
