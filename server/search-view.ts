import type { FacetName, SearchEngine, SearchRequest } from '../engine/types.js';
import { buildDateHistogram, countMonths, selectedYear, type DateHistogram } from './date-histogram.js';
import { domId } from './dom-id.js';
import { emptyStateHints, type EmptyStateHints } from './empty-state.js';
import { pagination, type Pagination } from './pagination.js';
import { toQueryString } from './params.js';
import { passageTools, type PassageTools } from './passage-tools.js';
import type { SearchResult } from './present.js';

/** What the search templates need, computed here so that templates stay free of logic. */
export interface SearchView {
  result: SearchResult;
  request: SearchRequest;
  facets: FacetGroup[];
  histogram: DateHistogram;
  pagination: Pagination;
  clearFilters: string | null;
  activeFilterCount: number;
  /** What a screen reader announces after each search, and the visible summary. */
  statusText: string;
  /** The canonical address of this state (empty parameters left out), pushed into the history. */
  canonicalUrl: string;
  /** What to change when nothing matches; null when something does. */
  empty: EmptyStateHints | null;
  /** Download links for every matching passage; null when nothing matches. */
  exports: { csv: string; json: string; maxPassages: number } | null;
  /**
   * Passage links on pages carry the search (the article page marks the query's terms and links
   * back to exactly these results); the shareable link is the bare one.
   */
  passageHref: (articleId: string, index: number) => string;
  tools: (article: { id: string; url: string | null }, index: number) => PassageTools;
  /** Rendering for an htmx request: the results region plus out-of-band updates. */
  partial: boolean;
}

interface FacetGroup {
  name: Exclude<FacetName, 'year'>;
  label: string;
  values: { id: string; value: string; count: number; checked: boolean }[];
}

const FACET_LABELS: Record<Exclude<FacetName, 'year'>, string> = {
  country: 'Accused country',
  agency: 'Agency',
  outlet: 'Outlet',
};

function facetGroup(result: SearchResult, name: Exclude<FacetName, 'year'>): FacetGroup {
  const counts = result.facets[name];
  const selected = result.filters[name];
  // A selected value stays visible with 0 so it can be unticked even when nothing matches it any more.
  const values = new Set([...Object.keys(counts), ...selected]);
  return {
    name,
    label: FACET_LABELS[name],
    values: [...values]
      .map((value) => ({
        id: domId(`facet-${name}`, value),
        value,
        count: counts[value] ?? 0,
        checked: selected.includes(value),
      }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
  };
}

function statusText(result: SearchResult): string {
  const total = result.totalArticles;
  const found = total === 0 ? 'No articles match' : `${total} ${total === 1 ? 'article' : 'articles'}`;
  const page = result.totalPages > 1 ? `, page ${result.page} of ${result.totalPages}` : '';
  const query = result.query ? `${total === 0 ? '' : ' for'} ${result.query}` : '';
  return `${found}${query}${page}`;
}

export interface SearchViewExtras {
  monthCounts: { year: string; counts: readonly number[] } | null;
  empty: EmptyStateHints | null;
  maxExportPassages: number;
  partial: boolean;
}

export function buildSearchView(
  result: SearchResult,
  request: SearchRequest,
  extras: SearchViewExtras,
): SearchView {
  const { country, agency, outlet, from, to } = request.filters;
  const activeFilterCount =
    country.length + agency.length + outlet.length + (from !== null || to !== null ? 1 : 0);
  const state = toQueryString(request);
  const exportState = toQueryString(request, { page: null, per_page: null });
  const exportHref = (format: string) =>
    `/api/export${exportState ? `${exportState}&` : '?'}format=${format}`;
  return {
    result,
    request,
    facets: [facetGroup(result, 'country'), facetGroup(result, 'agency'), facetGroup(result, 'outlet')],
    histogram: buildDateHistogram(request, result.facets.year, extras.monthCounts),
    pagination: pagination(result, (page) => `/search${toQueryString(request, { page })}`),
    clearFilters:
      activeFilterCount > 0
        ? `/search${toQueryString(request, { country: [], agency: [], outlet: [], from: null, to: null, page: null })}`
        : null,
    activeFilterCount,
    statusText: statusText(result),
    canonicalUrl: `/search${state}`,
    empty: extras.empty,
    exports:
      result.totalArticles > 0
        ? { csv: exportHref('csv'), json: exportHref('json'), maxPassages: extras.maxExportPassages }
        : null,
    passageHref: (articleId, index) => `/articles/${encodeURIComponent(articleId)}${state}#p-${index}`,
    tools: (article, index) => passageTools(article, { index }),
    partial: extras.partial,
  };
}

/** The searches the page needs beyond the main one: month counts for a selected year, hints when empty. */
export async function loadSearchViewExtras(
  engine: SearchEngine,
  request: SearchRequest,
  result: SearchResult,
): Promise<Pick<SearchViewExtras, 'monthCounts' | 'empty'>> {
  const year = selectedYear(request);
  const [monthCounts, empty] = await Promise.all([
    year === null
      ? null
      : (result.facets.year[year] ?? 0) === 0
        ? { year, counts: new Array<number>(12).fill(0) }
        : countMonths(engine, request, year).then((counts) => ({ year, counts })),
    result.totalArticles === 0 ? emptyStateHints(engine, request) : null,
  ]);
  return { monthCounts, empty };
}
