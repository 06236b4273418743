/**
 * Property-based tests (fast-check) of the text stages of the import: decodeText, sniffDialect,
 * unclosedQuoteLine and recogniseLayout never throw on any input, stay bounded in time, and keep
 * their promises on generated valid input (round trips).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText, looksBinary } from '../../src/core/decode.ts';
import { LAYOUTS } from '../../src/core/layouts/index.ts';
import { canonicalSchoolResults, canonicalStudentResults } from '../../src/core/layouts/canonical.ts';
import { recogniseLayout } from '../../src/core/layouts/recognise.ts';
import { sniffDialect, unclosedQuoteLine } from '../../src/core/sniff.ts';

/** Runs per property: enough to find edge cases, few enough for seconds. Seeded via FC_SEED to reproduce. */
const RUNS = { numRuns: 300, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };
const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1251', 'koi8-r'];
const DELIMITERS = [';', ',', '\t', '|'];

function utf16(s: string, order: 'le' | 'be'): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 * i + (order === 'le' ? 0 : 1)] = c & 0xff;
    out[2 * i + (order === 'le' ? 1 : 0)] = c >> 8;
  }
  return out;
}

/** Cells safe in any delimiter: Russian and Latin letters, digits, spaces inside, dots. */
const cell = fc.stringMatching(/^[А-Яа-яA-Za-z0-9][А-Яа-яA-Za-z0-9 .]{0,10}$/);

describe('decodeText', () => {
  it('never throws on any bytes and says which encoding it used', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const d = decodeText(bytes);
        expect(typeof d.text).toBe('string');
        expect(ENCODINGS).toContain(d.encoding);
        if (d.utf8AsIs) expect(d.encoding).toBe('utf-8');
        looksBinary(bytes);
      }),
      RUNS,
    );
  });

  it('reads back any UTF-8 text without NUL exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (s) => {
        fc.pre(!s.includes('\0') && !s.startsWith('\ufeff'));
        expect(decodeText(new TextEncoder().encode(s)).text).toBe(s);
      }),
      RUNS,
    );
  });

  it('reads back UTF-8 with BOM and UTF-16 with BOM exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constantFrom('utf-8', 'le', 'be'), (s, kind) => {
        const bytes =
          kind === 'utf-8'
            ? new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)])
            : kind === 'le'
              ? new Uint8Array([0xff, 0xfe, ...utf16(s, 'le')])
              : new Uint8Array([0xfe, 0xff, ...utf16(s, 'be')]);
        expect(decodeText(bytes).text).toBe(s);
      }),
      RUNS,
    );
  });

  it('reads back Russian tables saved as UTF-16 without BOM (LE and BE), and does not call them binary', () => {
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 8 }).map((rows) => rows.map((r) => r.join(';')).join('\r\n'));
    fc.assert(
      fc.property(table, fc.constantFrom<'le' | 'be'>('le', 'be'), (text, order) => {
        const bytes = utf16(text, order);
        expect(looksBinary(bytes)).toBe(false);
        expect(decodeText(bytes)).toMatchObject({ text, encoding: `utf-16${order}` });
      }),
      RUNS,
    );
  });
});

describe('sniffDialect', () => {
  it('never throws on any text and returns one of its delimiters', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (s) => {
        const d = sniffDialect(s);
        expect(DELIMITERS).toContain(d.delimiter);
        expect(Array.isArray(d.rows)).toBe(true);
        for (const r of d.rows) for (const c of r) expect(typeof c).toBe('string');
      }),
      RUNS,
    );
  });

  it('finds the delimiter and the cells of any rectangular table', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }).chain((cols) => fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 2, maxLength: 12 })),
        fc.constantFrom(...DELIMITERS),
        fc.constantFrom('\n', '\r\n'),
        (rows, delimiter, newline) => {
          const d = sniffDialect(rows.map((r) => r.join(delimiter)).join(newline) + newline);
          expect(d.delimiter).toBe(delimiter);
          expect(d.rows.filter((r) => r.length > 1 || r[0] !== '')).toEqual(rows);
        },
      ),
      RUNS,
    );
  });
});

describe('unclosedQuoteLine', () => {
  /** Any text as an RFC 4180 quoted cell. */
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const anyCell = fc.string({ unit: 'grapheme', maxLength: 20 });

  it('accepts every correctly quoted table, whatever its cells hold', () => {
    fc.assert(
      fc.property(fc.array(fc.array(anyCell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), fc.constantFrom(...DELIMITERS), (rows, delimiter) => {
        const text = rows.map((r) => r.map(quote).join(delimiter)).join('\r\n') + '\r\n';
        expect(unclosedQuoteLine(text, delimiter)).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('finds the line of a quoted cell cut short by the end of the file', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), cell, (rows, last) => {
        const text = rows.map((r) => r.join(';')).join('\n') + `\n${last};"${last}`;
        expect(unclosedQuoteLine(text, ';')).toBe(rows.length + 1);
      }),
      RUNS,
    );
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), fc.constantFrom(...DELIMITERS), (s, delimiter) => {
        const line = unclosedQuoteLine(s, delimiter);
        if (line !== undefined) expect(line).toBeGreaterThanOrEqual(1);
      }),
      RUNS,
    );
  });
});

describe('recogniseLayout', () => {
  it('never throws on any rows; a match names columns inside its header and misses nothing', { timeout: 60_000 }, () => {
    const anyLabel = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(...LAYOUTS.flatMap((l) => l.fields.flatMap((f) => f.aliases))),
    );
    fc.assert(
      fc.property(fc.array(fc.array(anyLabel, { maxLength: 20 }), { maxLength: 35 }), (rows) => {
        const { match, closest } = recogniseLayout(rows, LAYOUTS);
        if (match) {
          expect(match.missing).toEqual([]);
          for (const i of Object.values(match.columns)) expect(i).toBeLessThan(match.header.length);
          expect(match.headerRow).toBeLessThan(30);
        }
        if (closest) expect(closest.missing.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('recognises the templates whatever the column order, title rows and extra columns', () => {
    const layout = fc.constantFrom(canonicalStudentResults, canonicalSchoolResults);
    fc.assert(
      fc.property(
        layout.chain((l) =>
          fc.record({
            layout: fc.constant(l),
            columns: fc.shuffledSubarray(l.fields.filter((f) => !f.required).map((f) => f.field)),
          }),
        ),
        fc.array(fc.constantFrom('примечание', 'комментарий учителя', 'прочее'), { maxLength: 3 }),
        fc.integer({ min: 0, max: 5 }),
        ({ layout: l, columns }, extra, titles) => {
          const header = [...columns, ...l.fields.filter((f) => f.required).map((f) => f.field), ...extra];
          const rows = [...Array.from({ length: titles }, () => ['Отчёт']), header, header.map(() => '1')];
          const { match } = recogniseLayout(rows, LAYOUTS);
          expect(match?.layout.id).toBe(l.id);
          expect(match?.headerRow).toBe(titles);
        },
      ),
      { ...RUNS, numRuns: 100 },
    );
  });
});
