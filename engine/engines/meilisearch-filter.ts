/**
 * The one place that builds Meilisearch filter expressions. Every value a user chose leaves here
 * through `filterString`, a double-quoted literal, so nothing in it (quotes, `AND`, `OR`, `NOT`,
 * `TO`, `=`, brackets, newlines) can be read as filter syntax. Field names and numbers are ours.
 * https://www.meilisearch.com/docs/learn/filtering_and_sorting/filter_expression_reference
 */
import { createHash } from 'node:crypto';
import { BadRequestError } from '../errors.js';
import type { FacetName, QuoteFacetName, QuoteSearchRequest, SearchFilters } from '../types.js';
import { QUOTE_FACET_NAMES } from '../types.js';

/**
 * A Meilisearch string literal holding exactly `value`.
 *
 * Meilisearch's filter parser reads a double-quoted value, turns `\"` into `"` and then unescapes
 * backslash sequences (`\\` → `\`). Doubling every backslash first and then escaping quotes means
 * each backslash in the output is either half of `\\` or the start of `\"`, so no other escape
 * sequence can form and the value comes back byte for byte.
 * (crates/filter-parser/src/value.rs in meilisearch/meilisearch: `quoted_by` and `unescaper::unescape`.)
 */
export function filterString(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** What a filter constrains: a facet, or the publication date (whose own facet is `year`). */
export type FilterTarget = Exclude<FacetName, 'year'> | 'date';

const FACET_TARGETS = ['country', 'agency', 'outlet'] as const;

/** The filter that is a facet's own selection, ignored when counting that facet. */
export function ownTarget(facet: FacetName): FilterTarget {
  return facet === 'year' ? 'date' : facet;
}

/** The facet whose counts ignore `target`. */
export function facetOf(target: FilterTarget): FacetName {
  return target === 'date' ? 'year' : target;
}

/** The filters the request actually sets, in a fixed order. */
export function activeTargets(filters: SearchFilters): FilterTarget[] {
  const targets: FilterTarget[] = FACET_TARGETS.filter((facet) => filters[facet].length > 0);
  if (filters.from !== null || filters.to !== null) targets.push('date');
  return targets;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Unix seconds at 00:00 UTC of an ISO date `YYYY-MM-DD`, or null when it is not a real date.
 * Dates are whole days, so comparing these numbers is comparing the dates.
 */
export function dateTimestamp(date: string): number | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const millis = Date.UTC(year, month - 1, day);
  const back = new Date(millis);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day)
    return null;
  return millis / 1000;
}

function boundTimestamp(name: 'from' | 'to', date: string): number {
  const timestamp = dateTimestamp(date);
  if (timestamp === null) throw new BadRequestError(`"${name}" must be a date written YYYY-MM-DD`);
  return timestamp;
}

function facetCondition(attribute: string, values: readonly string[]): string {
  return `${attribute} IN [${values.map(filterString).join(', ')}]`;
}

/** Inclusive bounds; undated passages have no `publishedTs`, so they never pass. */
function dateConditions(filters: SearchFilters): string[] {
  const conditions: string[] = [];
  if (filters.from !== null) conditions.push(`publishedTs >= ${boundTimestamp('from', filters.from)}`);
  if (filters.to !== null) conditions.push(`publishedTs <= ${boundTimestamp('to', filters.to)}`);
  return conditions;
}

export interface FilterOptions {
  /** Leave this filter out (disjunctive facet counts). */
  except?: FilterTarget | null;
  /** Only each article's lead passage (the empty query lists articles, one passage each). */
  leadOnly?: boolean;
}

/**
 * The filter for a search: OR within a facet (`IN`), AND across facets. Facet fields on a
 * passage document hold its article's values, so this filters articles. Undefined when nothing
 * is filtered.
 */
export function searchFilter(filters: SearchFilters, options: FilterOptions = {}): string | undefined {
  const conditions: string[] = [];
  for (const target of activeTargets(filters)) {
    if (target === options.except) continue;
    if (target === 'date') conditions.push(...dateConditions(filters));
    else conditions.push(facetCondition(target, filters[target]));
  }
  if (options.leadOnly) conditions.push('lead = true');
  return conditions.length > 0 ? conditions.join(' AND ') : undefined;
}

/**
 * What filters and `distinct` compare instead of an article id: the lowercase hex SHA-256 of its
 * UTF-8. Meilisearch compares filter values and deduplicates by facet values only after
 * `normalize_facet` (NFKD compatibility decomposition, trim, lowercase: milli
 * `Condition::Equal(val) => … crate::normalize_facet(val.value())`), so ids differing only by case,
 * compatibility form or surrounding spaces (`A1`, `a1`, `ａ1`, ` a1`) would be one article. The hex
 * digest is left unchanged by that normalisation, and distinct ids give distinct keys.
 */
export function articleKey(articleId: string): string {
  return createHash('sha256').update(articleId, 'utf8').digest('hex');
}

/** The passages of one article in the passage index, or the article in the article index. */
export function articleFilter(articleId: string): string {
  return `articleKey = ${filterString(articleKey(articleId))}`;
}

/**
 * A document of the meta index by its primary key. Only for ids of our own that normalisation
 * leaves unchanged (`build`): user-supplied ids go through `articleFilter`.
 */
export function idFilter(id: string): string {
  return `id = ${filterString(id)}`;
}

/**
 * The filter for a quote search: speakers OR'ed, countries OR'ed, both AND'ed; `except` leaves one
 * out for its disjunctive counts. Speakers compare as Meilisearch normalises facet values (case and
 * compatibility forms ignored), as the embedded engine's `facetKey` does. Undefined when nothing
 * is filtered.
 */
export function quoteFilter(
  request: Pick<QuoteSearchRequest, QuoteFacetName>,
  except: QuoteFacetName | null = null,
): string | undefined {
  const conditions = QUOTE_FACET_NAMES.filter((facet) => facet !== except && request[facet].length > 0).map(
    (facet) => facetCondition(facet, request[facet]),
  );
  return conditions.length > 0 ? conditions.join(' AND ') : undefined;
}

/** What filters and `distinct` compare instead of a quote's group name, for the reasons `articleKey` gives. */
export function groupKey(group: string): string {
  return articleKey(group);
}

/** The reports of one statement (`Quote.group`). */
export function groupFilter(group: string): string {
  return `groupKey = ${filterString(groupKey(group))}`;
}
