import { describe, expect, it } from 'vitest';
import { extractQuotes, type ExtractedQuote } from '../../indexer/extract/quotes.js';

/** Quotes of an article given as paragraphs, numbered from 1 like passages. */
const quotes = (...paragraphs: string[]): ExtractedQuote[] =>
  extractQuotes(paragraphs.map((text, i) => ({ index: i + 1, text })));

const who = (...paragraphs: string[]): [string, string | null][] =>
  quotes(...paragraphs).map((quote) => [quote.text, quote.speaker]);

describe('extractQuotes: where the quotation is', () => {
  it('reads curly and straight quotation marks, and mixed pairs', () => {
    expect(quotes('“We are ready,” the minister said.').map((q) => q.text)).toEqual(['We are ready']);
    expect(quotes('"We are ready," the minister said.').map((q) => q.text)).toEqual(['We are ready']);
    expect(quotes('The mayor wrote that "the vote will be counted by Friday.”').map((q) => q.text)).toEqual([
      'the vote will be counted by Friday.',
    ]);
  });

  it('joins a quotation that runs on into the next paragraph', () => {
    const [quote, ...rest] = quotes(
      'The senator said: “We saw the attack coming. We warned the agencies.',
      '“Nobody listened to us,” she added.',
    );
    expect(rest).toEqual([]);
    expect(quote).toMatchObject({
      text: 'We saw the attack coming. We warned the agencies. Nobody listened to us',
      passageIndex: 1,
      passageIndexes: [1, 2],
    });
  });

  it('ends an unclosed quotation with its paragraph when the next one does not go on', () => {
    const found = quotes('The senator said: “We saw the attack coming.', 'Officials disagreed with her.');
    expect(found.map((q) => [q.text, q.passageIndexes])).toEqual([['We saw the attack coming.', [1]]]);
  });

  it('keeps a partial quote inside reported speech, with no speaker when the speaker is unnamed', () => {
    expect(
      who('The prosecutor charged that the group ran “a sustained campaign of deception” aimed at voters.'),
    ).toEqual([['a sustained campaign of deception', null]]);
  });

  it('leaves out scare quotes of up to three words that nobody says', () => {
    expect(quotes('The “leaked” files were fakes planted by a “news” site.')).toEqual([]);
  });

  it('keeps a short quote that a speech verb attributes', () => {
    expect(who('Maria Lopez, the commission chair, called the claims “utter nonsense”.')).toEqual([
      ['utter nonsense', 'Maria Lopez'],
    ]);
  });

  it('does not take apostrophes for quotation marks', () => {
    expect(quotes("The agency's director didn't comment on the voters' lists.")).toEqual([]);
  });

  it('reads single quotation marks in an article that uses no double ones', () => {
    expect(who("'We will not be intimidated,' said Home Secretary Priti Patel.")).toEqual([
      ['We will not be intimidated', 'Priti Patel'],
    ]);
  });
});

