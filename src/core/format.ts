const NARROW_NBSP = '\u202f';

const formatters = new Map<number, Intl.NumberFormat>();
function formatter(digits: number): Intl.NumberFormat {
  let f = formatters.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(digits, f);
  }
  return f;
}

/** A number in Russian format: decimal comma, thin spaces between thousands; «—» for no value. */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const rounded = roundTo(value, digits);
  const text = formatter(digits).format(Math.abs(rounded)).replace(/[\u00a0\s]/g, NARROW_NBSP);
  return rounded < 0 ? `−${text}` : text;
}

/** Rounds half away from zero to `digits` places; -0 becomes 0 so «−0» never shows. */
function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  const r = (Math.sign(value) * Math.round(Math.abs(value) * f)) / f;
  return r === 0 ? 0 : r;
}

/** A percentage with one decimal: «73,1 %». */
export function formatPct(value: number | null | undefined, digits = 1): string {
  const s = formatNumber(value, digits);
  return s === '—' ? s : `${s}${NARROW_NBSP}%`;
}

/** A change in percentage points with its sign: «+5,1 п.п.», «−2,0 п.п.». */
export function formatPp(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const rounded = roundTo(value, digits);
  const s = formatNumber(Math.abs(rounded), digits);
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${s}${NARROW_NBSP}п.п.`;
}
