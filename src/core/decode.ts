import { concatBytes } from './bytes.ts';

/** Text encodings Orientir recognises in uploaded files. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251' | 'koi8-r';

/** A decoded file: its text (without BOM) and the encoding it was read as. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** True when the bytes are UTF-8 without BOM, so they can go to DuckDB unchanged. */
  utf8AsIs: boolean;
}

/** How many leading characters russianLikeness judges a decoding by. */
const LIKENESS_CHARS = 64 * 1024;

/**
 * Decodes bytes as Russian users' files come: a BOM decides; else strict UTF-8; else a single-byte
 * Cyrillic code page. Windows-1251 is what Russian Excel writes; KOI8-R is chosen only when its
 * reading looks more like Russian (by letter frequencies).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const file = decodeFile(bytes);
  return { text: file.text(), encoding: file.encoding, utf8AsIs: file.utf8AsIs };
}

/** Characters at the start of a file an importer sniffs the table from (as sniffDialect reads). */
const HEAD_CHARS = 256 * 1024;

/**
 * A file decoded as decodeText does, for the importer, which needs the whole text only sometimes:
 * a single-byte code page is decoded up front only for its first HEAD_CHARS characters, and goes
 * to the engine as UTF-8 transcoded byte by byte (no string of the whole file in between).
 */
export interface DecodedFile {
  encoding: TextEncodingName;
  /** True when the bytes are UTF-8 without BOM, so they go to DuckDB unchanged. */
  utf8AsIs: boolean;
  /** The text's first HEAD_CHARS characters at least. */
  head: string;
  /** The whole text (decoded on the first call). */
  text(): string;
  /** Whether the text holds this ASCII character (checked on the bytes when they are single-byte). */
  contains(ascii: string): boolean;
  /** The text as UTF-8 bytes without BOM. */
  utf8(): Uint8Array;
}

/** A DecodedFile of text already in memory (a workbook's sheet as CSV, for instance). */
export function decodedFromText(text: string): DecodedFile {
  return { encoding: 'utf-8', utf8AsIs: false, head: text, text: () => text, contains: (c) => text.includes(c), utf8: () => new TextEncoder().encode(text) };
}

/** Decodes a file as decodeText does; see DecodedFile. */
export function decodeFile(bytes: Uint8Array): DecodedFile {
  const whole = (text: string, encoding: TextEncodingName, asIs = false): DecodedFile => ({
    ...decodedFromText(text),
    encoding,
    utf8AsIs: asIs,
    utf8: () => (asIs ? bytes : new TextEncoder().encode(text)),
  });
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return whole(new TextDecoder('utf-8').decode(bytes.subarray(3)), 'utf-8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return whole(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return whole(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be');
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return whole(new TextDecoder(utf16).decode(bytes), utf16);
  try {
    return whole(new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'utf-8', true);
  } catch {
    // not UTF-8: fall through to the Cyrillic code pages
  }
  // Both code pages are one byte per character, so the first LIKENESS_CHARS bytes decode to exactly
  // the characters russianLikeness reads: judge on them.
  const likeness = bytes.subarray(0, LIKENESS_CHARS);
  const encoding = russianLikeness(new TextDecoder('koi8-r').decode(likeness)) > russianLikeness(new TextDecoder('windows-1251').decode(likeness))
    ? 'koi8-r'
    : 'windows-1251';
  let text: string | undefined;
  return {
    encoding,
    utf8AsIs: false,
    head: new TextDecoder(encoding).decode(bytes.subarray(0, HEAD_CHARS)),
    text: () => (text ??= new TextDecoder(encoding).decode(bytes)),
    // Every ASCII character is its own byte in both code pages.
    contains: (c) => bytes.includes(c.charCodeAt(0)),
    utf8: () => singleByteToUtf8(bytes, encoding),
  };
}

/**
 * The UTF-8 bytes of single-byte code-page text, the same as TextEncoder gives for its decoding,
 * made a mebibyte at a time: the code pages are stateless, so any cut between bytes is a cut
 * between characters, and the whole file never exists as a (two-byte) string. Measured cold on
 * the 1M-row file: ~265 ms, vs ~320 ms decoding and encoding it whole and ~340 ms mapping byte by
 * byte in JS.
 */
export function singleByteToUtf8(bytes: Uint8Array, encoding: 'windows-1251' | 'koi8-r'): Uint8Array {
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += UTF8_CHUNK) parts.push(encoder.encode(decoder.decode(bytes.subarray(at, at + UTF8_CHUNK))));
  return concatBytes(parts);
}

/** Bytes transcoded at a time by singleByteToUtf8. */
const UTF8_CHUNK = 1 << 20;

/** Letter frequencies of Russian text, per mille (а б в г д е ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я). */
const RUSSIAN_FREQ = [80, 16, 45, 17, 30, 85, 9, 16, 74, 12, 35, 44, 32, 67, 110, 28, 47, 55, 63, 26, 3, 10, 5, 14, 7, 4, 0.4, 19, 17, 3, 6, 20];

/**
 * How much a decoding reads like Russian: the mean letter frequency of its Cyrillic letters,
 * case-folded. A wrong code page turns common letters into rare ones (and back), whatever the case,
 * so upper-case headers such as «ШНОР;ВПР» are judged as well as prose.
 */
function russianLikeness(text: string): number {
  let sum = 0;
  let n = 0;
  const end = Math.min(text.length, LIKENESS_CHARS);
  for (let i = 0; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x410 && c <= 0x42f) c += 0x20;
    if (c >= 0x430 && c <= 0x44f) {
      sum += RUSSIAN_FREQ[c - 0x430]!;
      n++;
    } else if (c === 0x451) {
      sum += RUSSIAN_FREQ[5]!;
      n++;
    }
  }
  return n === 0 ? 0 : sum / n;
}

/**
 * UTF-16 without a BOM (a «Unicode text» whose BOM was lost): Russian and ASCII text in UTF-16 has
 * the high byte of every code unit 0x00 or 0x04 (Cyrillic), on the odd bytes (LE) or the even ones
 * (BE). Judged on the first block; needs NUL high bytes, so UTF-8 and code pages (no NUL) never match.
 */
export function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const end = Math.min(bytes.length, 8192) & ~1;
  if (end < 4) return undefined;
  const units = end / 2;
  let le = 0;
  let be = 0;
  let leNul = 0;
  let beNul = 0;
  for (let i = 0; i < end; i += 2) {
    const a = bytes[i]!;
    const b = bytes[i + 1]!;
    if ((b === 0 || b === 4) && a !== 0) {
      le++;
      if (b === 0) leNul++;
    }
    if ((a === 0 || a === 4) && b !== 0) {
      be++;
      if (a === 0) beNul++;
    }
  }
  // A few other characters (№, «—») are allowed: 95 % of the code units must fit.
  if (le >= units * 0.95 && leNul > 0) return 'utf-16le';
  if (be >= units * 0.95 && beNul > 0) return 'utf-16be';
  return undefined;
}

/** Whether bytes look binary (NUL bytes in the first block, and not UTF-16 text): such files are not tables. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  let nul = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0) nul++;
  return nul > 0 && !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff) && !utf16WithoutBom(bytes);
}
