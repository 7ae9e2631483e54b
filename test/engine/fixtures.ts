import type { Article, SearchFilters, SearchRequest } from '../../engine/types.js';

export const NO_FILTERS: SearchFilters = { country: [], agency: [], outlet: [], from: null, to: null };

export function request(q: string, overrides: Partial<SearchRequest> = {}): SearchRequest {
  return { q, filters: NO_FILTERS, sort: 'relevance', page: 1, perPage: 100, ...overrides };
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
