import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFile, decodeText, singleByteToUtf8 } from '../../src/core/decode.ts';
import { REAL_MATH4_CSV } from '../helpers.ts';

/**
 * decodeFile: what the importer reads instead of decodeText — the same text and encoding, the
 * same UTF-8 bytes for the engine as TextEncoder gives for the text, and `contains` agreeing with
 * the text, whatever the encoding.
 */
const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);

describe('decodeFile', () => {
  it('transcodes every byte of windows-1251 and KOI8-R to the UTF-8 TextEncoder gives for its decoding', () => {
    for (const encoding of ['windows-1251', 'koi8-r'] as const) {
      const expected = new TextEncoder().encode(new TextDecoder(encoding).decode(everyByte));
      expect(singleByteToUtf8(everyByte, encoding)).toEqual(expected);
      expect(singleByteToUtf8(new Uint8Array(0), encoding)).toEqual(new Uint8Array(0));
    }
  });

  it('gives decodeText\'s text and encoding, TextEncoder\'s bytes and the text\'s characters for files of every encoding', () => {
    const text = 'год;предмет;школа;«балл» №1 — ёж\r\n2024;"Русский язык";sch220001;25\n2024;Математика;edu220002;17,5\n';
    const bytesOf = (s: string, enc: string): Uint8Array => {
      if (enc === 'utf-8') return new TextEncoder().encode(s);
      if (enc === 'utf-8-bom') return new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)]);
      if (enc === 'utf-16le') return new Uint8Array([0xff, 0xfe, ...Array.from(s).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
      // Single-byte code pages: each character's byte, found by decoding every byte once.
      const chars = new TextDecoder(enc).decode(everyByte);
      return Uint8Array.from(Array.from(s), (c) => chars.indexOf(c));
    };
    const files = [
      ...['utf-8', 'utf-8-bom', 'utf-16le', 'windows-1251', 'koi8-r'].map((enc) => bytesOf(text, enc)),
      new Uint8Array(readFileSync(REAL_MATH4_CSV)),
    ];
    for (const bytes of files) {
      const reference = decodeText(bytes);
      const file = decodeFile(bytes);
      expect(file.encoding).toBe(reference.encoding);
      expect(file.utf8AsIs).toBe(reference.utf8AsIs);
      expect(file.text()).toBe(reference.text);
      expect(reference.text.startsWith(file.head)).toBe(true);
      expect(file.head.length).toBeGreaterThanOrEqual(Math.min(reference.text.length, 256 * 1024));
      // Compared as buffers: a deep equality of megabytes element by element takes many seconds.
      expect(Buffer.compare(file.utf8(), new TextEncoder().encode(reference.text))).toBe(0);
      for (const c of ['"', '\u0000', ';', '\t']) expect(file.contains(c), `${reference.encoding} ${JSON.stringify(c)}`).toBe(reference.text.includes(c));
    }
    expect(decodeFile(bytesOf(text, 'windows-1251')).encoding).toBe('windows-1251');
    expect(decodeFile(bytesOf(text, 'koi8-r')).encoding).toBe('koi8-r');
    expect(decodeFile(new Uint8Array(readFileSync(REAL_MATH4_CSV))).encoding).toBe('windows-1251');
  });
});
