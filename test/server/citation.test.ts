import { describe, expect, it } from 'vitest';
import { citePassage, type CitationInput } from '../../server/citation.js';

const input = (overrides: Partial<CitationInput['article']> = {}): CitationInput => ({
  article: {
    id: 'iran-russia',
    title: 'Iran, Russia accused of interfering in US elections',
    outlet: 'TRT World',
    published: '2020-10-22',
    url: null,
    language: 'en',
    ...overrides,
  },
  passage: { index: 14, text: '"Such accusations appear every day," said a Kremlin spokesman.' },
  passageUrl: 'https://search.example/articles/iran-russia#p-14',
  accessed: '2024-03-05',
});

describe('citations of a passage', () => {
  it('cites in APA 7 with the title in the author position and the outlet after the date', () => {
    expect(citePassage(input()).apa).toBe(
      'Iran, Russia accused of interfering in US elections. (2020, October 22). TRT World. https://search.example/articles/iran-russia#p-14',
    );
  });

  it('cites in Chicago with the paragraph as the locator', () => {
    expect(citePassage(input()).chicago).toBe(
      '“Iran, Russia accused of interfering in US elections,” TRT World, October 22, 2020, par. 14, https://search.example/articles/iran-russia#p-14.',
    );
  });

  it('gives plain text with the passage as written, the source and the link', () => {
    expect(citePassage(input()).plain).toBe(
      [
        '"Such accusations appear every day," said a Kremlin spokesman.',
        '— Iran, Russia accused of interfering in US elections, TRT World, 22 October 2020, paragraph 14. https://search.example/articles/iran-russia#p-14',
      ].join('\n'),
    );
  });

  it('gives CSL-JSON a reference manager imports: a newspaper article with dates as date-parts', () => {
    const [item] = citePassage(input()).csl;
    expect(item).toMatchObject({
      id: 'iran-russia#p-14',
      type: 'article-newspaper',
      title: 'Iran, Russia accused of interfering in US elections',
      'container-title': 'TRT World',
      issued: { 'date-parts': [[2020, 10, 22]] },
      accessed: { 'date-parts': [[2024, 3, 5]] },
      URL: 'https://search.example/articles/iran-russia#p-14',
      archive_location: 'https://search.example/articles/iran-russia#p-14',
    });
    expect(item?.note).toContain('Paragraph 14');
  });

  it('cites the original article when its address is known, and keeps our passage link in plain text', () => {
    const citations = citePassage(input({ url: 'https://www.trtworld.com/story' }));
    expect(citations.apa).toMatch(/TRT World\. https:\/\/www\.trtworld\.com\/story$/);
    expect(citations.csl[0]?.URL).toBe('https://www.trtworld.com/story');
    expect(citations.plain).toContain('https://search.example/articles/iran-russia#p-14');
    expect(citations.plain).toContain('Original: https://www.trtworld.com/story');
  });

  it('leaves out an outlet the indexer had to invent, and writes n.d. without a date', () => {
    const citations = citePassage(input({ outlet: 'Unknown outlet', published: null }));
    expect(citations.apa).toBe(
      'Iran, Russia accused of interfering in US elections. (n.d.). https://search.example/articles/iran-russia#p-14',
    );
    expect(citations.chicago).not.toContain('Unknown outlet');
    expect(citations.csl[0]).not.toHaveProperty('container-title');
    expect(citations.csl[0]).not.toHaveProperty('issued');
  });

  it('does not double the punctuation of a title ending in a question mark', () => {
    const citations = citePassage(input({ title: 'Who hacked the voter rolls?' }));
    expect(citations.apa.startsWith('Who hacked the voter rolls? (2020')).toBe(true);
    expect(citations.chicago.startsWith('“Who hacked the voter rolls?” TRT World')).toBe(true);
  });

  it('never cites an address that is not a web address', () => {
    const citations = citePassage(input({ url: 'javascript:alert(1)' }));
    expect(JSON.stringify(citations)).not.toContain('javascript:');
  });
});
