/**
 * Index names and settings of the Meilisearch adapter, as plain data: what the engine applies can be
 * read and tested without a server.
 *
 * Four indexes per deployment, swapped together (one swap task is atomic for every pair):
 * - `<uid>`: one document per passage, the unit of matching (see meilisearch-mapping.ts);
 * - `<uid>-articles`: one document per article with the article as indexed, for `getArticle`.
 *   Keeping the full article off the passage documents avoids storing it once per passage;
 * - `<uid>-quotes`: one document per quote (a report of a statement), for `searchQuotes`;
 * - `<uid>-meta`: one document describing the build, for `stats`.
 * https://www.meilisearch.com/docs/reference/api/settings
 */
import type { Settings } from 'meilisearch';

/** Index uids may hold only these characters. https://www.meilisearch.com/docs/learn/getting_started/indexes#index-uid */
export const INDEX_UID_PATTERN = /^[A-Za-z0-9_-]+$/;
/** Longest `MEILI_INDEX` we accept: Meilisearch allows 400 bytes and our suffixes add about 50. */
export const MAX_INDEX_UID_LENGTH = 200;
export const DEFAULT_INDEX_UID = 'passages';

export interface IndexNames {
  passages: string;
  articles: string;
  quotes: string;
  meta: string;
}

export type IndexKind = keyof IndexNames;
export const INDEX_KINDS: readonly IndexKind[] = ['passages', 'articles', 'quotes', 'meta'];

/** The indexes searches read. */
export function liveIndexNames(uid: string): IndexNames {
  return { passages: uid, articles: `${uid}-articles`, quotes: `${uid}-quotes`, meta: `${uid}-meta` };
}

const BUILD_MARK = '-build-';

/** The indexes of one build: `<uid>-build-<startedAt ms>-<nonce>` and its companions. */
export function buildIndexNames(uid: string, startedAt: number, nonce: string): IndexNames {
  return liveIndexNames(`${uid}${BUILD_MARK}${startedAt}-${nonce}`);
}

/** A build older than this was abandoned (a crashed indexer); a live one never takes a day. */
export const ABANDONED_BUILD_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * The indexes among `existing` left by builds of `uid` that started more than `maxAgeMs` before
 * `now`. Younger builds may belong to an indexer that is still running, so they are kept.
 */
export function abandonedBuildIndexes(
  uid: string,
  existing: readonly string[],
  now: number,
  maxAgeMs = ABANDONED_BUILD_AGE_MS,
): string[] {
  const prefix = `${uid}${BUILD_MARK}`;
  return existing.filter((name) => {
    if (!name.startsWith(prefix)) return false;
    const match = /^(\d+)-[0-9a-f]+(?:-articles|-quotes|-meta)?$/.exec(name.slice(prefix.length));
    return match !== null && now - Number(match[1]) > maxAgeMs;
  });
}

/** Fields of a passage document (see `PassageDocument` in meilisearch-mapping.ts). */
export const FACET_ATTRIBUTE = {
  country: 'country',
  agency: 'agency',
  outlet: 'outlet',
  year: 'year',
} as const;

/**
 * Exact totals need `maxTotalHits` at least the number of matching articles: Meilisearch reports
 * `min(hits, maxTotalHits)` and refuses pages beyond it.
 * https://www.meilisearch.com/docs/reference/api/settings#pagination
 */
export const MAX_TOTAL_HITS = 1_000_000;
/** Facet values returned per facet; beyond this the least frequent are dropped (values sort by count). */
export const MAX_VALUES_PER_FACET = 10_000;
/**
 * How long Meilisearch may rank one query before it returns what it has: without this setting it
 * stops after 1.5 s and silently answers partial results. Below the client's `SEARCH_TIMEOUT_MS`, so
 * a single slow query still completes; a multi-search slower than that timeout is reported as
 * Meilisearch being unavailable (503), never as silently incomplete results.
 * https://www.meilisearch.com/docs/capabilities/full_text_search/how_to/configure_search_cutoff
 */
