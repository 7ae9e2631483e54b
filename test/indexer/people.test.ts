import { describe, expect, it } from 'vitest';
import { editDistance, findTitledPeople, PeopleIndex, samePerson } from '../../indexer/extract/people.js';

describe('samePerson', () => {
  it.each([
    ['Chris Wray', 'Christopher Wray'],
    ['Wray', 'Christopher Wray'],
    ['Matthew G. Olsen', 'Matthew Olsen'],
    ['Miyousefi', 'Alireza Miryousefi'],
    ['Robert O’Brien', "Robert O'Brien"],
  ])('takes %s and %s for one person', (a, b) => {
    expect(samePerson(a, b)).toBe(true);
  });

  it.each([
    ['Joe Biden', 'Hunter Biden'],
    ['Wray', 'Gray'],
    ['Li', 'Lu'],
  ])('tells %s and %s apart', (a, b) => {
    expect(samePerson(a, b)).toBe(false);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('miryousefi', 'miyousefi')).toBe(1);
    expect(editDistance('wray', 'wary')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('PeopleIndex', () => {
  it('keeps the fullest name and the first role stated', () => {
    const people = PeopleIndex.from([
      { name: 'Wray', role: null, at: 30 },
      { name: 'Chris Wray', role: 'FBI Director', at: 10 },
      { name: 'Christopher Wray', role: 'the FBI Chief', at: 20 },
    ]);
    expect(people.people).toMatchObject([
      { name: 'Christopher Wray', role: 'FBI Director', agencies: ['FBI'] },
    ]);
  });

  it('finds the person behind a role by agency or by title', () => {
    const people = PeopleIndex.from([
      { name: 'Paul Nakasone', role: 'NSA Director', at: 1 },
      { name: 'Elena Cruz', role: 'State Department spokeswoman', at: 2 },
    ]);
    expect(people.byRole('the NSA chief', 5)?.name).toBe('Paul Nakasone');
    expect(people.byRole('spokeswoman', 5)?.name).toBe('Elena Cruz');
    expect(people.byRole('treasurer', 5)).toBeNull();
  });
});

describe('findTitledPeople', () => {
  it('reads names after a title, with the title words as the role', () => {
    expect(
      findTitledPeople(
        'The panel heard Director of National Intelligence Avril Haines and Kremlin spokesman Dmitry Peskov.',
      ),
    ).toMatchObject([
      { name: 'Avril Haines', role: 'Director of National Intelligence' },
      { name: 'Dmitry Peskov', role: 'Kremlin spokesman' },
    ]);
  });

  it('does not take capitalised places or groups for people', () => {
    expect(findTitledPeople('Voters in Pinellas County met the Proud Boys near the White House.')).toEqual(
      [],
    );
  });
});
