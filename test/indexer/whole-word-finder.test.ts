import { describe, expect, it } from 'vitest';
import { compileCountryMatcher, findCountryMentions } from '../../indexer/extract/countries.js';
import { DEFAULT_COUNTRIES } from '../../indexer/extract/lexicon.js';
import { literalAlternation, WholeWordFinder } from '../../indexer/extract/patterns.js';

const TEXTS = [
  'Russia and Iran, not New Mexico or Northern Ireland; North Korea and South Korea.',
  'US officials, the U.S. and USA; USSR is not US. BUS, usUS, 1US, US1 and “US”.',
  'Renew Russia: ReNew Russia, New\u00A0Russia, New  Russia, Latin\tAmerica.',
  'Éirelanders, éUS, 𝐀US, 𝐀 US and 中国US, Iran’s and Iran-backed, Irán.',
  '',
  'US',
  'Greater Russia and Greatest Russia, Upper Iran, Lowerchina China.',
];

describe('WholeWordFinder', () => {
  it('finds what matchAll finds with the lookbehind regex, in every odd position', () => {
    const finder = new WholeWordFinder(
      literalAlternation(['US', 'U.S.', 'Russia', 'Iran', 'China', 'Korea']),
      'gu',
      {
        pattern: '(?:New|Latin|North|Northern|South|Greater|Upper)\\s',
        length: 9,
      },
    );
    for (const text of TEXTS) {
      const expected = [...text.matchAll(finder.regex)].map((match) => [match.index, match[0]]);
      expect(
        [...finder.matches(text)].map((match) => [match.index, match.text]),
        text,
      ).toEqual(expected);
      expect(finder.test(text)).toBe(expected.length > 0);
      expect(finder.replace(text, (word) => `<${word}>`)).toBe(
        text.replace(finder.regex, (word) => `<${word}>`),
      );
    }
  });

  it('ignores case when its flags say so', () => {
    const finder = new WholeWordFinder(literalAlternation(['justice department', 'state department']), 'giu');
    const text = 'The Justice Department and the STATE DEPARTMENT, not the injustice department.';
    expect([...finder.matches(text)].map((match) => match.text)).toEqual([
      ...[...text.matchAll(finder.regex)].map((match) => match[0]),
    ]);
    expect([...finder.matches(text)]).toHaveLength(2);
  });

  it('finds the same country mentions as the full country regex', () => {
    const matcher = compileCountryMatcher(DEFAULT_COUNTRIES);
    for (const text of TEXTS) {
      const expected = [...text.matchAll(matcher.mention)].map((match) => [match.index, match[0]]);
      expect(expected.length).toBeLessThan(20);
      expect(
        [...matcher.finder.matches(text)].map((match) => [match.index, match.text]),
        text,
      ).toEqual(expected);
    }
    expect(findCountryMentions(TEXTS[0] ?? '', matcher).map((mention) => mention.country)).toEqual([
      'Russia',
      'Iran',
      'North Korea',
      'South Korea',
    ]);
  });
});
