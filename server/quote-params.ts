import type { QuoteSearchRequest } from '../engine/types.js';
import {
  DEFAULT_PER_PAGE,
  encodeParams,
  list,
  MAX_PAGE,
  MAX_PER_PAGE,
  queryText,
  wholeNumber,
  type RawQuery,
} from './params.js';

export interface ParsedQuoteParams {
  request: QuoteSearchRequest;
  queryTruncated: boolean;
}

/**
 * URL parameters of `/quotes` and `/api/quotes` (`q`, `speaker`, `country`, `page`, `per_page`) as a
 * QuoteSearchRequest, or a BadRequestError that names the parameter; the same rules as searches.
 */
export function parseQuoteParams(query: RawQuery): ParsedQuoteParams {
  const { q, queryTruncated } = queryText(query);
  return {
    queryTruncated,
    request: {
      q,
      speaker: list(query, 'speaker'),
      country: list(query, 'country'),
      page: wholeNumber(query, 'page', 1, 1, MAX_PAGE),
      perPage: wholeNumber(query, 'per_page', DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
    },
  };
}

/** The query string of a quote search, for links that keep its state (facets, pages). */
export function quoteQueryString(
  request: QuoteSearchRequest,
  changes: Partial<Record<'q' | 'speaker' | 'country' | 'page' | 'per_page', string | string[] | null>> = {},
): string {
  return encodeParams({
    q: request.q || null,
    speaker: request.speaker,
    country: request.country,
    page: request.page > 1 ? String(request.page) : null,
    per_page: request.perPage === DEFAULT_PER_PAGE ? null : String(request.perPage),
    ...changes,
  });
}
