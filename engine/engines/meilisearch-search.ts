/**
 * One search as Meilisearch requests, and the answers back as our `SearchResponse`. Pure: the
 * engine (meilisearch.ts) only sends what `planSearch`/`planPassages` build and hands the results
 * to `assembleResponse`.
 *
 * Why several queries: Meilisearch counts DOCUMENTS (passages here) in `facetDistribution` and
 * `totalHits`. With `distinct: "articleKey"` and finite pagination (`page`/`hitsPerPage`) it
 * deduplicates the whole candidate set before counting, so both count articles: one passage per
 * article is left, and every passage carries its article's facet values.
 * (milli `execute_search`: "if exhaustive_number_hits … apply_distinct_rule(all_candidates)";
 * the facet distribution is then computed on those candidates; see also
 * https://www.meilisearch.com/docs/learn/relevancy/distinct_attribute.)
 * Disjunctive counts need the candidates WITHOUT a facet's own filter, so each facet with a
 * selection gets its own query (`hitsPerPage: 0`: counts only). Up to 3 passages per article
 * need a second round trip: one small query per article on the page.
 *
 * Cost per search: 1 + (number of filtered facets, at most 4) queries in one multi-search request,
 * each deduplicating all matching passages by article (proportional to the matching articles), plus
 * a lookup of the build's meta document in the same request (meilisearch.ts checks its schema
 * version); then, for text queries, one multi-search with one `limit: 3` query per article shown.
 * The empty query needs no deduplication: it searches only each article's lead passage.
 */
import type { MultiSearchQuery } from 'meilisearch';
import { ELLIPSIS, highlight, MARK_CLOSE, MARK_OPEN } from '../highlight.js';
import { isEmptyQuery, parseQuery } from '../query.js';
import type {
  ArticleHit,
  ExportRequest,
  FacetName,
  SearchRequest,
  SearchResponse,
  SortOrder,
} from '../types.js';
import { FACET_NAMES } from '../types.js';
import { activeTargets, articleFilter, facetOf, ownTarget, searchFilter } from './meilisearch-filter.js';
import type { FacetDistributions, PassageHitDocument } from './meilisearch-mapping.js';
import {
  articleSummary,
  facetCounts,
  leadPassage,
  matchedPassage,
  mergeMarks,
} from './meilisearch-mapping.js';
import type { MeiliQuery } from './meilisearch-query.js';
import { positiveQueries, toMeiliQuery } from './meilisearch-query.js';

export const PASSAGES_PER_HIT = 3;
/** Words in a highlighted snippet, as many tokens as the embedded engine's snippets. */
export const CROP_WORDS = 32;
export const MAX_PER_PAGE = 100;
/** Passages fetched per query word when marking one article; within `pagination.maxTotalHits`. */
export const MAX_PASSAGES_PER_ARTICLE = 10_000;

const SUMMARY_FIELDS = ['articleId', 'title', 'outlet', 'published', 'url'];
const PASSAGE_FIELDS = ['articleId', 'index', 'text', 'passageCountries', 'passageAgencies'];

/** The part of a Meilisearch search result we read; hits are data from the network. */
export interface SearchResult {
  hits: PassageHitDocument[];
  totalHits?: number;
  estimatedTotalHits?: number;
  facetDistribution?: FacetDistributions;
}

export interface SearchPlan {
  /** `browse`: the empty query, one lead passage per article; `text`: passages matching `q`. */
  mode: 'browse' | 'text';
  query: MeiliQuery | null;
  /**
   * The first multi-search: the page of articles first, then one counting query per filtered facet.
   * Empty when the answer is known to be empty.
   */
  queries: MultiSearchQuery[];
  /** Which of `queries` holds each facet's counts. */
  facetSource: Record<FacetName, number>;
}

/** The page asked for, within what Meilisearch pages; quote searches page the same way. */
export function paging(request: Pick<SearchRequest, 'page' | 'perPage'>): {
  page: number;
  hitsPerPage: number;
} {
  return {
    page: Math.max(1, Math.floor(request.page) || 1),
    hitsPerPage: Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(request.perPage) || 1)),
  };
}

