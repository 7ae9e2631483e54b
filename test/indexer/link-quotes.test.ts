import { describe, expect, it } from 'vitest';
import type { Article, Quote } from '../../engine/types.js';
import { linkQuotesAcrossArticles, ownQuoteGroup, quoteWords } from '../../indexer/link-quotes.js';
import { loadCorpus } from '../../indexer/load-corpus.js';
import { canonicalSpeakers } from '../../indexer/speaker-names.js';
import { article } from '../engine/fixtures.js';

type Said = [text: string, speaker: string | null, role?: string | null];

/** An article reporting the given quotes, each in a passage of its own. */
function reporting(id: string, published: string | null, said: readonly Said[]): Article {
  const quotes: Quote[] = said.map(([text, speaker, role = null], i) => ({
    text,
    speaker,
    speakerRole: role,
    passageIndex: i + 1,
    passageIndexes: [i + 1],
    group: ownQuoteGroup(id, i),
  }));
  return {
    ...article(
      id,
      said.map(([text]) => `“${text},” someone said.`),
      { published },
    ),
    quotes,
  };
}

const groupsOf = (articles: readonly Article[]): string[][] => {
  const groups = new Map<string, string[]>();
  for (const { id, quotes } of linkQuotesAcrossArticles(articles)) {
    quotes.forEach((quote, i) => groups.set(quote.group, [...(groups.get(quote.group) ?? []), `${id}#${i}`]));
  }
  return [...groups.values()];
};

const RATCLIFFE =
  'We have already seen Iran sending spoofed emails designed to intimidate voters, incite social unrest and damage President Trump';

describe('linkQuotesAcrossArticles: the same statement in several outlets', () => {
  it('groups a quote reported word for word by two outlets, named after the earlier report', () => {
    const linked = linkQuotesAcrossArticles([
      reporting('later', '2020-10-23', [[RATCLIFFE, 'John Ratcliffe']]),
      reporting('earlier', '2020-10-22', [[RATCLIFFE, 'John Ratcliffe']]),
    ]);
    expect(linked.map((a) => a.quotes[0]?.group)).toEqual(['earlier#q0', 'earlier#q0']);
  });

  it('groups a quote cut shorter or punctuated differently with the full one', () => {
    expect(
      groupsOf([
        reporting('a', '2020-10-22', [[RATCLIFFE, 'John Ratcliffe']]),
        reporting('b', '2020-10-22', [
          [
            'have already seen Iran sending spoofed emails designed to intimidate voters, incite social unrest',
            null,
          ],
        ]),
        reporting('c', '2020-10-23', [
          [
            'We have already seen Iran sending spoofed e-mails designed to intimidate voters incite social unrest and damage President Trump.',
            'John Ratcliffe',
          ],
        ]),
      ]),
    ).toEqual([['a#0', 'b#0', 'c#0']]);
  });

  it('keeps apart two officials saying similar words', () => {
    expect(
      groupsOf([
        reporting('a', '2020-10-22', [
          ['We will not tolerate foreign interference in our elections', 'John Ratcliffe'],
          [
            'We are not going to tolerate foreign interference in our elections or any criminal activity',
            'Chris Wray',
          ],
        ]),
      ]),
    ).toEqual([['a#0'], ['a#1']]);
  });

  it('keeps apart the same long words credited to different people', () => {
    const words = 'These accusations are nothing more than another scenario to undermine voter confidence';
    expect(
      groupsOf([
        reporting('a', null, [[words, 'Alireza Miryousefi']]),
        reporting('b', null, [[words, 'Saeed Khatibzadeh']]),
      ]),
    ).toEqual([['a#0'], ['b#0']]);
  });

  it('groups a short quote only with the same words from the same named speaker', () => {
    expect(
      groupsOf([
        reporting('a', '2020-01-01', [
          ['witch hunt', 'Donald Trump'],
          ['baseless', 'Iran'],
        ]),
        reporting('b', '2020-01-02', [
          ['Witch hunt!', 'Donald Trump'],
          ['baseless', 'John Ratcliffe'],
        ]),
        reporting('c', '2020-01-03', [['witch hunt', null]]),
      ]),
    ).toEqual([['a#0', 'b#0'], ['a#1'], ['b#1'], ['c#0']]);
  });

  it('leaves a quote reported once in a group of its own and the articles it was given untouched', () => {
    const input = [reporting('only', '2020-01-01', [[RATCLIFFE, 'John Ratcliffe']])];
    const linked = linkQuotesAcrossArticles(input);
    expect(linked[0]?.quotes[0]?.group).toBe('only#q0');
    expect(linked[0]).not.toBe(input[0]);
    expect(input[0]?.quotes[0]?.group).toBe('only#q0');
  });

  it('reads words the same whatever the case, accents, apostrophes or punctuation', () => {
    expect(quoteWords('“We’re NOT going — to Tolérate it.”')).toEqual([
      'were',
      'not',
      'going',
      'to',
      'tolerate',
      'it',
    ]);
  });
});

