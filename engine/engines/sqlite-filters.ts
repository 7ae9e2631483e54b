/**
 * Filters as SQL over article keys. Only fixed SQL fragments are concatenated here; every value a
 * user chose is a bound parameter (lists travel as one JSON array through `json_each`).
 *
 * Counting is disjunctive: the counts of a facet apply every filter except that facet's own, so
 * the set of articles a count runs over is built per facet with `articleSet(..., except)`.
 */
import type { FacetName, SearchFilters } from '../types.js';
import type { SqlParam } from './sqlite-statements.js';

/** What a filter constrains: a facet, or the publication date (whose own facet is `year`). */
type FilterTarget = Exclude<FacetName, 'year'> | 'date';

export interface ActiveFilter {
  target: FilterTarget;
  /** `SELECT aid ...`: the articles passing this filter, read from an index. */
  driver: string;
  /** A condition on `{aid}` (replaced by a column reference) that holds when the article passes. */
  predicate: string;
  params: SqlParam[];
}

/** An SQL query returning distinct article keys as column `aid`. */
export interface ArticleSet {
  sql: string;
  params: SqlParam[];
}

function facetFilter(facet: Exclude<FacetName, 'year'>, values: readonly string[]): ActiveFilter {
  const inValues = 'value IN (SELECT value FROM json_each(?))';
  return {
    target: facet,
    driver: `SELECT DISTINCT aid FROM article_facets WHERE facet = ? AND ${inValues}`,
    predicate: `EXISTS (SELECT 1 FROM article_facets WHERE aid = {aid} AND facet = ? AND ${inValues})`,
    params: [facet, JSON.stringify(values)],
  };
}

/** Inclusive range; undated articles never pass (NULL compares false). */
function dateFilter(from: string | null, to: string | null): ActiveFilter {
  const conditions = [
    ...(from === null ? [] : ['published >= ?']),
    ...(to === null ? [] : ['published <= ?']),
  ];
  const where = conditions.join(' AND ');
  return {
    target: 'date',
    driver: `SELECT aid FROM articles WHERE ${where}`,
    predicate: `EXISTS (SELECT 1 FROM articles WHERE aid = {aid} AND ${where})`,
    params: [from, to].filter((value) => value !== null),
  };
}

/** The filters the request actually sets, in a fixed order. */
export function activeFilters(filters: SearchFilters): ActiveFilter[] {
  const active: ActiveFilter[] = [];
  if (filters.country.length > 0) active.push(facetFilter('country', filters.country));
  if (filters.agency.length > 0) active.push(facetFilter('agency', filters.agency));
  if (filters.outlet.length > 0) active.push(facetFilter('outlet', filters.outlet));
  if (filters.from !== null || filters.to !== null) active.push(dateFilter(filters.from, filters.to));
  return active;
}

/** The filter that is a facet's own selection, ignored when counting that facet. */
export function ownFilter(facet: FacetName): FilterTarget {
  return facet === 'year' ? 'date' : facet;
}

export function withoutTarget(filters: readonly ActiveFilter[], target: FilterTarget | null): ActiveFilter[] {
  return filters.filter((filter) => filter.target !== target);
}

function predicates(filters: readonly ActiveFilter[], column: string): { where: string; params: SqlParam[] } {
  if (filters.length === 0) return { where: '', params: [] };
  return {
    where: ` WHERE ${filters.map((filter) => filter.predicate.replaceAll('{aid}', column)).join(' AND ')}`,
    params: filters.flatMap((filter) => filter.params),
  };
}

/** The matched articles (temp.hits) that pass `filters`. */
export function hitSet(filters: readonly ActiveFilter[]): ArticleSet {
  const { where, params } = predicates(filters, 'h.aid');
  return { sql: `SELECT h.aid AS aid FROM temp.hits AS h${where}`, params };
}

/**
 * All articles passing `filters` (at least one), driven by the first filter's index range so the
 * cost follows the size of the filtered set, not of the corpus.
 */
export function filteredSet(filters: readonly ActiveFilter[]): ArticleSet {
  const [first, ...rest] = filters;
  if (!first) throw new Error('filteredSet needs at least one filter');
  const { where, params } = predicates(rest, 'd.aid');
  return {
    sql: `SELECT d.aid AS aid FROM (${first.driver}) AS d${where}`,
    params: [...first.params, ...params],
  };
}
