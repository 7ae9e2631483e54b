import { describe, expect, it } from 'vitest';
import {
  damerauLevenshtein,
  firstLetterTypoForms,
  isTypoOf,
  typoBudget,
  typoCount,
} from '../../engine/typo.js';

const dl = (a: string, b: string, max?: number) => damerauLevenshtein([...a], [...b], max);

describe('typoBudget', () => {
  it('allows no typo under 5 letters, 1 from 5, 2 from 9', () => {
    expect([1, 4, 5, 8, 9, 20].map(typoBudget)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('damerauLevenshtein', () => {
  it('counts substitutions, insertions and deletions', () => {
    expect(dl('kremlin', 'kremlln')).toBe(1);
    expect(dl('kremlin', 'kremin')).toBe(1);
    expect(dl('kremlin', 'kreemlin')).toBe(1);
    expect(dl('kitten', 'sitting')).toBe(3);
  });

  it('counts a transposition as one typo', () => {
    expect(dl('ratcliffe', 'rtacliffe')).toBe(1);
    expect(dl('ab', 'ba')).toBe(1);
  });

  it('counts letters, not UTF-16 units', () => {
    expect(dl('zürich', 'zurich')).toBe(1);
    expect(dl('𝒳ab', 'ab')).toBe(1);
  });

  it('stops early once above the bound', () => {
    expect(dl('interference', 'sanctions', 2)).toBe(3);
    expect(dl('abcdef', 'a', 1)).toBe(2);
  });
});

describe('typoCount', () => {
  it('is 0 for the same word', () => {
    expect(typoCount('ratcliffe', 'ratcliffe')).toBe(0);
  });

  it('counts a typo on the first letter as 2', () => {
    expect(typoCount('katcliffe', 'ratcliffe')).toBe(2);
    expect(typoCount('atcliffe', 'ratcliffe')).toBe(2);
    expect(typoCount('xratcliffe', 'ratcliffe')).toBe(2);
    expect(typoCount('artcliffe', 'ratcliffe')).toBe(2);
  });

  it('allows nothing else besides a first-letter typo', () => {
    expect(typoCount('katclife', 'ratcliffe')).toBe(3);
  });
});

describe('isTypoOf', () => {
  it('accepts one typo from 5 letters', () => {
    expect(isTypoOf('kremlln', 'kremlin')).toBe(true);
    expect(isTypoOf('ratclife', 'ratcliffe')).toBe(true);
    expect(isTypoOf('sanctons', 'sanctions')).toBe(true);
  });

  it('accepts no typo under 5 letters', () => {
    expect(isTypoOf('iram', 'iran')).toBe(false);
    expect(isTypoOf('fbi', 'fbo')).toBe(false);
  });

  it('accepts two typos from 9 letters', () => {
    expect(isTypoOf('intrferance', 'interference')).toBe(true);
    expect(isTypoOf('electoin', 'elections')).toBe(false);
  });

  it('refuses a first-letter typo under 9 letters', () => {
    expect(isTypoOf('tremlin', 'kremlin')).toBe(false);
    expect(isTypoOf('rkemlin', 'kremlin')).toBe(false);
  });

  it('accepts a first-letter typo from 9 letters only when the rest is exact', () => {
    expect(isTypoOf('tatcliffe', 'ratcliffe')).toBe(true);
    expect(isTypoOf('tatclifge', 'ratcliffe')).toBe(false);
  });

  it('does not call an exact match a typo', () => {
    expect(isTypoOf('kremlin', 'kremlin')).toBe(false);
  });
});

describe('firstLetterTypoForms', () => {
  it('gives the exact lookups for a typo on the first letter', () => {
    expect(firstLetterTypoForms('ratcliffe')).toEqual({
      substitutedRest: 'atcliffe',
      deleted: 'atcliffe',
      inserted: 'ratcliffe',
      transposed: 'artcliffe',
    });
  });

  it('has no transposition when the first two letters are equal', () => {
    expect(firstLetterTypoForms('aachen').transposed).toBeNull();
  });
});
