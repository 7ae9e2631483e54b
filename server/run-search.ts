import type { QuoteSearchRequest, SearchEngine, SearchRequest } from '../engine/types.js';
import { parseSearchParams, type RawQuery } from './params.js';
import { presentSearch, type SearchResult } from './present.js';
import { parseQuoteParams } from './quote-params.js';
import { presentQuotes, type QuoteResult } from './quotes-view.js';

/** The engine's answer and how long it took, in ms to one decimal: the `tookMs` of every answer. */
async function timed<T>(work: () => Promise<T>): Promise<{ response: T; tookMs: number }> {
  // A thunk, not a promise: the embedded engine does its work synchronously inside the call.
  const started = performance.now();
  const response = await work();
  return { response, tookMs: Math.round((performance.now() - started) * 10) / 10 };
}

/** Validates the URL parameters, asks the engine and shapes the answer: shared by pages and API. */
export async function runSearch(
  engine: SearchEngine,
  query: RawQuery,
): Promise<{ request: SearchRequest; result: SearchResult }> {
  const { request, queryTruncated } = parseSearchParams(query);
  const { response, tookMs } = await timed(() => engine.search(request));
  return { request, result: presentSearch(request, response, { tookMs, queryTruncated }) };
}

/** The same for a quote search: shared by `/quotes` and `/api/quotes`. */
export async function runQuoteSearch(
  engine: SearchEngine,
  query: RawQuery,
): Promise<{ request: QuoteSearchRequest; result: QuoteResult }> {
  const { request, queryTruncated } = parseQuoteParams(query);
  const { response, tookMs } = await timed(() => engine.searchQuotes(request));
  return { request, result: presentQuotes(request, response, { tookMs, queryTruncated }) };
}
