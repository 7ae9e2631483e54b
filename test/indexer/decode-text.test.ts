import { describe, expect, it } from 'vitest';
import { decodeArticleText, firstInvalidUtf8Byte } from '../../indexer/decode-text.js';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('firstInvalidUtf8Byte', () => {
  it('accepts ASCII and every sequence length up to U+10FFFF', () => {
    expect(firstInvalidUtf8Byte(new TextEncoder().encode('a é € 𝄞 \u{10FFFF}'))).toBe(-1);
  });

  it.each([
    ['a stray continuation byte', bytes(0x61, 0x80), 1],
    ['a Latin-1 é', bytes(0x63, 0x61, 0x66, 0xe9), 3],
    ['an overlong two-byte form', bytes(0xc0, 0xaf), 0],
    ['an overlong three-byte form', bytes(0xe0, 0x80, 0xaf), 0],
    ['an encoded surrogate', bytes(0xed, 0xa0, 0x80), 0],
    ['a code point past U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['a sequence cut short by the end', bytes(0x61, 0xe2, 0x82), 1],
    ['a sequence cut short by ASCII', bytes(0xe2, 0x41, 0x41), 0],
  ])('finds %s', (_, input, offset) => {
    expect(firstInvalidUtf8Byte(input)).toBe(offset);
  });
});

describe('decodeArticleText', () => {
  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeArticleText(bytes(0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9))).toEqual({ ok: true, text: 'hé' });
  });

  it('names the line of the first invalid byte', () => {
    const input = Buffer.concat([Buffer.from('one\ntwo\nthr'), bytes(0xff), Buffer.from('ee')]);
    expect(decodeArticleText(input)).toEqual({
      ok: false,
      line: 3,
      reason:
        'the file is not UTF-8 text: byte 0xFF at offset 11 is not valid UTF-8 (save the file as UTF-8)',
    });
  });

  it('recognises UTF-16 by its byte-order mark', () => {
    expect(decodeArticleText(Buffer.from('\uFEFFhi', 'utf16le'))).toMatchObject({
      ok: false,
      reason: 'the file is UTF-16 text, not UTF-8: save the file as UTF-8',
    });
  });

  it('refuses text with a NUL byte as binary, naming the line', () => {
    expect(decodeArticleText(Buffer.from('one\ntwo\0'), 'line')).toEqual({
      ok: false,
      line: 2,
      reason: 'the line is binary data, not text: it holds a NUL byte',
    });
  });

  it('refuses text where control characters are more than 1 % of it', () => {
    const text = `${'word '.repeat(100)}${'\u001b'.repeat(6)}`;
    expect(decodeArticleText(Buffer.from(text))).toMatchObject({ ok: false, line: 1 });
  });

  it('keeps tabs, line breaks and form feeds, and turns a few stray controls into spaces', () => {
    const text = `a\tb\r\nc\fd${'word '.repeat(100)}e\u0007f\u0085g`;
    expect(decodeArticleText(Buffer.from(text))).toEqual({
      ok: true,
      text: `a\tb\r\nc\fd${'word '.repeat(100)}e f g`,
    });
  });
});
