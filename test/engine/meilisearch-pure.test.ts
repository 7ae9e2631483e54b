/**
 * The Meilisearch adapter's pure parts, without a server: settings, the filter escaping function,
 * query translation, documents, and response mapping from responses shaped as in the Meilisearch
 * API reference (https://www.meilisearch.com/docs/reference/api/search,
 * https://www.meilisearch.com/docs/reference/api/multi_search).
 */
import { describe, expect, it } from 'vitest';
import type { Meilisearch } from 'meilisearch';
import { checkOptions, SEARCH_TIMEOUT_MS } from '../../engine/engines/meilisearch.js';
import { indexExists, swapsFor, taskFailureMessage } from '../../engine/engines/meilisearch-build.js';
import {
  classify,
  isSearchParameterRejection,
  NO_INDEX_MESSAGE,
  toBuildError,
  toSearchError,
  withRetries,
} from '../../engine/engines/meilisearch-errors.js';
import {
  activeTargets,
  articleFilter,
  articleKey,
  dateTimestamp,
  filterString,
  searchFilter,
} from '../../engine/engines/meilisearch-filter.js';
import {
  articleDocument,
  documentKey,
  indexState,
  leadPassage,
  matchedPassage,
  mergeMarks,
  passageDocumentId,
  passageDocuments,
  SCHEMA_VERSION,
} from '../../engine/engines/meilisearch-mapping.js';
import {
  MEILI_MAX_QUERY_TERMS,
  MEILI_MAX_QUERY_TOKENS,
  positiveQueries,
  queryTokenCount,
  toMeiliQuery,
} from '../../engine/engines/meilisearch-query.js';
import type { SearchResult } from '../../engine/engines/meilisearch-search.js';
import {
  assembleHighlights,
  assembleResponse,
  MAX_PASSAGES_PER_ARTICLE,
  planHighlight,
  planPassages,
  planSearch,
} from '../../engine/engines/meilisearch-search.js';
import {
  abandonedBuildIndexes,
  ARTICLE_SETTINGS,
  buildIndexNames,
  liveIndexNames,
  META_SETTINGS,
  PASSAGE_SETTINGS,
  SEARCH_CUTOFF_MS,
} from '../../engine/engines/meilisearch-settings.js';
import { BadRequestError, ConfigError, EngineUnavailableError } from '../../engine/errors.js';
import { MARK_CLOSE as C, MARK_OPEN as O } from '../../engine/highlight.js';
import { parseQuery } from '../../engine/query.js';
import { ONE_TYPO_FROM, TWO_TYPOS_FROM } from '../../engine/typo.js';
import type { SearchFilters } from '../../engine/types.js';
import { FACET_NAMES } from '../../engine/types.js';
import { MAX_PAGE, MAX_PER_PAGE } from '../../server/params.js';
import { article, HOSTILE_QUERIES, NO_FILTERS, request } from './fixtures.js';

describe('index settings', () => {
  it('searches passage text only, so a title word never makes a passage match', () => {
    expect(PASSAGE_SETTINGS.searchableAttributes).toEqual(['text']);
  });

  it('can filter and count every facet, filter by article and date, and sort by date', () => {
    expect(PASSAGE_SETTINGS.filterableAttributes).toEqual(
      expect.arrayContaining([...FACET_NAMES, 'articleKey', 'publishedTs', 'lead']),
    );
    // Meilisearch normalises filter values, so the article id itself is never filtered on.
    expect(PASSAGE_SETTINGS.filterableAttributes).not.toContain('articleId');
    expect(PASSAGE_SETTINGS.sortableAttributes).toEqual(expect.arrayContaining(['publishedTs', 'index']));
  });

  it('ranks by the requested date order before relevance, and newer first among equals', () => {
    expect(PASSAGE_SETTINGS.rankingRules?.[0]).toBe('sort');
    expect(PASSAGE_SETTINGS.rankingRules?.at(-1)).toBe('publishedTs:desc');
    expect(PASSAGE_SETTINGS.rankingRules).toEqual(expect.arrayContaining(['words', 'typo', 'exactness']));
  });

  it('tolerates typos exactly as engine/typo.ts promises', () => {
    expect(PASSAGE_SETTINGS.typoTolerance).toMatchObject({
      enabled: true,
      minWordSizeForTypos: { oneTypo: ONE_TYPO_FROM, twoTypos: TWO_TYPOS_FROM },
      disableOnWords: [],
      disableOnAttributes: [],
    });
  });

  it('counts every facet value and reaches the deepest page the portal serves', () => {
    expect(PASSAGE_SETTINGS.faceting).toEqual({
      maxValuesPerFacet: 10_000,
      sortFacetValuesBy: { '*': 'count' },
    });
    const maxTotalHits = PASSAGE_SETTINGS.pagination?.maxTotalHits ?? 0;
    expect(maxTotalHits).toBeGreaterThanOrEqual(MAX_PAGE * MAX_PER_PAGE);
    expect(maxTotalHits).toBeGreaterThanOrEqual(MAX_PASSAGES_PER_ARTICLE);
  });

  it('deduplicates per search, not per index, so one article can show several passages', () => {
    expect(PASSAGE_SETTINGS.distinctAttribute).toBeNull();
  });

  it('keeps the article index to lookups by article key and the meta index to lookups by id', () => {
    expect(ARTICLE_SETTINGS.filterableAttributes).toEqual(['articleKey']);
    expect(META_SETTINGS.filterableAttributes).toEqual(['id']);
  });

  it('lets a slow query finish ranking before the client gives up, instead of cutting it at 1.5 s', () => {
    expect(PASSAGE_SETTINGS.searchCutoffMs).toBe(SEARCH_CUTOFF_MS);
    expect(SEARCH_CUTOFF_MS).toBeGreaterThan(1500);
    expect(SEARCH_CUTOFF_MS).toBeLessThan(SEARCH_TIMEOUT_MS);
  });
});

