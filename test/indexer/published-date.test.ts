import { describe, expect, it } from 'vitest';
import { buildArticle, isRejection } from '../../indexer/build-article.js';
import { findPublishedDate } from '../../indexer/extract/published-date.js';
import { readJsonl } from '../../indexer/read-jsonl.js';
import type { SourceDocument } from '../../indexer/types.js';

const passages = (...texts: string[]) => texts.map((text) => ({ text }));

describe('findPublishedDate', () => {
  it('reads a dateline among the first lines of the page', () => {
    expect(
      findPublishedDate('Listen Live\nUpdated: 3 March 2022 14:05\n\nThe text.', passages('The text.')),
    ).toEqual({
      date: '2022-03-03',
      source: 'dateline',
    });
  });

  it('infers the date from a complete date in a caption or the lead', () => {
    expect(
      findPublishedDate(
        '',
        passages('Voters queue in Tbilisi on October 31, 2020 (Reuters).', 'The count began.'),
      ),
    ).toEqual({ date: '2020-10-31', source: 'inferred' });
  });

  it('moves on to the latest weekday the article names within a few days', () => {
    // 21 October 2020 was a Wednesday.
    const text = passages(
      'Officials spoke in Washington, October 21, 2020.',
      'The emails were sent on Wednesday.',
      'Iran summoned the Swiss envoy on Thursday.',
    );
    expect(findPublishedDate('', text)).toEqual({ date: '2020-10-22', source: 'inferred' });
  });

  it('does not move on to a weekday more than three days ahead', () => {
    const text = passages('Officials spoke on October 21, 2020.', 'Voting ends on Tuesday.');
    expect(findPublishedDate('', text)).toEqual({ date: '2020-10-21', source: 'inferred' });
  });

  it('finds nothing when the text states no complete date', () => {
    expect(
      findPublishedDate('', passages('On Thursday the Treasury acted over last year’s election.')),
    ).toBeNull();
    expect(findPublishedDate('', passages('Officials met in October 2020.'))).toBeNull();
  });
});

describe('the publication date of a built article', () => {
  const document: SourceDocument = {
    id: 'a',
    path: 'a.md',
    title: 'A',
    outlet: null,
    url: null,
    published: null,
    publishedSource: null,
    language: 'en',
    body: '28 September 2020\n\nA Russian newspaper alleged that hackers had stolen voter data.',
  };

  it('comes from the body when the metadata has none', () => {
    const article = buildArticle(document);
    expect(isRejection(article) ? null : [article.published, article.publishedSource]).toEqual([
      '2020-09-28',
      'dateline',
    ]);
  });

  it('comes from the metadata when it has one', () => {
    const article = buildArticle({ ...document, published: '2020-09-29', publishedSource: 'front matter' });
    expect(isRejection(article) ? null : [article.published, article.publishedSource]).toEqual([
      '2020-09-29',
      'front matter',
    ]);
  });

  it('is marked as metadata when a JSONL record states it', () => {
    const { documents } = readJsonl(JSON.stringify({ id: 'j', published: '2020-10-22', body: 'Text.' }), {
      path: 'feed.jsonl',
    });
    expect(documents[0]).toMatchObject({ published: '2020-10-22', publishedSource: 'metadata' });
  });
});
