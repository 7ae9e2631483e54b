import { Router } from 'express';
import type { Eta } from 'eta';
import type { SearchEngine } from '../../engine/types.js';
import { buildQuotesView } from '../quotes-view.js';
import { runQuoteSearch } from '../run-search.js';
import { sendResultsPage, wantsPartial } from './pages.js';

/** `/quotes` (the page, htmx-enhanced like the search page) and `GET /api/quotes` (its JSON). */
export function quoteRoutes(engine: SearchEngine, views: Eta): Router {
  const router = Router();

  router.get('/api/quotes', async (req, res) => {
    res.json((await runQuoteSearch(engine, req.query)).result);
  });

  router.get('/quotes', async (req, res) => {
    const { request, result } = await runQuoteSearch(engine, req.query);
    const view = buildQuotesView(result, request, wantsPartial(req));
    sendResultsPage(req, res, views, view, { page: './quotes', partial: './partials/quote-results-area' });
  });

  return router;
}