/** Undated passages have no `publishedTs`; Meilisearch puts them last in either direction. */
function sortFor(mode: SearchPlan['mode'], order: SortOrder): string[] | undefined {
  if (order === 'oldest') return ['publishedTs:asc'];
  if (order === 'newest' || mode === 'browse') return ['publishedTs:desc'];
  return undefined;
}

/** What every query of one search shares: the text part, or only lead passages for the empty query. */
function textPart(mode: SearchPlan['mode'], query: MeiliQuery | null): Partial<MultiSearchQuery> {
  if (mode === 'browse' || !query) return {};
  // "all": a passage must hold every word; the default "last" drops words to find more results.
  return { q: query.q, matchingStrategy: 'all', distinct: 'articleKey' };
}

export function withFilter(filter: string | undefined): Partial<MultiSearchQuery> {
  return filter === undefined ? {} : { filter };
}

/** The first round trip for a search request on index `indexUid`. */
export function planSearch(request: SearchRequest, indexUid: string): SearchPlan {
  const parsed = parseQuery(request.q);
  const mode = isEmptyQuery(parsed) ? 'browse' : 'text';
  const query = mode === 'text' ? toMeiliQuery(parsed) : null;
  // Each facet is counted by the main query (0) unless it has its own filter (set below).
  const facetSource = { country: 0, agency: 0, outlet: 0, year: 0 };
  // No request at all: the answer is known to be empty (see `matchesNothing`).
  if (query?.matchesNothing) return { mode, query, queries: [], facetSource };
  const leadOnly = mode === 'browse';
  const shared = { indexUid, ...textPart(mode, query) };
  const targets = activeTargets(request.filters);
  const sort = sortFor(mode, request.sort);
  const ownFacets = FACET_NAMES.filter((facet) => !targets.includes(ownTarget(facet)));

  const main: MultiSearchQuery = {
    ...shared,
    ...withFilter(searchFilter(request.filters, { leadOnly })),
    ...(sort ? { sort } : {}),
    ...paging(request),
    ...(ownFacets.length > 0 ? { facets: ownFacets } : {}),
    attributesToRetrieve: leadOnly ? [...SUMMARY_FIELDS, ...PASSAGE_FIELDS] : SUMMARY_FIELDS,
  };
  const counting = targets.map((target): MultiSearchQuery => ({
    ...shared,
    ...withFilter(searchFilter(request.filters, { except: target, leadOnly })),
    page: 1,
    hitsPerPage: 0,
    facets: [facetOf(target)],
  }));
  for (const facet of FACET_NAMES) facetSource[facet] = targets.indexOf(ownTarget(facet)) + 1;
  return { mode, query, queries: [main, ...counting], facetSource };
}

/** Passages asked for per request while exporting. */
export const EXPORT_PAGE_SIZE = 1000;
const EXPORT_FIELDS = [...SUMMARY_FIELDS, ...PASSAGE_FIELDS, 'country', 'agency'];

/**
 * The query listing every passage an export wants: the search's own text part and filter, but
 * without `distinct` (all passages of an article, not one) and without `lead = true` for the empty
 * query; the caller pages through it with `offset`/`limit`. Null when nothing can match.
 */
export function planExport(request: ExportRequest, indexUid: string): MultiSearchQuery | null {
  const parsed = parseQuery(request.q);
  const mode = isEmptyQuery(parsed) ? 'browse' : 'text';
  const query = mode === 'text' ? toMeiliQuery(parsed) : null;
  if (query?.matchesNothing) return null;
  const sort = sortFor(mode, request.sort);
  return {
    indexUid,
    ...(query ? { q: query.q, matchingStrategy: 'all' } : {}),
    ...withFilter(searchFilter(request.filters)),
    ...(sort ? { sort } : {}),
    attributesToRetrieve: EXPORT_FIELDS,
  };
}