describe('index names', () => {
  it('names the live indexes after MEILI_INDEX and a build after its start time', () => {
    expect(liveIndexNames('passages')).toEqual({
      passages: 'passages',
      articles: 'passages-articles',
      quotes: 'passages-quotes',
      meta: 'passages-meta',
    });
    expect(buildIndexNames('passages', 1700000000000, 'ab12cd')).toEqual({
      passages: 'passages-build-1700000000000-ab12cd',
      articles: 'passages-build-1700000000000-ab12cd-articles',
      quotes: 'passages-build-1700000000000-ab12cd-quotes',
      meta: 'passages-build-1700000000000-ab12cd-meta',
    });
  });

  it('finds only builds of this index abandoned for more than a day', () => {
    const day = 24 * 60 * 60 * 1000;
    const now = 10 * day;
    const old = buildIndexNames('passages', now - 2 * day, 'aa');
    const young = buildIndexNames('passages', now - 1000, 'bb');
    const other = buildIndexNames('news', now - 2 * day, 'cc');
    const existing = [
      'passages',
      'passages-articles',
      ...Object.values(old),
      ...Object.values(young),
      ...Object.values(other),
      'passages-build-notatime',
    ];
    expect(abandonedBuildIndexes('passages', existing, now).sort()).toEqual(Object.values(old).sort());
  });
});

/**
 * A model of how Meilisearch reads a double-quoted filter value (crates/filter-parser/src/value.rs:
 * `quoted_by` stops at the first unescaped `"` and turns `\"` into `"`, then `unescaper::unescape`
 * turns `\\` into `\`; any other escape is an error or a different character).
 */
function readFilterString(input: string): { value: string; rest: string } {
  if (!input.startsWith('"')) throw new Error('not a quoted value');
  const chars = [...input.slice(1)];
  let i = 0;
  let escapedQuote = false;
  for (; i < chars.length && chars[i] !== '"'; i++) {
    if (chars[i] === '\\') {
      i++;
      if (i >= chars.length) throw new Error('malformed value');
      escapedQuote ||= chars[i] === '"';
    }
  }
  if (i >= chars.length) throw new Error('missing closing quote');
  let raw = chars.slice(0, i).join('');
  if (escapedQuote) raw = raw.replaceAll('\\"', '"');
  let value = '';
  for (let j = 0; j < raw.length; j++) {
    if (raw[j] !== '\\') {
      value += raw[j];
      continue;
    }
    const next = raw[j + 1];
    if (next !== '\\') throw new Error(`escape sequence \\${next ?? ''} would change the value`);
    value += '\\';
    j++;
  }
  return { value, rest: chars.slice(i + 1).join('') };
}

describe('filter escaping', () => {
  const HOSTILE_VALUES: [string, string][] = [
    ['a double quote', 'Iran" OR country = "Russia'],
    ['only quotes', '""""'],
    ['a backslash', 'C:\\outlets\\voa'],
    ['a trailing backslash', 'Sputnik\\'],
    ['a backslash before a quote', 'say \\"hi\\"'],
    ['OR', 'OR'],
    ['AND', 'Iran AND country = Russia'],
    ['NOT', 'NOT Iran'],
    ['TO', '1 TO 100'],
    ['IN and brackets', 'x IN [a, b]'],
    ['=', 'country = Iran'],
    ['single quotes', "Reuters' 'Desk'"],
    ['a newline', 'Voice of\nAmerica'],
    ['an escape-looking text', '\\n \\u{41} \\t'],
    ['an emoji', '🇷🇺 Russia 👨‍👩‍👧'],
    ['private-use markers', '\uE000mark\uE001'],
    ['an empty string', ''],
    ['5,000 characters', `${'"\\'.repeat(1_000)}${'x'.repeat(3_000)}`],
  ];

  it.each(HOSTILE_VALUES)('reads back %s exactly, as one literal', (_, value) => {
    const literal = filterString(value);
    expect(readFilterString(literal)).toEqual({ value, rest: '' });
  });

  it('puts user values only inside literals: OR within a facet, AND across facets', () => {
    const filters: SearchFilters = {
      ...NO_FILTERS,
      country: ['Iran" OR country = "Russia', 'Russia'],
      agency: ['FBI'],
    };
    expect(searchFilter(filters)).toBe(
      `country IN [${filterString('Iran" OR country = "Russia')}, "Russia"] AND agency IN ["FBI"]`,
    );
  });

  it('bounds dates inclusively by whole days, as unix seconds', () => {
    const filters: SearchFilters = { ...NO_FILTERS, from: '2020-10-22', to: '2020-10-30' };
    expect(searchFilter(filters)).toBe(
      `publishedTs >= ${Date.UTC(2020, 9, 22) / 1000} AND publishedTs <= ${Date.UTC(2020, 9, 30) / 1000}`,
    );
  });

  it('leaves one facet out for its disjunctive counts and restricts the empty query to leads', () => {
    const filters: SearchFilters = { ...NO_FILTERS, country: ['Iran'], from: '2020-01-01' };
    expect(activeTargets(filters)).toEqual(['country', 'date']);
    expect(searchFilter(filters, { except: 'country' })).toBe(
      `publishedTs >= ${Date.UTC(2020, 0, 1) / 1000}`,
    );
    expect(searchFilter(filters, { except: 'date', leadOnly: true })).toBe(
      'country IN ["Iran"] AND lead = true',
    );
    expect(searchFilter(NO_FILTERS)).toBeUndefined();
  });

  it('refuses a date that is not a real day', () => {
    expect(dateTimestamp('2021-02-29')).toBeNull();
    expect(dateTimestamp('2020-02-29')).toBe(Date.UTC(2020, 1, 29) / 1000);
    expect(() => searchFilter({ ...NO_FILTERS, to: '2020-13-01' })).toThrow(BadRequestError);
    expect(() => searchFilter({ ...NO_FILTERS, from: '2020-01-01" OR lead = true' })).toThrow(
      BadRequestError,
    );
  });
});

