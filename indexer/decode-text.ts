/** Bytes turned into article text, or why they are not article text (with the line at fault). */
export type DecodedText = { ok: true; text: string } | { ok: false; reason: string; line?: number };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Control characters that have no place in article text: C0 except tab, line feed, vertical tab,
 * form feed and carriage return (which text files do use), DEL, and the C1 range.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const STRAY_CONTROL = /[\u0001-\u0008\u000E-\u001F\u007F-\u009F]/g;

/** More control characters than this share of the text means it is not text at all. */
const BINARY_CONTROL_SHARE = 0.01;

/**
 * Decodes the bytes of an article (a whole file, or one JSONL line) as UTF-8 and refuses what is
 * not text: invalid UTF-8 (naming the first bad byte and its line), UTF-16, and binary data (a NUL
 * byte, or control characters making up more than 1 % of it). A few stray control characters in
 * otherwise good text are replaced by spaces, so they never reach titles or passages.
 */
export function decodeArticleText(bytes: Uint8Array, unit: 'file' | 'line' = 'file'): DecodedText {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return notUtf8(bytes, unit);
  }
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    return {
      ok: false,
      reason: `the ${unit} is binary data, not text: it holds a NUL byte`,
      line: lineAt(text, nul),
    };
  }
  const controls = [...text.matchAll(STRAY_CONTROL)];
  const first = controls[0];
  if (first === undefined) return { ok: true, text };
  if (controls.length > Math.max(1, text.length * BINARY_CONTROL_SHARE)) {
    return {
      ok: false,
      reason: `the ${unit} is binary data, not text: ${controls.length} of its ${text.length} characters are control characters`,
      line: lineAt(text, first.index),
    };
  }
  return { ok: true, text: replaceStrayControls(text) };
}

/** Replaces control characters that have no place in article text by spaces. */
export function replaceStrayControls(text: string): string {
  return text.replace(STRAY_CONTROL, ' ');
}

/**
 * The offset of the first byte that breaks UTF-8 (a stray continuation byte, a truncated or
 * overlong sequence, a surrogate, a code point past U+10FFFF), or -1 when every byte is valid.
 * https://www.unicode.org/versions/latest/core-spec/chapter-3/#G27506 (table 3-7)
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when there is none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] ?? 0;
  if (lead < 0x80) return 1;
  const shape = sequenceShape(lead);
  if (shape === null || i + shape.length > bytes.length) return 0;
  const second = bytes[i + 1] ?? 0;
  if (second < shape.low || second > shape.high) return 0;
  for (let k = 2; k < shape.length; k++) {
    const next = bytes[i + k] ?? 0;
    if (next < 0x80 || next > 0xbf) return 0;
  }
  return shape.length;
}

/**
 * The length of the sequence a lead byte opens and the range its second byte must fall in; later
 * bytes are always 80–BF. The narrow ranges exclude overlong forms, surrogates and code points
 * past U+10FFFF.
 */
function sequenceShape(lead: number): { length: number; low: number; high: number } | null {
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 2, low: 0x80, high: 0xbf };
  if (lead === 0xe0) return { length: 3, low: 0xa0, high: 0xbf };
  if (lead === 0xed) return { length: 3, low: 0x80, high: 0x9f };
  if (lead >= 0xe1 && lead <= 0xef) return { length: 3, low: 0x80, high: 0xbf };
  if (lead === 0xf0) return { length: 4, low: 0x90, high: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { length: 4, low: 0x80, high: 0xbf };
  if (lead === 0xf4) return { length: 4, low: 0x80, high: 0x8f };
  return null;
}

function notUtf8(bytes: Uint8Array, unit: 'file' | 'line'): DecodedText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, reason: `the ${unit} is UTF-16 text, not UTF-8: save the file as UTF-8`, line: 1 };
  }
  const offset = firstInvalidUtf8Byte(bytes);
  const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return {
    ok: false,
    reason: `the ${unit} is not UTF-8 text: byte 0x${byte} at offset ${offset} is not valid UTF-8 (save the file as UTF-8)`,
    line: 1 + countNewlines(bytes, offset),
  };
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) count++;
  return count;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