/** Highlight and crop with private-use markers, turned into `<mark>` after escaping. */
export const HIGHLIGHTED_TEXT = {
  attributesToHighlight: ['text'],
  highlightPreTag: MARK_OPEN,
  highlightPostTag: MARK_CLOSE,
} satisfies Partial<MultiSearchQuery>;

/** The second round trip of a text search: the best passages of each article on the page. */
export function planPassages(
  plan: SearchPlan,
  articleIds: readonly string[],
  indexUid: string,
): MultiSearchQuery[] {
  if (plan.mode === 'browse' || !plan.query) return [];
  const { q, negationOnly } = plan.query;
  const presentation: Partial<MultiSearchQuery> = negationOnly
    ? // Nothing to mark: the article's first passages that are not excluded, shown from their start.
      { sort: ['index:asc'] }
    : { ...HIGHLIGHTED_TEXT, attributesToCrop: ['text'], cropLength: CROP_WORDS, cropMarker: ELLIPSIS };
  return articleIds.map((articleId) => ({
    indexUid,
    q,
    matchingStrategy: 'all',
    filter: articleFilter(articleId),
    limit: PASSAGES_PER_HIT,
    attributesToRetrieve: PASSAGE_FIELDS,
    ...presentation,
  }));
}

export function articleIdsOf(result: SearchResult | undefined): string[] {
  return (result?.hits ?? []).map((hit) => (typeof hit.articleId === 'string' ? hit.articleId : ''));
}

/** Our response from the results of `plan.queries` and, for text searches, of `planPassages`. */
export function assembleResponse(
  plan: SearchPlan,
  results: readonly SearchResult[],
  passageResults: readonly SearchResult[] = [],
): SearchResponse {
  const main = results[0];
  const hits = (main?.hits ?? []).map((hit, i): ArticleHit => ({
    article: articleSummary(hit),
    passages:
      plan.mode === 'browse'
        ? [leadPassage(hit)]
        : (passageResults[i]?.hits ?? []).slice(0, PASSAGES_PER_HIT).map(matchedPassage),
  }));
  const distribution = (facet: FacetName) => results[plan.facetSource[facet]]?.facetDistribution;
  return {
    totalArticles: main?.totalHits ?? main?.estimatedTotalHits ?? 0,
    hits,
    facets: facetCounts({
      country: distribution('country'),
      agency: distribution('agency'),
      outlet: distribution('outlet'),
      year: distribution('year'),
    }),
  };
}

/**
 * Queries marking one article: one per positive word or phrase of `q` (Meilisearch returns only
 * passages holding ALL words with `matchingStrategy: "all"`, and drops words from the end, never
 * from the start, with "last"; separate queries give "any"). Empty when nothing is positive.
 */
export function planHighlight(articleId: string, q: string, indexUid: string): MultiSearchQuery[] {
  return positiveQueries(parseQuery(q)).map((positive) => ({
    indexUid,
    q: positive,
    matchingStrategy: 'all',
    filter: articleFilter(articleId),
    limit: MAX_PASSAGES_PER_ARTICLE,
    attributesToRetrieve: ['index', 'text'],
    ...HIGHLIGHTED_TEXT,
  }));
}

/** Passage index → HTML with every word of every query marked; passages with no mark are left out. */
export function assembleHighlights(results: readonly SearchResult[]): Map<number, string> {
  const versions = new Map<number, string[]>();
  for (const result of results) {
    for (const hit of result.hits) {
      const text = hit._formatted?.text;
      if (typeof hit.index !== 'number' || typeof text !== 'string') continue;
      versions.set(hit.index, [...(versions.get(hit.index) ?? []), text]);
    }
  }
  const highlighted = new Map<number, string>();
  for (const index of [...versions.keys()].sort((a, b) => a - b)) {
    const html = highlight(mergeMarks(versions.get(index) ?? []));
    if (html.includes('<mark>')) highlighted.set(index, html);
  }
  return highlighted;
}
