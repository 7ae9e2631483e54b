import { describe, expect, it } from 'vitest';
import type { ParsedQuery } from '../../engine/query.js';
import { hasPositiveTerms, isEmptyQuery, MAX_QUERY_TERMS, parseQuery } from '../../engine/query.js';

const none: ParsedQuery = {
  terms: [],
  phrases: [],
  excludedTerms: [],
  excludedPhrases: [],
  truncated: false,
};
const query = (parts: Partial<ParsedQuery>): ParsedQuery => ({ ...none, ...parts });

describe('parseQuery', () => {
  it('makes every word a required term and the last one a prefix', () => {
    expect(parseQuery('Iran voter data')).toEqual(
      query({
        terms: [
          { tokens: ['iran'], prefix: false },
          { tokens: ['voter'], prefix: false },
          { tokens: ['data'], prefix: true },
        ],
      }),
    );
  });

  it('does not treat the last word as a prefix once a space follows it', () => {
    expect(parseQuery('Iran ').terms).toEqual([{ tokens: ['iran'], prefix: false }]);
  });

  it('reads a phrase in straight quotes', () => {
    expect(parseQuery('"Vote for Trump or else"')).toEqual(
      query({ phrases: [['vote', 'for', 'trump', 'or', 'else']] }),
    );
  });

  it.each([
    ['“Vote for Trump or else”'],
    ['„Vote for Trump or else“'],
    ['«Vote for Trump or else»'],
    ['»Vote for Trump or else«'],
    ['‘Vote for Trump or else’'],
    ['"Vote for Trump or else”'],
  ])('reads a phrase in typographic quotes: %s', (input) => {
    expect(parseQuery(input)).toEqual(query({ phrases: [['vote', 'for', 'trump', 'or', 'else']] }));
  });

  it('keeps apostrophes inside words', () => {
    expect(parseQuery('Ratcliffe’s don’t ')).toEqual(
      query({
        terms: [
          { tokens: ['ratcliffe', 's'], prefix: false },
          { tokens: ['don', 't'], prefix: false },
        ],
      }),
    );
  });

  it('does not open a phrase on a single quote that nothing closes', () => {
    expect(parseQuery('‘tis the season ').terms.map((term) => term.tokens)).toEqual([
      ['tis'],
      ['the'],
      ['season'],
    ]);
  });

  it('runs an unbalanced quote to the end of the input', () => {
    expect(parseQuery('iran "voter registration')).toEqual(
      query({ terms: [{ tokens: ['iran'], prefix: false }], phrases: [['voter', 'registration']] }),
    );
  });

  it('splits a word glued to a quote from the phrase', () => {
    expect(parseQuery('iran"voter data" russia ')).toEqual(
      query({
        terms: [
          { tokens: ['iran'], prefix: false },
          { tokens: ['russia'], prefix: false },
        ],
        phrases: [['voter', 'data']],
      }),
    );
  });

  it('reads -word and -"phrase" as negations', () => {
    expect(parseQuery('election -Russia -"voter data"')).toEqual(
      query({
        terms: [{ tokens: ['election'], prefix: false }],
        excludedTerms: [['russia']],
        excludedPhrases: [['voter', 'data']],
      }),
    );
  });

  it('never makes a negated last word a prefix', () => {
    expect(parseQuery('iran -russ').excludedTerms).toEqual([['russ']]);
    expect(parseQuery('iran -russ').terms).toEqual([{ tokens: ['iran'], prefix: false }]);
  });

  it('keeps a hyphen inside a word and ignores a lone one', () => {
    expect(parseQuery('co-op - vote ')).toEqual(
      query({
        terms: [
          { tokens: ['co', 'op'], prefix: false },
          { tokens: ['vote'], prefix: false },
        ],
      }),
    );
  });

  it('drops words without letters or digits', () => {
    expect(parseQuery('* ( ) - -- "" 😀 & |')).toEqual(none);
  });

  it('reads FTS5 operators as plain words', () => {
    expect(parseQuery('AND OR NOT NEAR(a b) title:foo ^x').terms.map((term) => term.tokens)).toEqual([
      ['and'],
      ['or'],
      ['not'],
      ['near', 'a'],
      ['b'],
      ['title', 'foo'],
      ['x'],
    ]);
  });

  it('makes a trailing * part of a prefix word', () => {
    expect(parseQuery('Ratcl*').terms).toEqual([{ tokens: ['ratcl'], prefix: true }]);
  });

  it('ignores repeated words', () => {
    expect(parseQuery('iran iran Iran ').terms).toEqual([{ tokens: ['iran'], prefix: false }]);
  });

  it(`keeps at most ${MAX_QUERY_TERMS} terms and says so`, () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`);
    const parsed = parseQuery(words.join(' '));
    expect(parsed.terms).toHaveLength(MAX_QUERY_TERMS);
    expect(parsed.truncated).toBe(true);
    expect(parsed.terms.every((term) => !term.prefix)).toBe(true);
  });

  it('is not truncated under the cap', () => {
    expect(parseQuery('a b c').truncated).toBe(false);
  });

  it('survives 5,000 characters', () => {
    const parsed = parseQuery(`"${'a'.repeat(5_000)}`);
    expect(parsed.phrases).toEqual([['a'.repeat(5_000)]]);
  });
});

describe('query predicates', () => {
  it('tells empty, negation-only and positive queries apart', () => {
    expect(isEmptyQuery(parseQuery('  * '))).toBe(true);
    expect(isEmptyQuery(parseQuery('-iran'))).toBe(false);
    expect(hasPositiveTerms(parseQuery('-iran'))).toBe(false);
    expect(hasPositiveTerms(parseQuery('"iran"'))).toBe(true);
  });
});
