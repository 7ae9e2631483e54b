/**
 * A quote search as Meilisearch requests, and the answers back as our `QuoteSearchResponse`. Pure,
 * like meilisearch-search.ts, whose approach it follows:
 * - round one, one multi-search: the page of statements (`distinct: "groupKey"` with page-based
 *   pagination, so `totalHits` and facet counts count statements, not reports), then one counting
 *   query per filtered facet for the disjunctive counts;
 * - round two: for each statement on the page, its reports (earliest first) and the number of
 *   articles reporting it (`distinct: "articleKey"`, counts only).
 * The best matching report of each statement comes back from round one highlighted.
 */
import type { MultiSearchQuery } from 'meilisearch';
import { escapeHtml, highlight } from '../highlight.js';
import { isEmptyQuery, parseQuery } from '../query.js';
import type { QuoteFacetName, QuoteHit, QuoteSearchRequest, QuoteSearchResponse } from '../types.js';
import { MAX_REPORTS_PER_QUOTE, QUOTE_FACET_NAMES } from '../types.js';
import { groupFilter, quoteFilter } from './meilisearch-filter.js';
import { mergeMarks, quoteFacetCounts, quoteReport } from './meilisearch-mapping.js';
import { toMeiliQuery } from './meilisearch-query.js';
import type { SearchResult } from './meilisearch-search.js';
import { HIGHLIGHTED_TEXT, paging, withFilter } from './meilisearch-search.js';

const REPORT_FIELDS = [
  'group',
  'articleId',
  'title',
  'outlet',
  'published',
  'url',
  'passageIndex',
  'text',
  'speaker',
  'speakerRole',
];

export interface QuotePlan {
  /** False for the empty query: every statement, most recently reported first. */
  text: boolean;
  /** Round one; empty when the answer is known to be empty. */
  queries: MultiSearchQuery[];
  /** Which of `queries` holds each facet's counts. */
  facetSource: Record<QuoteFacetName, number>;
}

export function planQuoteSearch(request: QuoteSearchRequest, indexUid: string): QuotePlan {
  const parsed = parseQuery(request.q);
  const text = !isEmptyQuery(parsed);
  const query = text ? toMeiliQuery(parsed) : null;
  const facetSource: Record<QuoteFacetName, number> = { speaker: 0, country: 0 };
  if (query?.matchesNothing) return { text, queries: [], facetSource };
  const shared: MultiSearchQuery = {
    indexUid,
    ...(query ? { q: query.q, matchingStrategy: 'all' } : {}),
    distinct: 'groupKey',
  };
  const filtered = QUOTE_FACET_NAMES.filter((facet) => request[facet].length > 0);
  const own = QUOTE_FACET_NAMES.filter((facet) => !filtered.includes(facet));
  const main: MultiSearchQuery = {
    ...shared,
    ...withFilter(quoteFilter(request)),
    // Without a query nothing ranks: the statement reported last comes first.
    ...(query ? {} : { sort: ['publishedTs:desc'] }),
    ...paging(request),
    ...(own.length > 0 ? { facets: own } : {}),
    attributesToRetrieve: REPORT_FIELDS,
    ...(query && !query.negationOnly ? HIGHLIGHTED_TEXT : {}),
  };
  const counting = filtered.map((facet): MultiSearchQuery => ({
    ...shared,
    ...withFilter(quoteFilter(request, facet)),
    page: 1,
    hitsPerPage: 0,
    facets: [facet],
  }));
  filtered.forEach((facet, i) => (facetSource[facet] = i + 1));
  return { text, queries: [main, ...counting], facetSource };
}

/** The statements' group names on the page, in order. */
export function groupsOf(result: SearchResult | undefined): string[] {
  return (result?.hits ?? []).map((hit) => (typeof hit.group === 'string' ? hit.group : ''));
}

/** Round two: two queries per statement, its reports and its number of reporting articles. */
export function planQuoteReports(groups: readonly string[], indexUid: string): MultiSearchQuery[] {
  return groups.flatMap((group): MultiSearchQuery[] => [
    {
      indexUid,
      filter: groupFilter(group),
      sort: ['publishedTs:asc'],
      limit: MAX_REPORTS_PER_QUOTE,
      attributesToRetrieve: REPORT_FIELDS,
    },
    { indexUid, filter: groupFilter(group), distinct: 'articleKey', page: 1, hitsPerPage: 0 },
  ]);
}

export function assembleQuoteResponse(
  plan: QuotePlan,
  results: readonly SearchResult[],
  reportResults: readonly SearchResult[],
): QuoteSearchResponse {
  const main = results[0];
  const hits = (main?.hits ?? []).map((best, i): QuoteHit => {
    const reports = (reportResults[2 * i]?.hits ?? []).map(quoteReport);
    const counted = reportResults[2 * i + 1];
    const shown = plan.text
      ? quoteReport(best)
      : ([...reports].sort((a, b) => b.text.length - a.text.length)[0] ?? quoteReport(best));
    const named = shown.speaker === null ? reports.find((report) => report.speaker !== null) : shown;
    const formatted = best._formatted?.text;
    return {
      group: typeof best.group === 'string' ? best.group : '',
      html:
        plan.text && typeof formatted === 'string'
          ? highlight(mergeMarks([formatted]))
          : escapeHtml(shown.text),
      speaker: named?.speaker ?? null,
      speakerRole: named?.speakerRole ?? null,
      articleCount: counted?.totalHits ?? counted?.estimatedTotalHits ?? reports.length,
      reports,
    };
  });
  const distribution = (facet: QuoteFacetName) => results[plan.facetSource[facet]]?.facetDistribution;
  return {
    totalQuotes: main?.totalHits ?? main?.estimatedTotalHits ?? 0,
    hits,
    facets: quoteFacetCounts({ speaker: distribution('speaker'), country: distribution('country') }),
  };
}
