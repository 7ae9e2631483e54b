import { z } from 'zod';
import { BadRequestError } from '../engine/errors.js';
import type { SearchRequest, SortOrder } from '../engine/types.js';

/** Longer queries are cut (and the page says so) rather than refused: a pasted paragraph is still a fair search. */
export const MAX_QUERY_LENGTH = 1000;
export const MAX_PER_PAGE = 50;
export const DEFAULT_PER_PAGE = 10;
/** Deep pages are useless to people and expensive to engines; Meilisearch caps them too. */
export const MAX_PAGE = 1000;
const MAX_FILTER_VALUES = 50;
const MAX_FILTER_VALUE_LENGTH = 200;

export interface ParsedSearchParams {
  request: SearchRequest;
  /** Set when the query was cut to MAX_QUERY_LENGTH. */
  queryTruncated: boolean;
}

export type RawQuery = Record<string, unknown>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'is not a real calendar date');

export function single(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadRequestError(`"${name}" must be given once, as text`);
  return value;
}

export function list(query: RawQuery, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  if (!values.every((item): item is string => typeof item === 'string')) {
    throw new BadRequestError(`"${name}" values must be text`);
  }
  if (values.length > MAX_FILTER_VALUES) {
    throw new BadRequestError(`"${name}" accepts at most ${MAX_FILTER_VALUES} values`);
  }
  const tooLong = values.find((item) => item.length > MAX_FILTER_VALUE_LENGTH);
  if (tooLong !== undefined) {
    throw new BadRequestError(`a "${name}" value is longer than ${MAX_FILTER_VALUE_LENGTH} characters`);
  }
  return [...new Set(values.map((item) => item.trim()).filter((item) => item !== ''))];
}

function date(query: RawQuery, name: 'from' | 'to'): string | null {
  const value = single(query, name)?.trim();
  if (!value) return null;
  const result = isoDate.safeParse(value);
  if (!result.success)
    throw new BadRequestError(`"${name}" ${result.error.issues[0]?.message ?? 'is invalid'}`);
  return value;
}

export function wholeNumber(
  query: RawQuery,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = single(query, name)?.trim();
  if (!value) return fallback;
  if (!/^\d{1,9}$/.test(value)) throw new BadRequestError(`"${name}" must be a whole number`);
  const number = Number(value);
  if (number < min || number > max) {
    throw new BadRequestError(`"${name}" must be between ${min} and ${max}`);
  }
  return number;
}

/** Relevance is the default; without a query there is nothing to rank, and engines list newest first. */
function sortOrder(query: RawQuery): SortOrder {
  const value = single(query, 'sort')?.trim();
  if (!value) return 'relevance';
  if (value === 'relevance' || value === 'newest' || value === 'oldest') return value;
  throw new BadRequestError('"sort" must be one of relevance, newest, oldest');
}

/** The `q` parameter, cut to MAX_QUERY_LENGTH (and saying so). */
export function queryText(query: RawQuery): { q: string; queryTruncated: boolean } {
  const raw = (single(query, 'q') ?? '').trim();
  const queryTruncated = raw.length > MAX_QUERY_LENGTH;
  return { q: queryTruncated ? raw.slice(0, MAX_QUERY_LENGTH) : raw, queryTruncated };
}

/**
 * Turns URL query parameters (as Express parses them) into a SearchRequest, or throws a
 * BadRequestError whose message a person can act on. Pages and the API share it, so they
 * accept exactly the same URLs.
 */
export function parseSearchParams(query: RawQuery): ParsedSearchParams {
  const { q, queryTruncated } = queryText(query);
  const from = date(query, 'from');
  const to = date(query, 'to');
  if (from && to && from > to) throw new BadRequestError(`"from" (${from}) is after "to" (${to})`);
  return {
    queryTruncated,
    request: {
      q,
      filters: {
        country: list(query, 'country'),
        agency: list(query, 'agency'),
        outlet: list(query, 'outlet'),
        from,
        to,
      },
      sort: sortOrder(query),
      page: wholeNumber(query, 'page', 1, 1, MAX_PAGE),
      perPage: wholeNumber(query, 'per_page', DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
    },
  };
}

/** The URL query string for a request, for links that keep the current state (pagination, facets). */
export function toQueryString(
  request: SearchRequest,
  changes: Partial<Record<string, string | string[] | null>> = {},
): string {
  const params: Record<string, string | string[] | null> = {
    q: request.q || null,
    country: request.filters.country,
    agency: request.filters.agency,
    outlet: request.filters.outlet,
    from: request.filters.from,
    to: request.filters.to,
    sort: request.sort === 'relevance' ? null : request.sort,
    page: request.page > 1 ? String(request.page) : null,
    per_page: request.perPage === DEFAULT_PER_PAGE ? null : String(request.perPage),
    ...changes,
  };
  return encodeParams(params);
}

/** `?name=value&…` of the parameters that have a value (repeated for lists), or '' for none. */
export function encodeParams(
  params: Readonly<Record<string, string | readonly string[] | null | undefined>>,
): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string' && item !== '') search.append(name, item);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