describe('extractQuotes: who said it', () => {
  it('reads "“…,” X said" with a title before the name and keeps the title as the role', () => {
    expect(
      quotes('“The servers were breached twice,” Election Commissioner Dana Whitfield said.'),
    ).toMatchObject([{ speaker: 'Dana Whitfield', speakerRole: 'Election Commissioner' }]);
  });

  it('reads "“…,” said X"', () => {
    expect(quotes('“We are looking into it,” said NSA spokeswoman Kate Ray.')).toMatchObject([
      { speaker: 'Kate Ray', speakerRole: 'NSA spokeswoman' },
    ]);
  });

  it('reads "X told CNN: “…”" and "X wrote: “…”"', () => {
    expect(who('Governor Ann Holt told CNN: “Every ballot is safe.”')).toEqual([
      ['Every ballot is safe.', 'Ann Holt'],
    ]);
    expect(who('In a blog post, researcher Tom Blake wrote: “The bots came from one server.”')).toEqual([
      ['The bots came from one server.', 'Tom Blake'],
    ]);
  });

  it('reads a name with an apposition as the role', () => {
    expect(
      quotes(
        '“It was clumsy,” Ana Pereira, a disinformation analyst at the Atlantic Council, told reporters.',
      ),
    ).toMatchObject([
      { speaker: 'Ana Pereira', speakerRole: 'disinformation analyst at the Atlantic Council' },
    ]);
  });

  it('reads a role first and the name in apposition', () => {
    expect(quotes('The head of the electoral board, Lars Dahl, said that “no data was lost.”')).toMatchObject(
      [{ speaker: 'Lars Dahl', speakerRole: 'head of the electoral board' }],
    );
  });

  it('resolves "he added" to the person who spoke last', () => {
    expect(
      who(
        '“We traced the accounts,” said Facebook security chief Nathan Gleich.',
        'The accounts had posed as local news outlets.',
        '“They were removed within hours,” he added.',
      ),
    ).toEqual([
      ['We traced the accounts', 'Nathan Gleich'],
      ['They were removed within hours', 'Nathan Gleich'],
    ]);
  });

  it('resolves "she" to the last person who can be a she, not simply the last who spoke', () => {
    expect(
      who(
        '“The servers were breached,” said CISA Director Jen Easterly.',
        '“We saw it coming,” said Paul Smith, an analyst.',
        '“Nobody listened,” she added.',
      ),
    ).toEqual([
      ['The servers were breached', 'Jen Easterly'],
      ['We saw it coming', 'Paul Smith'],
      ['Nobody listened', 'Jen Easterly'],
    ]);
  });

  it('leaves "she" unresolved when only men have spoken, and reads gender from a role too', () => {
    expect(who('“We saw it coming,” said Paul Smith.', 'She wrote: “It was them all along.”')).toEqual([
      ['We saw it coming', 'Paul Smith'],
      ['It was them all along.', null],
    ]);
    expect(
      who(
        '“No comment,” said Kremlin spokeswoman Alex Ivanova.',
        '“We deny it,” said Alex Morgan.',
        '“It is baseless,” she said.',
      ),
    ).toEqual([
      ['No comment', 'Alex Ivanova'],
      ['We deny it', 'Alex Morgan'],
      // "Alex" tells nothing, so the last speaker could be a she; the spokeswoman is not skipped to.
      ['It is baseless', 'Alex Morgan'],
    ]);
  });

  it('resolves a role to the person the article gave that role', () => {
    expect(
      who(
        'The briefing was led by NSA Director Paul Nakasone.',
        '“We will act,” the NSA chief told the committee.',
        '“Nothing was changed,” said the spokesman, Elena Cruz.',
        '“We are confident,” the spokesman said.',
      ),
    ).toEqual([
      ['We will act', 'Paul Nakasone'],
      ['Nothing was changed', 'Elena Cruz'],
      ['We are confident', 'Elena Cruz'],
    ]);
  });

  it('gives one canonical name to a person however the article writes it', () => {
    expect(
      who(
        '“We saw it early,” said Secretary Michael Pompeo.',
        '“It will not stand,” Mike Pompeo told reporters.',
        '“That is all,” Pompeo said.',
      ).map(([, speaker]) => speaker),
    ).toEqual(['Michael Pompeo', 'Michael Pompeo', 'Michael Pompeo']);
  });

  it('takes a surname misspelled by one letter for the same person', () => {
    expect(
      who(
        'Spokesman Gunnar Lindqvist said that “the claims are false.”',
        'Later, Lindqvst wrote: “We stand by our statement.”',
      ).map(([, speaker]) => speaker),
    ).toEqual(['Gunnar Lindqvist', 'Gunnar Lindqvist']);
  });

  it('names an agency or a country as the speaker', () => {
    expect(who('The State Department said the posts were “part of a coordinated effort.”')).toEqual([
      ['part of a coordinated effort.', 'State Department'],
    ]);
    expect(who('Moscow dismissed the report as “Russophobic hysteria”.')).toEqual([
      ['Russophobic hysteria', 'Russia'],
    ]);
  });

  it('reads "both agencies said" as the two agencies just named', () => {
    expect(
      who('The NSA and the CISA issued a warning.', '“Voters should stay calm,” both agencies said.'),
    ).toEqual([['Voters should stay calm', 'NSA and CISA']]);
  });

  it('makes the agency that issued a bulletin its speaker', () => {
    expect(
      who(
        'On Monday the FBI released a bulletin issued by the FBI and the NSA.',
        'The bulletin said the hackers “moved laterally across the network.”',
      ),
    ).toEqual([['moved laterally across the network.', 'FBI and NSA']]);
  });

  it('leaves the speaker unknown when the text does not name one', () => {
    expect(who('“The numbers do not add up,” a senior official said.')).toEqual([
      ['The numbers do not add up', null],
    ]);
    expect(who('The leaflet read: “Stay home on Election Day.”')).toEqual([
      ['Stay home on Election Day.', null],
    ]);
  });

  it('gives a following quote of the same paragraph the same speaker', () => {
    expect(who('“We were hacked,” the mayor, Rosa Diaz, said. “It will not happen again.”')).toEqual([
      ['We were hacked', 'Rosa Diaz'],
      ['It will not happen again.', 'Rosa Diaz'],
    ]);
  });

  it('gives a paragraph that is only a quote the speaker of the quote before', () => {
    expect(
      who('“We were hacked,” said Mayor Rosa Diaz.', '“It will not happen again.”').map(
        ([, speaker]) => speaker,
      ),
    ).toEqual(['Rosa Diaz', 'Rosa Diaz']);
  });

  it('passes a speaker on to quotes after "adding" or "stressing"', () => {
    expect(
      who('Senator Jo Marsh called the hack “serious”, adding that “the committee will hold hearings.”').map(
        ([, speaker]) => speaker,
      ),
    ).toEqual(['Jo Marsh', 'Jo Marsh']);
  });

  it('reads "according to X"', () => {
    expect(who('“The files were altered,” according to investigator Sam Okafor.')).toEqual([
      ['The files were altered', 'Sam Okafor'],
    ]);
  });

  it('does not take the accused of a passive for a speaker', () => {
    expect(who('Officer Bill Grant was accused of trying to “rig the count.”')).toEqual([]);
  });

  it('ignores speech verbs inside a quotation', () => {
    expect(who('“He said he would resign,” the aide, Paula Kim, recalled.')).toEqual([
      ['He said he would resign', 'Paula Kim'],
    ]);
  });

  it('reads "what it called" as the country or agency the sentence is about', () => {
    expect(who('Beijing summoned the ambassador to protest what it called "groundless smears".')).toEqual([
      ['groundless smears', 'China'],
    ]);
  });

  it('reads present-tense, question and dash attributions', () => {
    expect(who('“We are watching,” says Senator Mark Warner.')).toEqual([['We are watching', 'Mark Warner']]);
    expect(who('“Who paid for the ads?” asked Representative Adam Schiff.')).toEqual([
      ['Who paid for the ads?', 'Adam Schiff'],
    ]);
    expect(who('“The count is final” — Secretary of State Brad Raffensperger said.')).toEqual([
      ['The count is final', 'Brad Raffensperger'],
    ]);
  });

  it('gives both halves of a quote split by its attribution the same speaker', () => {
    expect(who('“We know,” Sen. Mark Warner said, “that they tried again this year.”')).toEqual([
      ['We know', 'Mark Warner'],
      ['that they tried again this year.', 'Mark Warner'],
    ]);
  });

  it('reads "X was quoted as saying"', () => {
    expect(who('“The charges are absurd,” Kremlin spokesman Dmitry Peskov was quoted as saying.')).toEqual([
      ['The charges are absurd', 'Dmitry Peskov'],
    ]);
  });

  it('reads a speaker followed by a relative clause', () => {
    expect(
      who(
        'Jen Easterly, who heads the cyber agency, said the attempts were “unsophisticated but persistent.”',
      ),
    ).toEqual([['unsophisticated but persistent.', 'Jen Easterly']]);
  });

  it('gives an unattributed quote the speaker of the reported speech before it', () => {
    expect(who('Senator Amy Klobuchar said the ads came from abroad. “We have seen this before.”')).toEqual([
      ['We have seen this before.', 'Amy Klobuchar'],
    ]);
  });

  it('reads "the department said" as the department named last', () => {
    expect(
      who(
        'The Treasury Department sanctioned two firms on Monday.',
        '“These firms spread lies to voters,” the department said.',
      ),
    ).toEqual([['These firms spread lies to voters', 'Treasury']]);
  });

  it('makes the sender of a statement its speaker', () => {
    expect(
      who(
        'A joint statement from the FBI and CISA followed.',
        'The statement said the claims were “false and meant to undermine confidence.”',
      ),
    ).toEqual([['false and meant to undermine confidence.', 'FBI and CISA']]);
  });

  it('does not let "he" refer back to a company', () => {
    expect(
      who(
        '“We removed the network,” said Meta security chief Ben Nimmo.',
        '“The accounts were fake,” Microsoft said.',
        '“They targeted voters in Ohio,” he added.',
      ).map(([, speaker]) => speaker),
    ).toEqual(['Ben Nimmo', 'Microsoft', 'Ben Nimmo']);
  });

  it('reads hyphenated titles as titles', () => {
    expect(
      quotes(
        'ASIO Director-General Mike Burgess said the plot was foiled. “They were prepared to spend big,” he said.',
      ),
    ).toMatchObject([{ speaker: 'Mike Burgess', speakerRole: 'ASIO Director-General' }]);
  });

  it('leaves out a term the writer calls "so-called", and unnamed experts', () => {
    expect(who('Experts said the so-called “Russian playbook” was now used by many states.')).toEqual([]);
  });
});
