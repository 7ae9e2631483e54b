import { describe, expect, it } from 'vitest';
import { compileAgencyMatcher, extractAgencies } from '../../indexer/extract/agencies.js';
import { parseAgencies } from '../../indexer/extract/lexicon.js';

describe('extractAgencies', () => {
  it('finds agencies by acronym and by full name', () => {
    expect(
      extractAgencies(
        'An alert by the Federal Bureau of Investigation (FBI) and the Cybersecurity and Infrastructure Security Agency.',
      ),
    ).toEqual(['CISA', 'FBI']);
  });

  it('maps the intelligence director to ODNI', () => {
    expect(extractAgencies('US Director of National Intelligence John Ratcliffe spoke.')).toEqual(['ODNI']);
    expect(extractAgencies('The U.S. National Intelligence Director also charged that…')).toEqual(['ODNI']);
  });

  it('maps Treasury, Justice and State Department phrasings', () => {
    expect(extractAgencies('The United States Treasury imposed sanctions.')).toEqual(['Treasury']);
    expect(extractAgencies('the U.S. Treasury Department said')).toEqual(['Treasury']);
    expect(
      extractAgencies('US Attorney General Merrick Garland said the Justice Department would act.'),
    ).toEqual(['DOJ']);
    expect(extractAgencies('Last month, the State Department offered a reward.')).toEqual([
      'State Department',
    ]);
    expect(extractAgencies('US Department of Homeland Security and the FBI said')).toEqual(['DHS', 'FBI']);
  });

  it('matches acronyms only in capitals and as whole words', () => {
    expect(extractAgencies('The fbi and the cia were not mentioned; neither was NSAID or FBIs.')).toEqual([]);
  });

  it('does not take the National Security Adviser for the NSA', () => {
    expect(extractAgencies('US National Security Adviser Robert O’Brien told reporters.')).toEqual([]);
  });

  it('matches phrases in any case', () => {
    expect(extractAgencies('the DEPARTMENT OF HOMELAND SECURITY said')).toEqual(['DHS']);
  });

  it('uses an extended agency list', () => {
    const matcher = compileAgencyMatcher(
      parseAgencies([
        { name: 'BfV', fullName: 'Federal Office for the Protection of the Constitution', aliases: [] },
      ]),
    );
    expect(
      extractAgencies('Germany’s Federal Office for the Protection of the Constitution warned.', matcher),
    ).toEqual(['BfV']);
  });

  it('explains what is wrong with a broken agency list', () => {
    expect(() => parseAgencies([{ name: 'X' }])).toThrow(/agencies\.json is invalid:[\s\S]*fullName/);
  });
});
