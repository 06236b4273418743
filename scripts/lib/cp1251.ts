/**
 * Minimal UTF-8 (JS string) → windows-1251 encoder: ASCII, Cyrillic А–я, Ё/ё and a few
 * typographic characters. Throws on anything it cannot map, so bad output is never silent.
 */

const EXTRA: Record<number, number> = {
  0x0401: 0xa8, // Ё
  0x0451: 0xb8, // ё
  0x00ab: 0xab, // «
  0x00bb: 0xbb, // »
  0x2116: 0xb9, // №
  0x00a0: 0xa0, // no-break space
  0x2013: 0x96, // –
  0x2014: 0x97, // —
};

export function encodeCp1251(s: string): Buffer {
  const out = Buffer.allocUnsafe(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let b: number | undefined;
    if (c < 0x80) b = c;
    else if (c >= 0x0410 && c <= 0x044f) b = c - 0x0410 + 0xc0;
    else b = EXTRA[c];
    if (b === undefined) {
      throw new Error(`encodeCp1251: cannot map U+${c.toString(16).toUpperCase().padStart(4, '0')} at ${i}`);
    }
    out[i] = b;
  }
  return out;
}
