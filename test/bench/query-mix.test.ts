import { describe, expect, it } from 'vitest';
import { plainMatch } from '../../bench/peers/fts5-floor.js';
import { containsNone, containsPhrase } from '../../bench/peers/phrase-check.js';
import {
  chooseFilter,
  chooseQueryMix,
  misspell,
  QUERY_CLASSES,
  wordsNear,
  type CorpusStats,
} from '../../bench/query-mix.js';

const stats = (df: Record<string, number>, passages = 1000): CorpusStats => ({
  passages,
  df: new Map(Object.entries(df)),
  bigrams: [
    { words: ['voter', 'registration'], count: 40 },
    { words: ['the', 'election'], count: 30 },
    { words: ['phishing', 'emails'], count: 20 },
  ],
  countries: new Map([
    ['Iran', 30],
    ['Russia', 50],
  ]),
  years: new Map([
    [2016, 5],
    [2018, 5],
    [2020, 9],
    [2024, 2],
  ]),
});

describe('wordsNear', () => {
  it('picks the words whose passage count is nearest the target, long enough and not excluded', () => {
    const corpus = stats({ elections: 100, hackers: 90, voters: 300, disinformation: 12, the: 100 });
    expect(wordsNear(corpus, 100, 2, { minLetters: 5 })).toEqual(['elections', 'hackers']);
    expect(wordsNear(corpus, 100, 1, { minLetters: 5, exclude: new Set(['elections']) })).toEqual([
      'hackers',
    ]);
  });
});

describe('misspell', () => {
  it('drops an inner letter, avoiding spellings that are words of the corpus', () => {
    expect(misspell('ratcliffe', new Map())).toBe('ratciffe');
    expect(misspell('ratcliffe', new Map([['ratciffe', 1]]))).toBe('ratclffe');
  });
});

describe('chooseFilter', () => {
  it('filters on the most accused country and three middle years of the corpus', () => {
    expect(chooseFilter(stats({}))).toEqual({ country: 'Russia', from: '2019-01-01', to: '2021-12-31' });
  });

  it('has no filter when no country is accused', () => {
    expect(chooseFilter({ ...stats({}), countries: new Map() })).toBeNull();
  });
});

describe('chooseQueryMix', () => {
  const corpus = stats(
    {
      government: 110,
      campaign: 95,
      officials: 105,
      elections: 100,
      security: 90,
      disinformation: 21,
      registration: 19,
      ratcliffe: 3,
      kommersant: 4,
      phishing: 20,
      emails: 18,
      voter: 22,
      the: 900,
    },
    1000,
  );
  const mix = chooseQueryMix(corpus, 2, new Set(['the']));

  it('fills every class, deterministically', () => {
    for (const queryClass of QUERY_CLASSES) expect(mix.classes[queryClass].length).toBeGreaterThan(0);
    expect(chooseQueryMix(corpus, 2, new Set(['the']))).toEqual(mix);
  });

  it('types queries the way a reader would', () => {
    expect(mix.classes.rare.map((query) => query.q)).toEqual(['ratcliffe', 'kommersant']);
    expect(mix.classes.phrase.map((query) => query.q)).toEqual(['"voter registration"', '"phishing emails"']);
    expect(mix.classes.negation[0]?.q).toMatch(/^\w+ -\w+$/);
    expect(mix.classes.prefix[0]).toMatchObject({ q: 'elec', prefix: 'elec' });
    expect(mix.classes.typo[0]?.typo).not.toBeNull();
  });
});

describe('plainMatch (the floor query)', () => {
  it('writes words, phrases, prefixes and negations as plain FTS5 syntax', () => {
    const base = { q: '', must: [], phrase: [], not: [], prefix: null, typo: null };
    expect(plainMatch({ ...base, must: ['russian', 'hackers'] })).toBe('"russian" AND "hackers"');
    expect(plainMatch({ ...base, phrase: ['voter', 'registration'] })).toBe('"voter registration"');
    expect(plainMatch({ ...base, prefix: 'elec' })).toBe('"elec"*');
    expect(plainMatch({ ...base, must: ['sanctions'], not: ['russia'] })).toBe(
      '("sanctions") NOT ("russia")',
    );
  });
});

describe('post-filters for peers without phrases or negation', () => {
  it('finds a phrase only as consecutive words, ignoring case and punctuation', () => {
    expect(containsPhrase('Voter registration, systems were hit.', ['voter', 'registration'])).toBe(true);
    expect(containsPhrase('Registration of every voter.', ['voter', 'registration'])).toBe(false);
  });

  it('keeps a text only when it holds none of the excluded words', () => {
    expect(containsNone('Sanctions on Iran.', ['russia'])).toBe(true);
    expect(containsNone('Sanctions on Russia.', ['russia'])).toBe(false);
  });
});
