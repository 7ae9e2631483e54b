import { Router, type Request } from 'express';
import type { Eta } from 'eta';
import type { QuoteSearchRequest, SearchEngine } from '../../engine/types.js';
import { parseQuoteParams } from '../quote-params.js';
import { buildQuotesView, presentQuotes, type QuoteResult } from '../quotes-view.js';
import { historyHeader, wantsPartial } from './pages.js';

/** Validates the parameters, asks the engine and shapes the answer: shared by the page and the API. */
async function runQuoteSearch(
  engine: SearchEngine,
  query: Request['query'],
): Promise<{ request: QuoteSearchRequest; result: QuoteResult }> {
  const { request, queryTruncated } = parseQuoteParams(query);
  const started = performance.now();
  const response = await engine.searchQuotes(request);
  const tookMs = Math.round((performance.now() - started) * 10) / 10;
  return { request, result: presentQuotes(request, response, { tookMs, queryTruncated }) };
}

/** `/quotes` (the page, htmx-enhanced like the search page) and `GET /api/quotes` (its JSON). */
export function quoteRoutes(engine: SearchEngine, views: Eta): Router {
  const router = Router();

  router.get('/api/quotes', async (req, res) => {
    res.json((await runQuoteSearch(engine, req.query)).result);
  });

  router.get('/quotes', async (req, res) => {
    const { request, result } = await runQuoteSearch(engine, req.query);
    const partial = wantsPartial(req);
    const view = buildQuotesView(result, request, partial);
    res.vary('HX-Request');
    if (partial) res.set(historyHeader(req, view.canonicalUrl), view.canonicalUrl);
    res.send(views.render(partial ? './partials/quote-results-area' : './quotes', view));
  });

  return router;
}
