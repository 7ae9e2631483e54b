import { describe, expect, it } from 'vitest';
import { extractAccusedCountries, findAccusations } from '../../indexer/extract/countries.js';

const accused = extractAccusedCountries;

describe('extractAccusedCountries: who is accused', () => {
  it('finds countries that are the subject of an interfering verb', () => {
    expect(accused('Russia and Iran have tried to interfere with the 2020 presidential election.')).toEqual([
      'Iran',
      'Russia',
    ]);
  });

  it('finds the object of "accusing … of"', () => {
    expect(
      accused('Top officials are directly accusing Iran and Russia of interference with the election.'),
    ).toEqual(['Iran', 'Russia']);
  });

  it('follows "and separately, by" after an agent', () => {
    expect(
      accused('Voter registration information has been obtained by Iran, and separately, by Russia.'),
    ).toEqual(['Iran', 'Russia']);
  });

  it('maps metonyms to countries', () => {
    expect(accused('Schumer agreed that interference by Tehran and Moscow is real.')).toEqual([
      'Iran',
      'Russia',
    ]);
    expect(accused('The report said Beijing has tried to influence the election.')).toEqual(['China']);
    expect(accused('Officials said Pyongyang was behind the hacking of campaign emails.')).toEqual([
      'North Korea',
    ]);
    expect(accused('Warnings said the Islamic Republic might interfere in the electoral process.')).toEqual([
      'Iran',
    ]);
  });

  it('reads demonyms on actors', () => {
    expect(accused('US officials accused Russian hackers of targeting state networks.')).toEqual(['Russia']);
    expect(
      accused('The alert said Iranian cyber actors carried out an online operation to intimidate voters.'),
    ).toEqual(['Iran']);
  });

  it('reads "the Iranian government was involved" after an act named earlier in the paragraph', () => {
    const text =
      'Officials are investigating whether people had hacked into a network. ' +
      'This source said officials suspect the Iranian government was involved.';
    expect(accused(text)).toEqual(['Iran']);
  });

  it('reads a relative clause and a hyphenated demonym', () => {
    expect(
      accused(
        'Officials are bracing for more from Russia, which also has managed to access voter databases.',
      ),
    ).toEqual(['Russia']);
    expect(accused('Two Iranian-based actors waged a campaign to sow discord among voters.')).toEqual([
      'Iran',
    ]);
  });

  it('reads where an operation was run from', () => {
    expect(accused('Facebook removed accounts operated from Iran that targeted US voters.')).toEqual([
      'Iran',
    ]);
  });

  it('maps state bodies to their country', () => {
    expect(accused('Prosecutors said the GRU hacked the campaign in 2016.')).toEqual(['Russia']);
  });

  it('accuses the United States when a sentence says so', () => {
    expect(accused('Venezuela has accused the United States of meddling in its election.')).toEqual([
      'United States',
    ]);
  });

  it('reads possessives and tracing', () => {
    expect(accused('Democrats made claims of Russia’s meddling in the 2016 campaign.')).toEqual(['Russia']);
    expect(accused('It took officials 27 hours to trace the spoofed emails back to Tehran.')).toEqual([
      'Iran',
    ]);
  });
});

describe('extractAccusedCountries: who is not accused', () => {
  it('does not accuse the accuser', () => {
    expect(
      accused('The United States accuses six Iranians of trying to undermine confidence in the election.'),
    ).toEqual(['Iran']);
    expect(accused('US officials said Russian hackers stole data.')).toEqual(['Russia']);
  });

  it('does not accuse a go-between', () => {
    expect(
      accused(
        'Iran summoned the Swiss envoy. Switzerland represents US interests in Iran because Washington and Tehran have no ties.',
      ),
    ).toEqual([]);
  });

  it('does not accuse partners that issued a warning', () => {
    expect(
      accused(
        'Officials in the United States, Britain and Australia warned that hackers linked to the Iranian government were targeting victims.',
      ),
    ).toEqual(['Iran']);
  });

  it('does not accuse the place where voters live', () => {
    expect(accused('The campaign intimidated voters in the United States and in Canada.')).toEqual([]);
  });

  it('does not accuse a country that denies', () => {
    expect(accused('Moscow and Tehran swiftly rejected the accusations.')).toEqual([]);
    expect(accused('“Unlike the U.S., Iran does not interfere in other countries elections.”')).toEqual([]);
    expect(
      accused('Shortly after, Russia denied interference with the U.S. 2020 presidential election.'),
    ).toEqual([]);
  });

  it('does not accuse without an act of interference', () => {
    expect(accused('Trump exited Iran’s 2015 nuclear deal and stepped up sanctions on Tehran.')).toEqual([]);
  });

  it('does not accuse the country whose adversaries are meant', () => {
    expect(
      accused('We have stopped an attempt by America’s adversaries to undermine our elections.'),
    ).toEqual([]);
  });

  it('does not accuse a negated subject', () => {
    expect(accused('Officials said Russia has not tried to interfere this year.')).toEqual([]);
  });

  it('does not take a newspaper for an actor', () => {
    expect(
      accused('A Russian newspaper alleged that hackers had stolen data from millions of voters.'),
    ).toEqual([]);
  });

  it('does not accuse the victim of a passive verb', () => {
    expect(accused('Voters in the United States targeted by the emails were frightened.')).toEqual([]);
  });
});

describe('extractAccusedCountries: names from the country packages', () => {
  it('knows countries, capitals and demonyms that no hand list named', () => {
    expect(accused('Investigators said Minsk had tried to influence the vote in Lithuania.')).toEqual([
      'Belarus',
    ]);
    expect(accused('The report said Venezuelan hackers targeted the electoral commission.')).toEqual([
      'Venezuela',
    ]);
    expect(accused('Officials accused Azerbaijan of spreading disinformation before the election.')).toEqual([
      'Azerbaijan',
    ]);
  });

  it('reads every written form of the United States', () => {
    for (const us of ['the U.S.', 'the US', 'the USA', 'America', 'Washington']) {
      expect(accused(`Moscow accused ${us} of meddling in its election.`), us).toEqual(['United States']);
    }
  });

  it('does not read a place inside a longer place name as the country', () => {
    expect(accused('Hackers based in New Mexico targeted the county website.')).toEqual([]);
    expect(accused('Officials said Latin America had been targeted by disinformation campaigns.')).toEqual(
      [],
    );
  });

  it('does not take a person named like a country for the country', () => {
    expect(accused('Jordan hacked into the campaign’s email account, prosecutors said.')).toEqual([]);
    expect(accused('Amman hacked into the campaign’s email account, prosecutors said.')).toEqual(['Jordan']);
  });
});

describe('findAccusations', () => {
  it('names the rule and sentence behind each accusation', () => {
    expect(findAccusations('Iran sent spoofed emails to intimidate voters.')).toEqual([
      {
        country: 'Iran',
        rule: 'subject of an interfering verb',
        sentence: 'Iran sent spoofed emails to intimidate voters.',
      },
    ]);
  });
});
