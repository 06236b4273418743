/** formatNumber / formatPct / formatPp (src/core/format.ts): Russian number formatting. */
import { describe, it, expect } from 'vitest';
import { formatNumber, formatPct, formatPp } from '../../src/core/format.ts';

const T = '\u202f'; // narrow no-break space: thousands separator and before % / п.п.

describe('formatNumber', () => {
  it.each([
    { value: 0, digits: 0, out: '0' },
    { value: 999, digits: 0, out: '999' },
    { value: 1000, digits: 0, out: `1${T}000` },
    { value: 1234567.891, digits: 2, out: `1${T}234${T}567,89` },
    { value: 3.8, digits: 2, out: '3,80' },
    { value: 61.2, digits: 1, out: '61,2' },
    { value: 2.25, digits: 1, out: '2,3' }, // half away from zero
    { value: 0.05, digits: 0, out: '0' },
    { value: 12345, digits: 0, out: `12${T}345` },
    { value: 1e6, digits: 0, out: `1${T}000${T}000` },
  ])('$value ($digits digits) → $out', ({ value, digits, out }) => {
    expect(formatNumber(value, digits)).toBe(out);
  });

  it('default is 0 digits', () => {
    expect(formatNumber(1234.56)).toBe(`1${T}235`);
  });

  it('negative numbers keep a minus sign and thin spaces', () => {
    expect(formatNumber(-1234.5, 1)).toMatch(new RegExp(`^[-\u2212]1${T}234,5$`));
  });

  it('no ordinary or plain no-break spaces remain', () => {
    const s = formatNumber(987654321.5, 1);
    expect(s).not.toMatch(/[ \u00a0]/);
    expect(s).toBe(`987${T}654${T}321,5`);
  });

  it.each([null, undefined, NaN])('%s → «—»', (v) => {
    expect(formatNumber(v)).toBe('—');
    expect(formatPct(v)).toBe('—');
    expect(formatPp(v)).toBe('—');
  });
});

describe('formatPct', () => {
  it.each([
    { value: 73.14, digits: undefined, out: `73,1${T}%` },
    { value: 65, digits: undefined, out: `65,0${T}%` },
    { value: 100, digits: 0, out: `100${T}%` },
    { value: 0, digits: undefined, out: `0,0${T}%` },
    { value: 21.880653, digits: 2, out: `21,88${T}%` },
    { value: 1234.5, digits: 1, out: `1${T}234,5${T}%` },
  ])('$value → $out', ({ value, digits, out }) => {
    expect(formatPct(value, digits)).toBe(out);
  });
});

describe('formatPp', () => {
  it.each([
    { value: 5.06, digits: undefined, out: `+5,1${T}п.п.` },
    { value: -2, digits: undefined, out: `\u22122,0${T}п.п.` }, // U+2212 MINUS SIGN, not a hyphen
    { value: 0, digits: undefined, out: `±0,0${T}п.п.` },
    { value: 12.345, digits: 2, out: `+12,35${T}п.п.` },
    { value: -1234.5, digits: 1, out: `\u22121${T}234,5${T}п.п.` },
    { value: 8, digits: 0, out: `+8${T}п.п.` },
  ])('$value → $out', ({ value, digits, out }) => {
    expect(formatPp(value, digits)).toBe(out);
  });
});

describe('signs are decided after rounding', () => {
  it('shows ± and 0 for values that round to zero', () => {
    expect(formatPp(-0.04)).toBe('±0,0\u202fп.п.');
    expect(formatNumber(-0.4)).toBe('0');
    expect(formatNumber(-1234.5, 1)).toBe('\u22121\u202f234,5');
  });
});
