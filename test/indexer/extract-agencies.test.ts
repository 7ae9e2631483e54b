import { describe, expect, it } from 'vitest';
import {
  compileAgencyMatcher,
  extractAgencies,
  extractArticleAgencies,
} from '../../indexer/extract/agencies.js';
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

  it('reads agencies in titles and possessives', () => {
    expect(
      extractAgencies('FBI Director Chris Wray and the FBI’s cyber division briefed reporters.'),
    ).toEqual(['FBI']);
    expect(extractAgencies('Director of National Intelligence Avril Haines testified.')).toEqual(['ODNI']);
    expect(extractAgencies('Deputy Attorney General Lisa Monaco announced the charges.')).toEqual(['DOJ']);
  });

  it('matches one-word names as written only', () => {
    expect(extractAgencies('The Pentagon and the Treasury declined to comment.')).toEqual([
      'DOD',
      'Treasury',
    ]);
    expect(extractAgencies('The party treasury was empty and the pentagon-shaped stage was dark.')).toEqual(
      [],
    );
  });

  it('reads a phrase whose words a scrape glued together', () => {
    expect(extractAgencies('entities controlled by the Islamic Revolutionary GuardCorps')).toEqual(['IRGC']);
  });

  it('keeps generic names of foreign services from matching on their own', () => {
    expect(extractAgencies('the Security Service of Ukraine and the Foreign Intelligence Service')).toEqual(
      [],
    );
    expect(extractAgencies('Russia’s Federal Security Service detained him.')).toEqual(['FSB']);
  });

  it('names a country’s ministry after its country', () => {
    expect(extractAgencies('Iran’s foreign ministry rejected the claims.')).toEqual([
      'Foreign Ministry (Iran)',
    ]);
    expect(extractAgencies('the Russian Foreign Ministry said')).toEqual(['Foreign Ministry (Russia)']);
    expect(extractAgencies('a statement from the Ministry of Foreign Affairs of China')).toEqual([
      'Foreign Ministry (China)',
    ]);
    expect(extractAgencies('The Defence Ministry of Ukraine said')).toEqual(['Defense Ministry (Ukraine)']);
  });

  it('leaves a ministry unnamed until the article has said whose it is', () => {
    expect(extractAgencies('A Foreign Ministry spokesman denied the report.')).toEqual([]);
    expect(
      extractArticleAgencies([
        'The Foreign Ministry was silent.',
        'Later the Chinese Foreign Ministry called the report false.',
        'The Foreign Ministry spokesman repeated the denial.',
      ]),
    ).toEqual([[], ['Foreign Ministry (China)'], ['Foreign Ministry (China)']]);
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
