/**
 * The Meilisearch adapter's quote search, without a server: the quote index settings, documents,
 * the requests a quote search sends and the mapping of responses shaped as in the API reference
 * (https://www.meilisearch.com/docs/reference/api/multi_search).
 */
import { describe, expect, it } from 'vitest';
import { articleKey, filterString, groupKey, quoteFilter } from '../../engine/engines/meilisearch-filter.js';
import { documentKey, quoteDocuments } from '../../engine/engines/meilisearch-mapping.js';
import {
  assembleQuoteResponse,
  groupsOf,
  planQuoteReports,
  planQuoteSearch,
} from '../../engine/engines/meilisearch-quotes.js';
import type { SearchResult } from '../../engine/engines/meilisearch-search.js';
import { QUOTE_SETTINGS } from '../../engine/engines/meilisearch-settings.js';
import { MARK_CLOSE as C, MARK_OPEN as O } from '../../engine/highlight.js';
import { MAX_REPORTS_PER_QUOTE } from '../../engine/types.js';
import { article, quoteRequest } from './fixtures.js';

describe('quote index settings', () => {
  it("searches a quote's words before its speaker's name", () => {
    expect(QUOTE_SETTINGS.searchableAttributes).toEqual(['text', 'speaker']);
    expect(QUOTE_SETTINGS.rankingRules.indexOf('attribute')).toBeGreaterThan(-1);
  });

  it('can deduplicate by statement and by article, filter and count speakers and countries, and sort by date', () => {
    expect(QUOTE_SETTINGS.filterableAttributes).toEqual(
      expect.arrayContaining(['groupKey', 'articleKey', 'speaker', 'country']),
    );
    expect(QUOTE_SETTINGS.sortableAttributes).toEqual(['publishedTs']);
    expect(QUOTE_SETTINGS.distinctAttribute).toBeNull();
  });
});

