/**
 * The quote search as the API returns it and as the `/quotes` templates render it. Like the search
 * page, everything a template needs is computed here.
 */
import type { QuoteFacetName, QuoteSearchRequest, QuoteSearchResponse } from '../engine/types.js';
import { facetKey } from '../engine/facet-key.js';
import { domId } from './dom-id.js';
import { pagination, type Pagination } from './pagination.js';
import { passageId, passageLink } from './present.js';
import { quoteQueryString } from './quote-params.js';

/** The public JSON of a quote search, documented in the README. */
export interface QuoteResult {
  query: string;
  filters: Pick<QuoteSearchRequest, QuoteFacetName>;
  page: number;
  perPage: number;
  totalQuotes: number;
  totalPages: number;
  tookMs: number;
  queryTruncated: boolean;
  hits: {
    group: string;
    html: string;
    speaker: string | null;
    speakerRole: string | null;
    articleCount: number;
    reports: {
      article: { id: string; title: string; outlet: string; published: string | null; url: string | null };
      passageId: string;
      passageIndex: number;
      link: string;
      text: string;
      speaker: string | null;
      speakerRole: string | null;
    }[];
  }[];
  facets: QuoteSearchResponse['facets'];
}

export function presentQuotes(
  request: QuoteSearchRequest,
  response: QuoteSearchResponse,
  details: { tookMs: number; queryTruncated: boolean },
): QuoteResult {
  return {
    query: request.q,
    filters: { speaker: request.speaker, country: request.country },
    page: request.page,
    perPage: request.perPage,
    totalQuotes: response.totalQuotes,
    totalPages: Math.ceil(response.totalQuotes / request.perPage),
    tookMs: details.tookMs,
    queryTruncated: details.queryTruncated,
    hits: response.hits.map((hit) => ({
      group: hit.group,
      html: hit.html,
      speaker: hit.speaker,
      speakerRole: hit.speakerRole,
      articleCount: hit.articleCount,
      reports: hit.reports.map((report) => ({
        article: report.article,
        passageId: passageId(report.article.id, report.passageIndex),
        passageIndex: report.passageIndex,
        link: passageLink(report.article.id, report.passageIndex),
        text: report.text,
        speaker: report.speaker,
        speakerRole: report.speakerRole,
      })),
    })),
    facets: response.facets,
  };
}

interface FacetGroup {
  name: QuoteFacetName;
  label: string;
  values: { id: string; value: string; count: number; checked: boolean }[];
  /** Values left out of a long list (the most quoted are shown); the speaker field reaches them. */
  hidden: number;
}

/** Speakers listed as checkboxes; the rest are a typed name away (the field's suggestions list them all). */
const MAX_LISTED_SPEAKERS = 15;

/**
 * A facet's values with counts, selected ones ticked whatever their case (`john ratcliffe` ticks
 * "John Ratcliffe", as the engines compare them) and kept visible at 0 so they can be unticked.
 */
function facetGroup(result: QuoteResult, name: QuoteFacetName, label: string, max = Infinity): FacetGroup {
  const selected = new Set(result.filters[name].map(facetKey));
  const counted = Object.entries(result.facets[name]).map(([value, count]) => ({ value, count }));
  const unmatched = result.filters[name].filter(
    (value) => !counted.some((entry) => facetKey(entry.value) === facetKey(value)),
  );
  const all = [...counted, ...unmatched.map((value) => ({ value, count: 0 }))]
    .map((entry) => ({
      ...entry,
      id: domId(`quote-${name}`, entry.value),
      checked: selected.has(facetKey(entry.value)),
    }))
    .sort(
      (a, b) => Number(b.checked) - Number(a.checked) || b.count - a.count || a.value.localeCompare(b.value),
    );
  const shown = all.filter((entry, i) => entry.checked || i < max);
  return { name, label, values: shown, hidden: all.length - shown.length };
}

/** Speakers whose name holds every word typed into an unmatched speaker filter ("ratcliffe"). */
function speakerSuggestions(result: QuoteResult): { label: string; href: string; count: number }[] {
  const known = new Set(Object.keys(result.facets.speaker).map(facetKey));
  const typed = result.filters.speaker.filter((value) => !known.has(facetKey(value)));
  const request = {
    q: result.query,
    speaker: [],
    country: result.filters.country,
    page: 1,
    perPage: result.perPage,
  };
  return typed.flatMap((value) => {
    const words = facetKey(value).split(/\s+/).filter(Boolean);
    return Object.entries(result.facets.speaker)
      .filter(([name]) =>
        words.every((word) =>
          facetKey(name)
            .split(/[\s-]+/)
            .includes(word),
        ),
      )
      .map(([name, count]) => ({
        label: name,
        count,
        href: `/quotes${quoteQueryString(request, {
          speaker: [...result.filters.speaker.filter((other) => other !== value), name],
        })}`,
      }));
  });
}

export interface QuotesView {
  result: QuoteResult;
  request: QuoteSearchRequest;
  facets: FacetGroup[];
  /** Every speaker the current results count, for the speaker field's suggestions. */
  speakerOptions: string[];
  suggestions: { label: string; href: string; count: number }[];
  pagination: Pagination;
  clearFilters: string | null;
  statusText: string;
  canonicalUrl: string;
  /** Where a report's link goes: the passage, with the query's words marked when there is a query. */
  reportHref: (articleId: string, passageIndex: number) => string;
  partial: boolean;
}

function statusText(result: QuoteResult): string {
  const total = result.totalQuotes;
  const found = total === 0 ? 'No quotes match' : `${total} ${total === 1 ? 'quote' : 'quotes'}`;
  const by = result.filters.speaker.length > 0 ? ` by ${result.filters.speaker.join(' or ')}` : '';
  const query = result.query ? ` for ${result.query}` : '';
  const page = result.totalPages > 1 ? `, page ${result.page} of ${result.totalPages}` : '';
  return `${found}${by}${query}${page}`;
}

export function buildQuotesView(
  result: QuoteResult,
  request: QuoteSearchRequest,
  partial: boolean,
): QuotesView {
  const filtered = request.speaker.length + request.country.length > 0;
  return {
    result,
    request,
    facets: [
      facetGroup(result, 'speaker', 'Speaker', MAX_LISTED_SPEAKERS),
      facetGroup(result, 'country', 'Accused country'),
    ],
    speakerOptions: Object.keys(result.facets.speaker).sort((a, b) => a.localeCompare(b)),
    suggestions: result.totalQuotes === 0 ? speakerSuggestions(result) : [],
    pagination: pagination(result, (page) => `/quotes${quoteQueryString(request, { page })}`),
    clearFilters: filtered
      ? `/quotes${quoteQueryString(request, { speaker: [], country: [], page: null })}`
      : null,
    statusText: statusText(result),
    canonicalUrl: `/quotes${quoteQueryString(request)}`,
    reportHref: (articleId, passageIndex) => passageLink(articleId, passageIndex, request.q),
    partial,
  };
}