/** Meilisearch's `normalize_facet` (milli): NFKD compatibility decomposition, trim, lowercase. */
const normalizeFacet = (value: string): string => value.normalize('NFKD').trim().toLowerCase();

describe('article keys', () => {
  const lookalikes = ['A1', 'a1', '\uFF41\uFF11', ' a1', 'a1 ', '\uFB01le', 'file', '\u00E9', 'e\u0301'];

  it('keeps apart article ids that Meilisearch would normalise to one filter value', () => {
    expect(new Set(lookalikes.map(normalizeFacet)).size).toBeLessThan(lookalikes.length);
    const keys = lookalikes.map(articleKey);
    expect(new Set(keys).size).toBe(lookalikes.length);
    for (const key of keys) {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(normalizeFacet(key)).toBe(key);
    }
  });

  it('filters and deduplicates by the key, never by the id', () => {
    expect(articleFilter('A"1')).toBe(`articleKey = "${articleKey('A"1')}"`);
    expect(planSearch(request('iran '), 'passages').queries[0]?.distinct).toBe('articleKey');
    const source = article('A1', ['x']);
    expect(passageDocuments(source)[0]?.articleKey).toBe(articleKey('A1'));
    expect(articleDocument(source).articleKey).toBe(articleKey('A1'));
  });
});

