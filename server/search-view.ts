import type { FacetName, SearchRequest } from '../engine/types.js';
import { toQueryString } from './params.js';
import { passageLink, type SearchResult } from './present.js';

/** What the search templates need, computed here so that templates stay free of logic. */
export interface SearchView {
  result: SearchResult;
  request: SearchRequest;
  facets: FacetGroup[];
  years: YearBar[];
  pagination: { previous: string | null; next: string | null; page: number; totalPages: number };
  clearFilters: string | null;
  /** Passage links on pages carry the query, so the article page can mark its terms. */
  passageHref: (articleId: string, index: number) => string;
}

interface FacetGroup {
  name: Exclude<FacetName, 'year'>;
  label: string;
  values: { value: string; count: number; checked: boolean }[];
}

interface YearBar {
  year: string;
  count: number;
  href: string;
  active: boolean;
  /** Bar length relative to the busiest year, 0–100. */
  percent: number;
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
      .map((value) => ({ value, count: counts[value] ?? 0, checked: selected.includes(value) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
  };
}

function yearBars(result: SearchResult, request: SearchRequest): YearBar[] {
  const entries = Object.entries(result.facets.year).sort(([a], [b]) => a.localeCompare(b));
  const busiest = Math.max(1, ...entries.map(([, count]) => count));
  return entries.map(([year, count]) => {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const active = request.filters.from === from && request.filters.to === to;
    return {
      year,
      count,
      active,
      percent: Math.round((count / busiest) * 100),
      href: `/search${toQueryString(request, { from: active ? null : from, to: active ? null : to, page: null })}`,
    };
  });
}

export function buildSearchView(result: SearchResult, request: SearchRequest): SearchView {
  const { page, totalPages } = result;
  const pageHref = (target: number) =>
    `/search${toQueryString(request, { page: target > 1 ? String(target) : null })}`;
  const { country, agency, outlet, from, to } = request.filters;
  const hasFilters = country.length + agency.length + outlet.length > 0 || from !== null || to !== null;
  return {
    result,
    request,
    facets: [facetGroup(result, 'country'), facetGroup(result, 'agency'), facetGroup(result, 'outlet')],
    years: yearBars(result, request),
    pagination: {
      page,
      totalPages,
      previous: page > 1 ? pageHref(page - 1) : null,
      next: page < totalPages ? pageHref(page + 1) : null,
    },
    clearFilters: hasFilters
      ? `/search${toQueryString(request, { country: [], agency: [], outlet: [], from: null, to: null, page: null })}`
      : null,
    passageHref: (articleId, index) => passageLink(articleId, index, request.q),
  };
}