describe('linkQuotesAcrossArticles: one name per speaker', () => {
  it('shows one name for a person that outlets name differently', () => {
    const linked = linkQuotesAcrossArticles([
      reporting('a', null, [
        ['It is going to be critical to maintain our cool', 'Chris Krebs', 'CISA Director'],
      ]),
      reporting('b', null, [
        ['We would not be surprised to see more defacements', 'Christopher Krebs', 'CISA Director'],
      ]),
    ]);
    expect(linked.flatMap((a) => a.quotes.map((q) => q.speaker))).toEqual([
      'Christopher Krebs',
      'Christopher Krebs',
    ]);
  });
});

describe('canonicalSpeakers', () => {
  const canonical = (...speakers: [string, string | null][]) =>
    Object.fromEntries(canonicalSpeakers(speakers.map(([name, role]) => ({ name, role }))));

  it('merges nicknames and short forms into the fullest name', () => {
    expect(canonical(['Chuck Schumer', null], ['Charles Schumer', 'Senate Democratic leader'])).toEqual({
      'Chuck Schumer': 'Charles Schumer',
      'Charles Schumer': 'Charles Schumer',
    });
    expect(canonical(['Mike Pompeo', null], ['Michael R. Pompeo', null])['Mike Pompeo']).toBe(
      'Michael R. Pompeo',
    );
  });

  it('keeps apart people who share a surname but not a given name', () => {
    expect(canonical(['John Smith', null], ['Mary Smith', null])).toEqual({
      'John Smith': 'John Smith',
      'Mary Smith': 'Mary Smith',
    });
  });

  it('keeps apart namesakes whose roles name different agencies', () => {
    expect(canonical(['Chris Krebs', 'CISA Director'], ['Christopher Krebs', 'FBI agent'])).toEqual({
      'Chris Krebs': 'Chris Krebs',
      'Christopher Krebs': 'Christopher Krebs',
    });
  });

  it('lists agencies speaking together in one order', () => {
    expect(canonical(['FBI and CISA', null], ['CISA and FBI', null])).toEqual({
      'FBI and CISA': 'CISA and FBI',
      'CISA and FBI': 'CISA and FBI',
    });
  });

  it('leaves organisations and lone words alone', () => {
    expect(canonical(['Treasury', null], ['Democrats', null], ['Foreign Ministry (Iran)', null])).toEqual({});
  });
});

describe('linkQuotesAcrossArticles on the seed corpus', () => {
  it('finds the statements that several seed articles report', async () => {
    const { articles } = await loadCorpus('corpus');
    const linked = linkQuotesAcrossArticles(articles);
    const reports = new Map<string, string[]>();
    for (const { id, quotes } of linked) {
      for (const quote of quotes)
        reports.set(quote.group, [...(reports.get(quote.group) ?? []), `${id}: ${quote.text.slice(0, 40)}`]);
    }
    const shared = [...reports.values()].filter((list) => list.length > 1);
    // Ratcliffe's voter data and spoofed emails, his "not true" denial, and Schumer on intent.
    expect(shared.map((list) => list.map((item) => item.split(':')[0]))).toEqual([
      ['2020-10-22-iran-russia-accused-of-interfering', '2020-10-22-trt-russia-iran-voter-data'],
      ['2020-10-22-iran-russia-accused-of-interfering', '2020-10-22-trt-russia-iran-voter-data'],
      ['2020-10-22-iran-russia-accused-of-interfering', '2020-10-30-voa-iran-state-voter-database'],
      ['2020-10-22-iran-russia-accused-of-interfering', '2020-10-22-trt-russia-iran-voter-data'],
    ]);
    const speakers = new Set(linked.flatMap((a) => a.quotes.map((q) => q.speaker)));
    expect(speakers).toContain('Christopher Krebs');
    expect(speakers).not.toContain('Chris Krebs');
  });
});
