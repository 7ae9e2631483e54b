import { describe, expect, it } from 'vitest';
import { buildCountryLexicon, dottedForms, peopleNoun } from '../../indexer/extract/country-lexicon.js';
import { DEFAULT_COUNTRIES } from '../../indexer/extract/lexicon.js';

const entry = (name: string) => DEFAULT_COUNTRIES.find((country) => country.name === name);

describe('the country vocabulary from the packages', () => {
  it('has every ISO country under its English short name', () => {
    expect(DEFAULT_COUNTRIES.length).toBeGreaterThan(240);
    for (const name of [
      'Iran',
      'Russia',
      'China',
      'North Korea',
      'United States',
      'United Kingdom',
      'Venezuela',
    ]) {
      expect(entry(name), name).toBeDefined();
    }
  });

  it('takes names, capitals and demonyms from the packages and metonyms from the extras', () => {
    expect(entry('Iran')).toMatchObject({
      names: expect.arrayContaining(['Tehran', 'Islamic Republic of Iran', 'Islamic Republic', 'IRGC']),
      demonyms: ['Iranian'],
      peoples: ['Iranians'],
    });
    expect(entry('United States')?.names).toEqual(
      expect.arrayContaining(['US', 'U.S.', 'USA', 'America', 'United States of America', 'Washington']),
    );
    expect(entry('Belarus')).toMatchObject({
      names: expect.arrayContaining(['Minsk']),
      demonyms: ['Belarusian'],
    });
  });

  it('gives a demonym two countries claim to the only sovereign one, or to none', () => {
    expect(entry('India')?.demonyms).toEqual(['Indian']);
    expect(entry('Dominican Republic')?.demonyms).toEqual([]);
    expect(entry('Dominica')?.demonyms).toEqual([]);
  });

  it('drops names that English news mostly uses for something else', () => {
    expect(entry('Jordan')).toMatchObject({ matchName: false, demonyms: ['Jordanian'] });
    expect(entry('Georgia')?.matchName).toBe(false);
  });

  it('refuses extras for a country that does not exist', () => {
    expect(() =>
      buildCountryLexicon({ metonyms: { Atlantis: ['Poseidonia'] }, stateBodies: {}, ambiguous: [] }),
    ).toThrow(/no country is named "Atlantis"/);
  });
});

describe('derived forms', () => {
  it('writes short codes with dots', () => {
    expect(dottedForms('US')).toEqual(['U.S.', 'U.S']);
    expect(dottedForms('Iran')).toEqual([]);
  });

  it('makes the plural noun for the people where English has one', () => {
    expect(peopleNoun('Iranian')).toBe('Iranians');
    expect(peopleNoun('North Korean')).toBe('North Koreans');
    expect(peopleNoun('Saudi')).toBe('Saudis');
    expect(peopleNoun('Chinese')).toBeNull();
    expect(peopleNoun('British')).toBeNull();
    expect(peopleNoun('Swiss')).toBeNull();
  });
});
