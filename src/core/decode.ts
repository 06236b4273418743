/** Text encodings Orientir recognises in uploaded files. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251' | 'koi8-r';

/** A decoded file: its text (without BOM) and the encoding it was read as. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** True when the bytes are UTF-8 without BOM, so they can go to DuckDB unchanged. */
  utf8AsIs: boolean;
}

/**
 * Decodes bytes as Russian users' files come: a BOM decides; else strict UTF-8; else a single-byte
 * Cyrillic code page. Windows-1251 is what Russian Excel writes; KOI8-R is chosen only when its
 * reading looks like Russian text and windows-1251's does not (lower-case letters dominate).
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', utf8AsIs: false };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', utf8AsIs: false };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', utf8AsIs: false };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: 'utf-8', utf8AsIs: true };
  } catch {
    // not UTF-8: fall through to the Cyrillic code pages
  }
  const cp1251 = new TextDecoder('windows-1251').decode(bytes);
  if (lowerCaseCyrillicShare(cp1251) >= 0.5) return { text: cp1251, encoding: 'windows-1251', utf8AsIs: false };
  const koi8 = new TextDecoder('koi8-r').decode(bytes);
  if (lowerCaseCyrillicShare(koi8) > lowerCaseCyrillicShare(cp1251)) {
    return { text: koi8, encoding: 'koi8-r', utf8AsIs: false };
  }
  return { text: cp1251, encoding: 'windows-1251', utf8AsIs: false };
}

/** Share of lower-case letters among Cyrillic letters in a sample: Russian prose is mostly lower case. */
function lowerCaseCyrillicShare(text: string): number {
  let lower = 0;
  let all = 0;
  const end = Math.min(text.length, 20_000);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x430 && c <= 0x44f) {
      lower++;
      all++;
    } else if (c >= 0x410 && c <= 0x42f) all++;
  }
  return all === 0 ? 1 : lower / all;
}

/** Whether bytes look binary (NUL bytes in the first block): such files are not tables. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  let nul = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0) nul++;
  return nul > 0 && !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff);
}
