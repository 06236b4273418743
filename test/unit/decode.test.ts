/**
 * decodeText / looksBinary (src/core/decode.ts): BOMs decide, else strict UTF-8, else
 * windows-1251 unless the KOI8-R reading is the one that looks like lower-case Russian prose.
 * Byte strings below were produced with `iconv -f utf8 -t cp1251|koi8-r|utf16le | xxd -p`.
 */
import { describe, it, expect } from 'vitest';
import { concatBytes } from '../../src/core/bytes.ts';
import { decodeText, looksBinary } from '../../src/core/decode.ts';

const hex = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => concatBytes(parts);

// 'логин школы;регион;класс' in windows-1251 (л=eb о=ee г=e3 и=e8 н=ed, space=20, ш=f8 к=ea ы=fb, ;=3b …)
const CP1251_HEADER = hex('ebeee3e8ed20f8eaeeebfb3bf0e5e3e8eeed3beaebe0f1f1');
// 'привет мир, это тест' in KOI8-R (п=d0 р=d2 и=c9 в=d7 е=c5 т=d4 …)
const KOI8_SENTENCE = hex('d0d2c9d7c5d420cdc9d22c20dcd4cf20d4c5d3d4');
// 'Школа №1' in UTF-16LE, no BOM (Ш=0428 к=043a о=043e л=043b а=0430 space №=2116 1)
const UTF16LE_BODY = hex('28043a043e043b043004200016213100');

describe('decodeText', () => {
  const cases: Array<{ name: string; bytes: Uint8Array; text: string; encoding: string; utf8AsIs: boolean }> = [
    {
      name: 'UTF-8 with BOM: BOM stripped, not passed as is',
      bytes: concat(hex('efbbbf'), utf8('год;предмет\n2021;Математика\n')),
      text: 'год;предмет\n2021;Математика\n',
      encoding: 'utf-8',
      utf8AsIs: false,
    },
    {
      name: 'UTF-8 without BOM: can go to DuckDB unchanged',
      bytes: utf8('логин школы;регион;класс\nsch224404;Бийск;4а\n'),
      text: 'логин школы;регион;класс\nsch224404;Бийск;4а\n',
      encoding: 'utf-8',
      utf8AsIs: true,
    },
    {
      name: 'plain ASCII is valid UTF-8',
      bytes: utf8('year,procedure\n2021,VPR\n'),
      text: 'year,procedure\n2021,VPR\n',
      encoding: 'utf-8',
      utf8AsIs: true,
    },
    {
      name: 'windows-1251 Russian header (Excel CSV)',
      bytes: CP1251_HEADER,
      text: 'логин школы;регион;класс',
      encoding: 'windows-1251',
      utf8AsIs: false,
    },
    {
      name: 'KOI8-R lower-case sentence: its cp1251 reading would be mostly capitals',
      bytes: KOI8_SENTENCE,
      text: 'привет мир, это тест',
      encoding: 'koi8-r',
      utf8AsIs: false,
    },
    {
      name: 'UTF-16LE with BOM',
      bytes: concat(hex('fffe'), UTF16LE_BODY),
      text: 'Школа №1',
      encoding: 'utf-16le',
      utf8AsIs: false,
    },
    {
      name: 'UTF-16BE with BOM',
      bytes: hex('feff 0428 043a 043e 043b 0430'),
      text: 'Школа',
      encoding: 'utf-16be',
      utf8AsIs: false,
    },
  ];

  it.each(cases)('$name', ({ bytes, text, encoding, utf8AsIs }) => {
    expect(decodeText(bytes)).toEqual({ text, encoding, utf8AsIs });
  });

  it('cp1251 of a mixed-case real ВПР title line is still windows-1251', () => {
    // «Проведение работы по математике» — one capital, the rest lower case
    const cp = hex('cff0eee2e5e4e5ede8e520f0e0e1eef2fb20efee20ece0f2e5ece0f2e8eae5');
    expect(decodeText(cp)).toEqual({ text: 'Проведение работы по математике', encoding: 'windows-1251', utf8AsIs: false });
  });
});

describe('looksBinary', () => {
  it.each([
    { name: 'NUL bytes (xlsx/zip-like)', bytes: hex('504b0304 1400 0000 0800'), binary: true },
    { name: 'single NUL in the middle of text', bytes: concat(utf8('abc'), hex('00'), utf8('def')), binary: true },
    { name: 'UTF-8 text', bytes: utf8('год;предмет\n2021;Математика\n'), binary: false },
    { name: 'windows-1251 text', bytes: CP1251_HEADER, binary: false },
    { name: 'UTF-16LE with BOM (NULs are part of the encoding)', bytes: concat(hex('fffe'), UTF16LE_BODY), binary: false },
    { name: 'UTF-16BE with BOM', bytes: hex('feff0428043a'), binary: false },
    { name: 'empty', bytes: new Uint8Array(0), binary: false },
  ])('$name → $binary', ({ bytes, binary }) => {
    expect(looksBinary(bytes)).toBe(binary);
  });

  it('only the first 8 KiB are inspected', () => {
    const late = new Uint8Array(9000).fill(0x61);
    late[8500] = 0;
    expect(looksBinary(late)).toBe(false);
    late[8191] = 0;
    expect(looksBinary(late)).toBe(true);
  });
});

describe('decodeText on upper-case windows-1251 headers', () => {
  it('reads «код ОО;ШНОР;ШССУ;ВПР» as windows-1251, not KOI8-R', () => {
    const r = decodeText(new Uint8Array(Buffer.from('eaeee420cece3bd8cdced03bd8d1d1d33bc2cfd0', 'hex')));
    expect(r).toMatchObject({ text: 'код ОО;ШНОР;ШССУ;ВПР', encoding: 'windows-1251' });
  });
});
