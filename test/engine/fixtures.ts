import type { Article, Quote, QuoteSearchRequest, SearchFilters, SearchRequest } from '../../engine/types.js';

export const NO_FILTERS: SearchFilters = { country: [], agency: [], outlet: [], from: null, to: null };

export function request(q: string, overrides: Partial<SearchRequest> = {}): SearchRequest {
  return { q, filters: NO_FILTERS, sort: 'relevance', page: 1, perPage: 100, ...overrides };
}

export function quoteRequest(q: string, overrides: Partial<QuoteSearchRequest> = {}): QuoteSearchRequest {
  return { q, speaker: [], country: [], page: 1, perPage: 10, ...overrides };
}

/** An article whose passages are the given texts, with sensible defaults for everything else. */
export function article(
  id: string,
  texts: readonly string[],
  fields: Partial<Omit<Article, 'id' | 'passages'>> = {},
): Article {
  return {
    id,
    title: `Title of ${id}`,
    outlet: 'Fixture Outlet',
    published: '2020-01-01',
    publishedSource: 'front matter',
    url: null,
    language: 'en',
    countries: [],
    agencies: [],
    quotes: [],
    ...fields,
    passages: texts.map((text, i) => ({
      index: i + 1,
      text,
      headings: [],
      countries: fields.countries ?? [],
      agencies: fields.agencies ?? [],
    })),
  };
}

/**
 * An article that quotes each `[text, speaker, group?]` in a passage of its own; a quote's group is
 * its own place unless given (several articles giving one group report one statement).
 */
export function quotingArticle(
  id: string,
  published: string | null,
  said: readonly [text: string, speaker: string | null, group?: string][],
): Article {
  const quotes: Quote[] = said.map(([text, speaker, group], i) => ({
    text,
    speaker,
    speakerRole: null,
    passageIndex: i + 1,
    passageIndexes: [i + 1],
    group: group ?? `${id}#q${i}`,
  }));
  return {
    ...article(
      id,
      said.map(([text]) => `“${text},” they said.`),
      { published },
    ),
    quotes,
  };
}

/**
 * Quotes for each adapter's own ordering tests: Yellen in the words of two statements, and as the
 * speaker of three others, one of them (`shared#q0`) reported by two articles.
 */
export const QUOTE_ORDERING_FIXTURES: readonly Article[] = [
  quotingArticle('old', '2019-01-01', [
    ['Sanctions will follow any interference', 'Janet Yellen'],
    ['We will respond', 'Janet Yellen', 'shared#q0'],
  ]),
  quotingArticle('new', '2021-01-01', [['Nothing about the topic here', 'Janet Yellen']]),
  quotingArticle('middle', '2020-01-01', [
    ['We will respond', 'Janet Yellen', 'shared#q0'],
    ['Yellen said sanctions are coming', 'Someone Else'],
  ]),
  quotingArticle('undated', null, [['An undated word from Yellen', 'Nobody Known']]),
];

/**
 * Markup and marker characters in corpus text: whatever an engine returns for it must be escaped.
 * Undated, so it also checks that undated articles sort last and fail date filters.
 */
export const HOSTILE_ARTICLE: Article = article(
  'zz-contract-hostile-markup',
  [
    'Injected <script>alert("xss")</script> markup & "quotes" in a passage, with \uE000fake markers\uE001 too.',
    'A second passage that says <b>bold</b> things.',
  ],
  {
    title: '<script>alert("title")</script>',
    outlet: 'Contract Test Outlet',
    published: null,
    publishedSource: null,
    quotes: [
      {
        text: 'Injected <script>alert("quote")</script> & \uE000fake markers\uE001 in a quote',
        speaker: '<b>Mallory</b> & Co',
        speakerRole: null,
        passageIndex: 1,
        passageIndexes: [1],
        group: 'zz-contract-hostile-markup#q0',
      },
    ],
  },
);

/** Queries that must neither throw nor produce markup, whatever the engine. */
export const HOSTILE_QUERIES = [
  '"',
  '"unbalanced',
  '""""',
  "'",
  '-',
  '--',
  '- -"',
  '*',
  '**a*',
  'a*b',
  'NEAR(a b)',
  'NEAR(a b, 2)',
  'AND OR NOT (',
  ') AND (',
  'NOT trump',
  'title:foo',
  'col:',
  ':',
  '{text}: foo',
  '^trump',
  '+iran',
  "'; DROP TABLE passages; --",
  'SELECT * FROM articles WHERE 1=1',
  '\\"',
  '\u0000',
  'x'.repeat(5_000),
  'a '.repeat(2_500),
  '"'.repeat(5_000),
  '😀 🇷🇺 👨‍👩‍👧',
  '<script>alert(1)</script>',
  '\uE000mark\uE001',
  '\u202Eright-to-left override',
  '%22%3Cscript%3E',
];
