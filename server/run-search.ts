import type { SearchEngine, SearchRequest } from '../engine/types.js';
import { parseSearchParams } from './params.js';
import { presentSearch, type SearchResult } from './present.js';

/** Validates the URL parameters, asks the engine and shapes the answer: shared by pages and API. */
export async function runSearch(
  engine: SearchEngine,
  query: Record<string, unknown>,
): Promise<{ request: SearchRequest; result: SearchResult }> {
  const { request, queryTruncated } = parseSearchParams(query);
  const started = performance.now();
  const response = await engine.search(request);
  const tookMs = Math.round((performance.now() - started) * 10) / 10;
  return { request, result: presentSearch(request, response, { tookMs, queryTruncated }) };
}