describe('query translation', () => {
  const q = (input: string) => toMeiliQuery(parseQuery(input)).q;

  it('leaves the last word a prefix only while it is being typed', () => {
    expect(q('russian hack')).toBe('russian hack');
    expect(q('russian hack ')).toBe('russian hack ');
  });

  it('writes phrases with straight quotes, whatever quotes were typed', () => {
    expect(q('“Vote for Trump or else”')).toBe('"vote for trump or else" ');
    expect(q('"vote for trump or else"')).toBe('"vote for trump or else" ');
  });

  it('writes exclusions first, so Meilisearch never drops them, and never as a prefix', () => {
    expect(q('sanctions -russia')).toBe('-russia sanctions ');
    expect(q('iran -"proud boys"')).toBe('-"proud boys" iran ');
  });

  it('keeps the prefix word last even when a phrase was typed after it', () => {
    expect(q('"proud boys" iran kreml')).toBe('"proud boys" iran kreml');
    expect(q('kreml "proud boys"')).toBe('"proud boys" kreml ');
  });

  it('marks a query of exclusions only', () => {
    expect(toMeiliQuery(parseQuery('-iran'))).toEqual({
      q: '-iran ',
      negationOnly: true,
      matchesNothing: false,
    });
  });

  it('knows that a word holding our highlight markers matches nothing, as the indexed text never does', () => {
    expect(toMeiliQuery(parseQuery('iran \uE000mark\uE001'))).toMatchObject({ matchesNothing: true });
    expect(toMeiliQuery(parseQuery('iran -\uE000mark\uE001'))).toEqual({
      q: 'iran ',
      negationOnly: false,
      matchesNothing: false,
    });
    expect(planSearch(request('\uE000mark\uE001'), 'passages').queries).toEqual([]);
    expect(assembleResponse(planSearch(request('\uE000x'), 'passages'), [])).toEqual({
      totalArticles: 0,
      hits: [],
      facets: { country: {}, agency: {}, outlet: {}, year: {} },
    });
  });

  it('matches a word with inner punctuation as a phrase of its parts', () => {
    expect(q("O'Brien")).toBe('"o brien" ');
    expect(q('-U.S.')).toBe('-"u s" ');
  });

  it('passes operator-looking words as plain words', () => {
    expect(q('AND OR NOT (')).toBe('and or not ');
    // `NEAR(a` is one word with inner punctuation; `b)` is the word being typed.
    expect(q('NEAR(a b)')).toBe('"near a" b');
  });

  it('refuses more words and phrases than Meilisearch reads, rather than ignore some', () => {
    const words = Array.from({ length: MEILI_MAX_QUERY_TERMS + 1 }, (_, i) => `word${i}`);
    const attempt = () => toMeiliQuery(parseQuery(`${words.join(' ')} -excluded`));
    expect(attempt).toThrow(BadRequestError);
    expect(attempt).toThrow(`Meilisearch reads at most ${MEILI_MAX_QUERY_TERMS} words and phrases per query`);
    expect(() => planSearch(request(`"a b" ${words.slice(1).join(' ')}`), 'passages')).toThrow(
      BadRequestError,
    );
  });

  it('accepts as many words and phrases as Meilisearch reads, and any number of exclusions', () => {
    const words = Array.from({ length: MEILI_MAX_QUERY_TERMS - 1 }, (_, i) => `word${i}`);
    const exclusions = Array.from({ length: 20 }, (_, i) => `-not${i}`);
    const { q } = toMeiliQuery(parseQuery(`${exclusions.join(' ')} "a b" ${words.join(' ')} `));
    expect(q).toBe(`${exclusions.join(' ')} "a b" ${words.join(' ')} `);
  });

  it('counts the tokens Meilisearch reads: words and every space, quote and minus', () => {
    expect(queryTokenCount('-"proud boys" iran ')).toBe(9);
    expect(queryTokenCount('kreml')).toBe(1);
    // Chinese is split into words by a dictionary: counted as up to one word per character.
    expect(queryTokenCount('中华人民共和国 ')).toBe(8);
  });

  it('refuses a query whose exclusions would push its words past the tokens Meilisearch reads', () => {
    // Each: a minus, two quotes, 32 words and the 32 spaces after them.
    const exclusions = (count: number) =>
      Array.from(
        { length: count },
        (_, i) => `-"${Array.from({ length: 32 }, (_, j) => `w${i}x${j}`).join(' ')}"`,
      ).join(' ');
    const { q } = toMeiliQuery(parseQuery(`${exclusions(10)} iran `));
    expect(queryTokenCount(q)).toBe(10 * 67 + 2);
    expect(queryTokenCount(q)).toBeLessThan(MEILI_MAX_QUERY_TOKENS);
    const attempt = () => toMeiliQuery(parseQuery(`${exclusions(20)} iran `));
    expect(attempt).toThrow(BadRequestError);
    expect(attempt).toThrow(/too long.*1,000/);
  });

  it.each(HOSTILE_QUERIES.map((input) => [input.length > 30 ? `${input.slice(0, 30)}…` : input, input]))(
    'keeps %j to whole words, balanced quotes and no markers',
    (_, input) => {
      const { q: text } = toMeiliQuery(parseQuery(input));
      expect(text).not.toMatch(/[\uE000\uE001]/);
      expect((text.match(/"/g) ?? []).length % 2).toBe(0);
      // Every element is a word, a "phrase", or either with a leading -.
      for (const element of text.match(/-?"[^"]*"|\S+/g) ?? []) {
        expect(element).toMatch(/^-?("[\p{L}\p{N}\p{Co}]+( [\p{L}\p{N}\p{Co}]+)*"|[\p{L}\p{N}\p{Co}]+)$/u);
      }
    },
  );

  it('asks for each positive word or phrase alone when marking an article', () => {
    expect(positiveQueries(parseQuery('Ratcliffe "proud boys" -iran'))).toEqual([
      '"proud boys" ',
      'ratcliffe ',
    ]);
    expect(positiveQueries(parseQuery('kremlin ratcl'))).toEqual(['kremlin ', 'ratcl']);
    expect(positiveQueries(parseQuery('-iran'))).toEqual([]);
  });
});

describe('documents', () => {
  const source = article('2020-10-30 voa/iran_state.md', ['First \uE000passage\uE001.', 'Second passage.'], {
    published: '2020-10-30',
    countries: ['Iran', 'Russia'],
    agencies: ['FBI'],
    outlet: 'VOA',
  });
  const withPassageFacets = {
    ...source,
    passages: source.passages.map((passage, i) => ({ ...passage, countries: i === 0 ? ['Iran'] : [] })),
  };

  it('makes document ids from any article id without collisions', () => {
    const ids = ['a.b', 'a_b', 'a-b', 'a b', 'a/b', 'é', 'e\u0301', '日本', '__p1', 'x'];
    const keys = ids.map(documentKey);
    expect(new Set(keys).size).toBe(ids.length);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{1,511}$/);
    expect(documentKey('a_b')).toBe('a_5fb');
    expect(passageDocumentId('a_b', 3)).toBe('a_5fb__p3');
  });

  it('hashes ids too long for Meilisearch, keeping them apart from encoded ones', () => {
    const long = 'ü'.repeat(300);
    expect(documentKey(long)).toMatch(/^__h[0-9a-f]{64}$/);
    expect(documentKey(long)).not.toBe(documentKey(`${long}x`));
    expect(documentKey('')).toMatch(/^__h/);
  });

  it("stores each passage with its article's facets for filtering and its own for display", () => {
    const [first, second] = passageDocuments(withPassageFacets);
    expect(first).toEqual({
      id: `${documentKey(source.id)}__p1`,
      articleId: source.id,
      articleKey: articleKey(source.id),
      index: 1,
      lead: true,
      text: 'First passage.',
      title: source.title,
      outlet: 'VOA',
      url: null,
      published: '2020-10-30',
      publishedTs: Date.UTC(2020, 9, 30) / 1000,
      year: '2020',
      country: ['Iran', 'Russia'],
      agency: ['FBI'],
      passageCountries: ['Iran'],
      passageAgencies: ['FBI'],
    });
    expect(second).toMatchObject({ index: 2, lead: false, passageCountries: [] });
  });

  it('leaves undated passages without a timestamp or year, so they fail date filters and sort last', () => {
    const [doc] = passageDocuments({ ...source, published: null });
    expect(doc).not.toHaveProperty('publishedTs');
    expect(doc).not.toHaveProperty('year');
    expect(doc?.published).toBeNull();
  });

  it('keeps the article as indexed, byte for byte', () => {
    const doc = articleDocument(source);
    expect(doc.id).toBe(documentKey(source.id));
    expect(JSON.parse(doc.json)).toEqual(source);
  });
});

describe('search plans', () => {
  const filters: SearchFilters = { ...NO_FILTERS, country: ['Iran'], to: '2020-12-31' };

  it('asks for a page of articles and counts each filtered facet without its own filter', () => {
    const plan = planSearch(request('iran ', { filters, perPage: 10, page: 2, sort: 'newest' }), 'passages');
    const [main, countries, years, ...rest] = plan.queries;
    expect(rest).toEqual([]);
    expect(main).toMatchObject({
      indexUid: 'passages',
      q: 'iran ',
      matchingStrategy: 'all',
      distinct: 'articleKey',
      filter: `country IN ["Iran"] AND publishedTs <= ${Date.UTC(2020, 11, 31) / 1000}`,
      sort: ['publishedTs:desc'],
      page: 2,
      hitsPerPage: 10,
      facets: ['agency', 'outlet'],
    });
    expect(countries).toMatchObject({ hitsPerPage: 0, facets: ['country'], distinct: 'articleKey' });
    expect(countries?.filter).not.toContain('country');
    expect(years).toMatchObject({ hitsPerPage: 0, facets: ['year'], filter: 'country IN ["Iran"]' });
    expect(plan.facetSource).toEqual({ country: 1, agency: 0, outlet: 0, year: 2 });
  });

  it('lists the empty query by date over lead passages only, without deduplication', () => {
    const plan = planSearch(request('', { sort: 'relevance' }), 'passages');
    expect(plan.mode).toBe('browse');
    expect(plan.queries).toHaveLength(1);
    expect(plan.queries[0]).toMatchObject({ filter: 'lead = true', sort: ['publishedTs:desc'] });
    expect(plan.queries[0]).not.toHaveProperty('q');
    expect(plan.queries[0]).not.toHaveProperty('distinct');
    expect(planSearch(request('', { sort: 'oldest' }), 'passages').queries[0]?.sort).toEqual([
      'publishedTs:asc',
    ]);
    expect(planPassages(plan, ['a'], 'passages')).toEqual([]);
  });

  it('fetches up to 3 highlighted, cropped passages per article on the page', () => {
    const plan = planSearch(request('ratcliffe '), 'passages');
    const [first, second] = planPassages(plan, ['a"1', 'b'], 'passages');
    expect(first).toMatchObject({
      q: 'ratcliffe ',
      matchingStrategy: 'all',
      filter: articleFilter('a"1'),
      limit: 3,
      attributesToHighlight: ['text'],
      attributesToCrop: ['text'],
      highlightPreTag: '\uE000',
      highlightPostTag: '\uE001',
    });
    expect(second?.filter).toBe(`articleKey = "${articleKey('b')}"`);
  });

  it('shows the first non-excluded passages, unmarked, for a query of exclusions only', () => {
    const plan = planSearch(request('-iran'), 'passages');
    const [query] = planPassages(plan, ['a'], 'passages');
    expect(query).toMatchObject({ q: '-iran ', sort: ['index:asc'] });
    expect(query).not.toHaveProperty('attributesToHighlight');
  });

  it('clamps paging to what Meilisearch accepts', () => {
    const [main] = planSearch(request('x ', { page: 0, perPage: 5_000 }), 'passages').queries;
    expect(main).toMatchObject({ page: 1, hitsPerPage: 100 });
  });
});

/*
 * Literal responses in the shape of the API reference: a multi-search `results` array whose entries
 * are search responses with `indexUid`, finite pagination (`hitsPerPage`, `page`, `totalPages`,
 * `totalHits`), `facetDistribution`, and hits with `_formatted` (where numbers come back as strings).
 */
const FIRST_ROUND_TRIP: { results: (SearchResult & Record<string, unknown>)[] } = {
  results: [
    {
      indexUid: 'passages',
      hits: [
        {
          articleId: '2020-10-30-voa',
          title: 'Iran <b>accused</b>',
          outlet: 'VOA',
          published: '2020-10-30',
          url: 'https://www.voanews.com/a/1',
        },
        { articleId: 'zz-undated', title: 'Undated', outlet: 'Unknown outlet', published: null, url: null },
      ],
      query: 'iran ',
      processingTimeMs: 2,
      hitsPerPage: 2,
      page: 1,
      totalPages: 2,
      totalHits: 3,
      facetDistribution: {
        agency: { FBI: 3, Treasury: 1 },
        outlet: { VOA: 1, 'Unknown outlet': 2 },
        year: { '2020': 2, '2021': 1 },
      },
      facetStats: {},
    },
    {
      indexUid: 'passages',
      hits: [],
      query: 'iran ',
      processingTimeMs: 1,
      hitsPerPage: 0,
      page: 1,
      totalPages: 0,
      totalHits: 4,
      facetDistribution: { country: { Iran: 3, Russia: 2 } },
      facetStats: {},
    },
  ],
};

const SECOND_ROUND_TRIP: { results: (SearchResult & Record<string, unknown>)[] } = {
  results: [
    {
      indexUid: 'passages',
      hits: [
        {
          articleId: '2020-10-30-voa',
          index: 4,
          text: 'Officials said Iran <script>alert(1)</script> obtained voter data.',
          passageCountries: ['Iran'],
          passageAgencies: ['FBI'],
          _formatted: {
            articleId: '2020-10-30-voa',
            index: '4',
            text: `Officials said ${O}Iran${C} <script>alert(1)</script> obtained…`,
            passageCountries: ['Iran'],
            passageAgencies: ['FBI'],
          },
        },
        {
          articleId: '2020-10-30-voa',
          index: 1,
          text: 'Iran & Russia.',
          passageCountries: [],
          passageAgencies: [],
          _formatted: { text: `${O}Iran${C} & Russia.`, index: '1' },
        },
      ],
      query: 'iran ',
      processingTimeMs: 1,
      limit: 3,
      offset: 0,
      estimatedTotalHits: 2,
    },
    {
      indexUid: 'passages',
      hits: [
        {
          articleId: 'zz-undated',
          index: 2,
          text: 'iran',
          passageCountries: [],
          passageAgencies: [],
          _formatted: { text: `${O}iran${C}` },
        },
      ],
      query: 'iran ',
      processingTimeMs: 1,
      limit: 3,
      offset: 0,
      estimatedTotalHits: 1,
    },
  ],
};

describe('response mapping', () => {
  const filters: SearchFilters = { ...NO_FILTERS, country: ['Iran'] };
  const plan = planSearch(request('iran ', { filters, perPage: 2 }), 'passages');

  it('counts articles from totalHits and facets from the query that ignores each facet', () => {
    const response = assembleResponse(plan, FIRST_ROUND_TRIP.results, SECOND_ROUND_TRIP.results);
    expect(response.totalArticles).toBe(3);
    expect(response.facets).toEqual({
      country: { Iran: 3, Russia: 2 },
      agency: { FBI: 3, Treasury: 1 },
      outlet: { VOA: 1, 'Unknown outlet': 2 },
      year: { '2020': 2, '2021': 1 },
    });
  });

  it('pairs each article with its passages, escaped first and then marked', () => {
    const response = assembleResponse(plan, FIRST_ROUND_TRIP.results, SECOND_ROUND_TRIP.results);
    expect(response.hits.map((hit) => hit.article)).toEqual([
      {
        id: '2020-10-30-voa',
        title: 'Iran <b>accused</b>',
        outlet: 'VOA',
        published: '2020-10-30',
        url: 'https://www.voanews.com/a/1',
      },
      { id: 'zz-undated', title: 'Undated', outlet: 'Unknown outlet', published: null, url: null },
    ]);
    expect(response.hits[0]?.passages).toEqual([
      {
        index: 4,
        html: 'Officials said <mark>Iran</mark> &lt;script&gt;alert(1)&lt;/script&gt; obtained…',
        countries: ['Iran'],
        agencies: ['FBI'],
      },
      { index: 1, html: '<mark>Iran</mark> &amp; Russia.', countries: [], agencies: [] },
    ]);
    expect(response.hits[1]?.passages.map((passage) => passage.html)).toEqual(['<mark>iran</mark>']);
  });

  it('answers no hits and empty counts from empty results', () => {
    const empty = {
      indexUid: 'passages',
      hits: [],
      query: 'x',
      processingTimeMs: 0,
      totalHits: 0,
      facetDistribution: {},
    };
    expect(assembleResponse(planSearch(request('x '), 'passages'), [empty])).toEqual({
      totalArticles: 0,
      hits: [],
      facets: { country: {}, agency: {}, outlet: {}, year: {} },
    });
  });

  it('shows a lead passage from its start, escaped and unmarked', () => {
    const text = `<i>${'word '.repeat(50)}</i>`;
    const lead = leadPassage({ index: 1, text, passageCountries: ['Iran'], passageAgencies: [] });
    expect(lead.html.startsWith('&lt;i&gt;word word')).toBe(true);
    expect(lead.html.endsWith('…')).toBe(true);
    expect(lead.html).not.toContain('<');
    expect(lead).toMatchObject({ index: 1, countries: ['Iran'], agencies: [] });
  });

  it('marks the whole word of a prefix match in a result snippet', () => {
    const hit = { index: 3, _formatted: { text: `…imposed new ${O}sanctio${C}ns on <Iran>…` } };
    expect(matchedPassage(hit).html).toBe('…imposed new <mark>sanctions</mark> on &lt;Iran&gt;…');
  });

  it('falls back to the lead when Meilisearch sent nothing formatted', () => {
    expect(matchedPassage({ index: 2, text: 'a < b' }).html).toBe('a &lt; b');
  });

  it('ignores malformed hits rather than failing', () => {
    const response = assembleResponse(
      plan,
      [{ hits: [{ articleId: 42, title: null }], totalHits: 1 }],
      [{ hits: [{}] }],
    );
    expect(response.hits[0]).toEqual({
      article: { id: '', title: '', outlet: '', published: null, url: null },
      passages: [{ index: 0, html: '', countries: [], agencies: [] }],
    });
  });
});

describe('marking an article', () => {
  it('asks once per positive word, within the article, for every passage', () => {
    const queries = planHighlight('a"b', 'Ratcliffe kremlin -iran', 'passages');
    expect(queries.map((query) => query.q)).toEqual(['ratcliffe ', 'kremlin ']);
    for (const query of queries) {
      expect(query).toMatchObject({ filter: articleFilter('a"b'), limit: MAX_PASSAGES_PER_ARTICLE });
    }
    expect(planHighlight('a', '-iran', 'passages')).toEqual([]);
  });

  it('merges the marks of every word into one passage and leaves out passages with none', () => {
    const results: SearchResult[] = [
      {
        hits: [
          { index: 2, _formatted: { text: `${O}Ratcliffe${C} met the Kremlin <envoy>.` } },
          { index: 5, _formatted: { text: 'Ratcliff alone.' } },
        ],
      },
      { hits: [{ index: 2, _formatted: { text: `Ratcliffe met the ${O}Kremlin${C} <envoy>.` } }] },
    ];
    expect(assembleHighlights(results)).toEqual(
      new Map([[2, '<mark>Ratcliffe</mark> met the <mark>Kremlin</mark> &lt;envoy&gt;.']]),
    );
  });

  it('merges overlapping and adjacent marks, and keeps emoji whole', () => {
    expect(mergeMarks([`${O}ab cd${C} ef`, `ab ${O}cd ef${C}`])).toBe(`${O}ab cd ef${C}`);
    expect(mergeMarks([`${O}ab${C} cd`, `ab${O} cd${C}`])).toBe(`${O}ab cd${C}`);
    expect(mergeMarks([`😀 ${O}x${C}`, `${O}😀${C} x`])).toBe(`${O}😀${C} ${O}x${C}`);
    expect(mergeMarks([`${O}a${C} b`, `other ${O}text${C}`])).toBe(`${O}a${C} b`);
  });

  it('marks the whole word where Meilisearch marked only the typed prefix, as the embedded engine does', () => {
    expect(mergeMarks([`${O}Sanctio${C}ns, ${O}élec${C}tions and ${O}U${C}.${O}S${C}.`])).toBe(
      `${O}Sanctions${C}, ${O}élections${C} and ${O}U${C}.${O}S${C}.`,
    );
    expect(mergeMarks([`${O}inter${C}-ference, ${O}O${C}'Brien`])).toBe(
      `${O}inter${C}-ference, ${O}O${C}'Brien`,
    );
    expect(mergeMarks([`${O}sanctio${C}ns`, `${O}sanctions${C}`])).toBe(`${O}sanctions${C}`);
  });
});

describe('failures', () => {
  const requestError = (code: string) =>
    Object.assign(new Error('Request to http://meili:7700/multi-search has failed'), {
      name: 'MeilisearchRequestError',
      cause: Object.assign(new TypeError('fetch failed'), { cause: { code } }),
    });
  const apiError = (status: number, code?: string, message = 'error message') =>
    Object.assign(new Error(message), {
      name: 'MeilisearchApiError',
      response: { status },
      ...(code ? { cause: { message, code, type: 'invalid_request', link: '' } } : {}),
    });

  it('classifies what the client throws', () => {
    expect(classify(requestError('ECONNREFUSED'))).toEqual({ kind: 'unreachable', detail: 'ECONNREFUSED' });
    expect(classify(apiError(404, 'index_not_found')).kind).toBe('no-index');
    expect(classify(apiError(401, 'missing_authorization_header')).kind).toBe('auth');
    expect(classify(apiError(403, 'invalid_api_key')).kind).toBe('auth');
    expect(classify(apiError(502)).kind).toBe('server');
    expect(classify(apiError(400, 'invalid_search_filter')).kind).toBe('rejected');
    expect(classify(new SyntaxError('Unexpected token <')).kind).toBe('not-meilisearch');
    const timeout = {
      name: 'MeilisearchRequestError',
      cause: { name: 'MeilisearchRequestTimeOutError', cause: { timeout: 10000 } },
    };
    expect(classify(timeout).detail).toBe('no answer within 10000 ms');
  });

  it('makes the portal answer 503 for anything an operator must fix, without the address', () => {
    for (const error of [requestError('ECONNREFUSED'), apiError(403, 'invalid_api_key'), apiError(503)]) {
      const mapped = toSearchError(error);
      expect(mapped).toBeInstanceOf(EngineUnavailableError);
      expect(mapped.message).not.toContain('meili:7700');
    }
    expect(toSearchError(apiError(404, 'index_not_found')).message).toBe(NO_INDEX_MESSAGE);
    expect(toSearchError(apiError(403, 'invalid_api_key')).message).toContain('MEILI_API_KEY');
  });

  it('treats a request Meilisearch refused as our bug (500), not as unavailability', () => {
    const mapped = toSearchError(apiError(400, 'invalid_search_filter', 'bad filter'));
    expect(mapped).not.toBeInstanceOf(EngineUnavailableError);
    expect(mapped.message).toContain('invalid_search_filter');
  });

  it('tells an index built by an older version from a current one and from none', () => {
    expect(indexState({ id: 'build', schemaVersion: SCHEMA_VERSION })).toBe('current');
    expect(indexState({ id: 'build', schemaVersion: '1' })).toBe('outdated');
    expect(indexState({ id: 'build' })).toBe('missing');
    expect(indexState(undefined)).toBe('missing');
    // Version 1 filtered on `articleId`; its indexes must be rebuilt.
    expect(SCHEMA_VERSION).not.toBe('1');
  });

  it('recognises a search parameter Meilisearch refused, as older index settings cause', () => {
    expect(isSearchParameterRejection(classify(apiError(400, 'invalid_search_filter')))).toBe(true);
    expect(isSearchParameterRejection(classify(apiError(400, 'invalid_search_distinct')))).toBe(true);
    expect(isSearchParameterRejection(classify(apiError(400, 'invalid_document_id')))).toBe(false);
    expect(isSearchParameterRejection(classify(apiError(404, 'index_not_found')))).toBe(false);
    expect(isSearchParameterRejection(classify(apiError(503)))).toBe(false);
  });

  it('decides which live indexes to create by renaming by asking for each one, never from a listing', async () => {
    const known = ['passages', 'passages-articles'];
    const client = {
      getRawIndex: (uid: string) =>
        known.includes(uid) ? Promise.resolve({ uid }) : Promise.reject(apiError(404, 'index_not_found')),
      getRawIndexes: () => Promise.reject(new Error('a listing is paged and may miss the live index')),
    } as unknown as Meilisearch;
    const build = buildIndexNames('passages', 1, 'ab');
    expect(await swapsFor({ client, uid: 'passages' }, build)).toEqual([
      { indexes: [build.passages, 'passages'], rename: false },
      { indexes: [build.articles, 'passages-articles'], rename: false },
      // A deployment built before quotes were indexed has no quote index yet: renamed in, not swapped.
      { indexes: [build.quotes, 'passages-quotes'], rename: true },
      { indexes: [build.meta, 'passages-meta'], rename: true },
    ]);
  });

  it('lets any failure but "index not found" stop the swap', async () => {
    const client = {
      getRawIndex: () => Promise.reject(apiError(403, 'invalid_api_key', 'the key is refused')),
    } as unknown as Meilisearch;
    await expect(indexExists(client, 'passages')).rejects.toThrow('the key is refused');
  });

  it('tells the indexer what to check', () => {
    const unreachable = toBuildError(requestError('ENOTFOUND'), 'http://meili:7700');
    expect(unreachable.message).toMatch(/http:\/\/meili:7700.*ENOTFOUND.*MEILI_URL.*docker compose ps/s);
    expect(toBuildError(apiError(403, 'invalid_api_key'), 'http://x').message).toMatch(
      /MEILI_MASTER_KEY or MEILI_ADMIN_KEY/,
    );
  });

  it('describes a failed task with its step, reason and uid', () => {
    const message = taskFailureMessage(
      {
        uid: 42,
        status: 'failed',
        type: 'documentAdditionOrUpdate',
        error: {
          message: 'The payload is too large',
          code: 'payload_too_large',
          type: 'invalid_request',
          link: '',
        },
      },
      'add passages',
    );
    expect(message).toBe(
      'Meilisearch could not add passages: The payload is too large (payload_too_large) [task 42, documentAdditionOrUpdate]',
    );
  });

  it('retries an unreachable Meilisearch with growing delays, a bounded number of times', async () => {
    const delays: number[] = [];
    let calls = 0;
    const attempt = () => {
      calls++;
      return Promise.reject(requestError('ECONNREFUSED'));
    };
    await expect(
      withRetries(attempt, { attempts: 5, firstDelayMs: 500, sleep: async (ms) => void delays.push(ms) }),
    ).rejects.toThrow('has failed');
    expect(calls).toBe(5);
    expect(delays).toEqual([500, 1000, 2000, 4000]);
  });

  it('does not retry a refused key, and stops retrying once Meilisearch answers', async () => {
    let calls = 0;
    const refused = () => {
      calls++;
      return Promise.reject(apiError(403, 'invalid_api_key'));
    };
    await expect(
      withRetries(refused, { attempts: 5, firstDelayMs: 1, sleep: async () => undefined }),
    ).rejects.toThrow();
    expect(calls).toBe(1);
    let tries = 0;
    const flaky = () => (++tries < 3 ? Promise.reject(requestError('ECONNRESET')) : Promise.resolve('up'));
    expect(await withRetries(flaky, { attempts: 5, firstDelayMs: 1, sleep: async () => undefined })).toBe(
      'up',
    );
  });
});

describe('engine options', () => {
  it('lists every problem with the address and the index in one ConfigError', () => {
    const attempt = () => checkOptions({ url: 'localhost:7700', indexUid: 'bad index' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/MEILI_URL[\s\S]*MEILI_INDEX/);
    expect(checkOptions({ url: ' http://meili:7700 ' })).toEqual({
      url: 'http://meili:7700',
      indexUid: 'passages',
    });
  });
});
