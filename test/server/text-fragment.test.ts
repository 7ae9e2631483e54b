import { describe, expect, it } from 'vitest';
import {
  encodeFragmentTerm,
  passageInOriginal,
  safeHttpUrl,
  textDirective,
} from '../../server/text-fragment.js';

describe('links to a passage in the original article', () => {
  it('uses the first and last words of a long passage as start and end', () => {
    const text =
      'US officials said Russia and Iran have separately obtained certain voter registration information.';
    expect(textDirective(text)).toBe(
      'text=US%20officials%20said%20Russia%20and,obtained%20certain%20voter%20registration%20information',
    );
  });

  it('uses the whole text of a short passage, without edge punctuation', () => {
    expect(textDirective('"Vote for Trump or else!"')).toBe('text=Vote%20for%20Trump%20or%20else');
  });

  it('encodes the characters that are syntax in a text directive: dash, comma and ampersand', () => {
    expect(encodeFragmentTerm('pro-Kremlin, Smith & Co')).toBe('pro%2DKremlin%2C%20Smith%20%26%20Co');
    const directive = textDirective('A pro-Kremlin outlet, RT & Sputnik, said so.') ?? '';
    expect(directive.slice('text='.length).split(',')).toHaveLength(1);
    expect(decodeURIComponent(directive.slice('text='.length))).toBe(
      'A pro-Kremlin outlet, RT & Sputnik, said so',
    );
  });

  it('replaces an existing fragment and keeps the query of the original address', () => {
    expect(passageInOriginal('https://news.example/a?id=7#top', 'Short passage here.')).toBe(
      'https://news.example/a?id=7#:~:text=Short%20passage%20here',
    );
  });

  it('links nowhere when the address is unknown or not a web address', () => {
    expect(passageInOriginal(null, 'text')).toBeNull();
    expect(passageInOriginal('javascript:alert(1)', 'text')).toBeNull();
    expect(passageInOriginal('not a url', 'text')).toBeNull();
    expect(safeHttpUrl('ftp://files.example/x')).toBeNull();
  });
});