describe('quote documents', () => {
  const source = {
    ...article('2020-10-22 trt', ['“We have confirmed it,” Ratcliffe said.'], {
      published: '2020-10-22',
      countries: ['Iran', 'Russia'],
      outlet: 'TRT World',
    }),
    quotes: [
      {
        text: 'We have \uE000confirmed\uE001 it',
        speaker: 'John Ratcliffe',
        speakerRole: 'Director of National Intelligence',
        passageIndex: 1,
        passageIndexes: [1],
        group: 'Earlier#q0',
      },
    ],
  };

  it("stores each quote with its statement's key, its article's countries and no stray markers", () => {
    expect(quoteDocuments(source)).toEqual([
      {
        id: `${documentKey(source.id)}__q0`,
        articleId: source.id,
        articleKey: articleKey(source.id),
        group: 'Earlier#q0',
        groupKey: groupKey('Earlier#q0'),
        passageIndex: 1,
        text: 'We have confirmed it',
        speaker: 'John Ratcliffe',
        speakerRole: 'Director of National Intelligence',
        country: ['Iran', 'Russia'],
        title: source.title,
        outlet: 'TRT World',
        url: null,
        published: '2020-10-22',
        publishedTs: Date.UTC(2020, 9, 22) / 1000,
      },
    ]);
  });

  it('keeps statements whose names differ only by case apart, as filters would not', () => {
    expect(groupKey('a#q0')).not.toBe(groupKey('A#q0'));
    expect(groupKey('a#q0')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('quote search plans', () => {
  it('asks for a page of statements with the query, counting statements, with the words highlighted', () => {
    const plan = planQuoteSearch(quoteRequest('spoofed emails', { page: 2, perPage: 5 }), 'p-quotes');
    expect(plan.queries).toEqual([
      {
        indexUid: 'p-quotes',
        q: 'spoofed emails',
        matchingStrategy: 'all',
        distinct: 'groupKey',
        page: 2,
        hitsPerPage: 5,
        facets: ['speaker', 'country'],
        attributesToRetrieve: expect.arrayContaining([
          'group',
          'text',
          'speaker',
          'passageIndex',
          'articleId',
        ]),
        attributesToHighlight: ['text'],
        highlightPreTag: O,
        highlightPostTag: C,
      },
    ]);
  });

  it('lists every statement newest first without a query, and highlights nothing', () => {
    const [main] = planQuoteSearch(quoteRequest(''), 'p-quotes').queries;
    expect(main).toMatchObject({ sort: ['publishedTs:desc'], distinct: 'groupKey' });
    expect(main).not.toHaveProperty('q');
    expect(main).not.toHaveProperty('attributesToHighlight');
  });

  it('counts each filtered facet without its own selection (disjunctive counts)', () => {
    const plan = planQuoteSearch(
      quoteRequest('iran', { speaker: ['John Ratcliffe'], country: ['Russia', 'Iran'] }),
      'p-quotes',
    );
    const [main, speakers, countries] = plan.queries;
    expect(main?.filter).toBe('speaker IN ["John Ratcliffe"] AND country IN ["Russia", "Iran"]');
    expect(main).not.toHaveProperty('facets');
    expect(speakers).toMatchObject({
      filter: 'country IN ["Russia", "Iran"]',
      hitsPerPage: 0,
      facets: ['speaker'],
    });
    expect(countries).toMatchObject({
      filter: 'speaker IN ["John Ratcliffe"]',
      hitsPerPage: 0,
      facets: ['country'],
    });
    expect(plan.facetSource).toEqual({ speaker: 1, country: 2 });
  });

  it('keeps speaker values inside literals, whatever they hold', () => {
    const hostile = 'x" OR speaker EXISTS OR "';
    expect(quoteFilter({ speaker: [hostile], country: [] })).toBe(`speaker IN [${filterString(hostile)}]`);
  });

  it('sends nothing for a query no quote can match', () => {
    expect(planQuoteSearch(quoteRequest('\uE000'), 'p-quotes').queries).toEqual([]);
  });

  it("asks each statement's reports earliest first, and how many articles report it", () => {
    expect(planQuoteReports(['a#q0'], 'p-quotes')).toEqual([
      {
        indexUid: 'p-quotes',
        filter: `groupKey = "${groupKey('a#q0')}"`,
        sort: ['publishedTs:asc'],
        limit: MAX_REPORTS_PER_QUOTE,
        attributesToRetrieve: expect.arrayContaining(['articleId', 'text']),
      },
      {
        indexUid: 'p-quotes',
        filter: `groupKey = "${groupKey('a#q0')}"`,
        distinct: 'articleKey',
        page: 1,
        hitsPerPage: 0,
      },
    ]);
  });
});

const report = (articleId: string, text: string, speaker: string | null, published: string | null) => ({
  group: 'g1',
  articleId,
  title: `<b>${articleId}</b>`,
  outlet: 'Outlet',
  published,
  url: null,
  passageIndex: 3,
  text,
  speaker,
  speakerRole: speaker === null ? null : 'Director',
});

describe('quote response mapping', () => {
  const best = {
    ...report('b', 'have seen <script> spoofed emails', null, '2020-10-23'),
    _formatted: { text: `have seen <script> ${O}spoof${C}ed ${O}emails${C}` },
  };
  const first: SearchResult[] = [
    {
      hits: [best],
      totalHits: 4,
      facetDistribution: { speaker: { 'John Ratcliffe': 3 }, country: { Iran: 4, Russia: 0 } },
    },
  ];
  const second: SearchResult[] = [
    {
      hits: [
        report(
          'a',
          'We have seen <script> spoofed emails designed to intimidate',
          'John Ratcliffe',
          '2020-10-22',
        ),
        report('b', 'have seen <script> spoofed emails', null, '2020-10-23'),
      ],
    },
    { hits: [], totalHits: 2 },
  ];

  it('shows the best matching report escaped, then marked to whole words, with every report of the statement', () => {
    const response = assembleQuoteResponse(planQuoteSearch(quoteRequest('spoof emails'), 'q'), first, second);
    expect(response.totalQuotes).toBe(4);
    expect(response.hits).toEqual([
      {
        group: 'g1',
        html: 'have seen &lt;script&gt; <mark>spoofed</mark> <mark>emails</mark>',
        speaker: 'John Ratcliffe',
        speakerRole: 'Director',
        articleCount: 2,
        reports: [
          {
            article: { id: 'a', title: '<b>a</b>', outlet: 'Outlet', published: '2020-10-22', url: null },
            passageIndex: 3,
            text: 'We have seen <script> spoofed emails designed to intimidate',
            speaker: 'John Ratcliffe',
            speakerRole: 'Director',
          },
          {
            article: { id: 'b', title: '<b>b</b>', outlet: 'Outlet', published: '2020-10-23', url: null },
            passageIndex: 3,
            text: 'have seen <script> spoofed emails',
            speaker: null,
            speakerRole: null,
          },
        ],
      },
    ]);
    expect(response.facets).toEqual({ speaker: { 'John Ratcliffe': 3 }, country: { Iran: 4 } });
  });

  it('shows the fullest report, escaped, when browsing without a query', () => {
    const response = assembleQuoteResponse(planQuoteSearch(quoteRequest(''), 'q'), first, second);
    expect(response.hits[0]?.html).toBe('We have seen &lt;script&gt; spoofed emails designed to intimidate');
  });

  it('reads the statements of the first round for the second', () => {
    expect(groupsOf(first[0])).toEqual(['g1']);
    expect(groupsOf(undefined)).toEqual([]);
  });
});