export const SEARCH_CUTOFF_MS = 9_000;

/**
 * What the two searched indexes, passages and quotes, share: how they rank, tolerate typos, count
 * facets and page, so that both searches behave alike.
 *
 * `sort` comes first in the ranking rules so that "newest"/"oldest" order by date before relevance
 * (in the default position it only breaks ties); without a `sort` parameter the rule does nothing.
 * The final `publishedTs:desc` breaks relevance ties towards newer articles, like the embedded engine.
 * https://www.meilisearch.com/docs/learn/relevancy/ranking_rules
 *
 * Typo tolerance is spelled out although these are Meilisearch's defaults, because engine/typo.ts
 * promises exactly these numbers. https://www.meilisearch.com/docs/learn/relevancy/typo_tolerance_settings
 *
 * No `distinctAttribute`: distinct is asked per search (`"articleKey"`, `"groupKey"` for quotes),
 * because the queries that fetch several passages or reports of one article must not be
 * deduplicated. Articles are filtered and deduplicated by `articleKey`, never by `articleId`,
 * which Meilisearch would normalise (see `articleKey` in meilisearch-filter.ts).
 */
const RANKED_TEXT_SETTINGS = {
  displayedAttributes: ['*'],
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'publishedTs:desc'],
  distinctAttribute: null,
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnWords: [],
    disableOnAttributes: [],
    disableOnNumbers: false,
  },
  faceting: { maxValuesPerFacet: MAX_VALUES_PER_FACET, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
  stopWords: [],
  synonyms: {},
  prefixSearch: 'indexingTime',
  // We never search inside facet values; skipping that structure saves indexing time.
  facetSearch: false,
  searchCutoffMs: SEARCH_CUTOFF_MS,
} as const satisfies Settings;

/**
 * Passage index. Only `text` is searchable: matching is per passage, as in the embedded engine,
 * so a title word must not make a passage match.
 */
export const PASSAGE_SETTINGS = {
  searchableAttributes: ['text'],
  filterableAttributes: ['articleKey', 'country', 'agency', 'outlet', 'publishedTs', 'year', 'lead'],
  sortableAttributes: ['publishedTs', 'index'],
  ...RANKED_TEXT_SETTINGS,
} as const satisfies Settings;

/**
 * Quote index: a quote's words rank before its speaker's name (`attribute`), so a query matching
 * only the name ("ratcliffe") lists that person's quotes by date. `groupKey` is the statement
 * (see `articleKey` in meilisearch-filter.ts for why a hash): searches ask `distinct: "groupKey"`
 * to count statements, not reports. Speakers and countries filter and count like passage facets.
 */
export const QUOTE_SETTINGS = {
  searchableAttributes: ['text', 'speaker'],
  filterableAttributes: ['groupKey', 'articleKey', 'speaker', 'country'],
  sortableAttributes: ['publishedTs'],
  ...RANKED_TEXT_SETTINGS,
} as const satisfies Settings;

/** Article and meta indexes: one lookup filter each, so nothing else is indexed. */
const lookupSettings = (filterable: string) =>
  ({
    searchableAttributes: ['id'],
    displayedAttributes: ['*'],
    filterableAttributes: [filterable],
    sortableAttributes: [],
    distinctAttribute: null,
    facetSearch: false,
  }) as const satisfies Settings;

/** Articles are looked up by `articleKey` (ids are normalised in filters), the build by `id`. */
export const ARTICLE_SETTINGS = lookupSettings('articleKey');
export const META_SETTINGS = lookupSettings('id');

export const SETTINGS: Readonly<Record<IndexKind, Settings>> = {
  passages: PASSAGE_SETTINGS as unknown as Settings,
  articles: ARTICLE_SETTINGS as unknown as Settings,
  quotes: QUOTE_SETTINGS as unknown as Settings,
  meta: META_SETTINGS as unknown as Settings,
};

/** Primary key of every index. */
export const PRIMARY_KEY = 'id';
