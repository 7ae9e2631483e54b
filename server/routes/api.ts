import { Router } from 'express';
import type { SearchEngine } from '../../engine/types.js';
import { BadRequestError } from '../../engine/errors.js';
import { streamExport } from '../export.js';
import { NotFoundError } from '../http-errors.js';
import { origin } from '../origin.js';
import { parseSearchParams } from '../params.js';
import { presentArticle } from '../present.js';
import { runSearch } from '../run-search.js';

/** The JSON API: the same data the pages show, documented in the README. */
export function apiRoutes(engine: SearchEngine, options: { maxExportPassages: number }): Router {
  const router = Router();

  // Every matching passage as CSV or JSON, streamed (server/export.ts).
  router.get('/api/export', async (req, res) => {
    const format = req.query.format;
    if (format !== 'csv' && format !== 'json') throw new BadRequestError('"format" must be csv or json');
    const { request } = parseSearchParams(req.query);
    await streamExport(res, engine, request, {
      format,
      maxPassages: options.maxExportPassages,
      origin: origin(req),
    });
  });

  router.get('/api/search', async (req, res) => {
    res.json((await runSearch(engine, req.query)).result);
  });

  router.get('/api/articles/:id', async (req, res) => {
    const article = await engine.getArticle(req.params.id);
    if (!article) throw new NotFoundError(`No article has the id "${req.params.id}".`);
    res.json(presentArticle(article));
  });

  router.get('/healthz', async (_req, res) => {
    try {
      const stats = await engine.stats();
      if (stats.builtAt === null) {
        res
          .status(503)
          .json({ status: 'unavailable', engine: engine.name, reason: 'no index has been built yet' });
        return;
      }
      res.json({
        status: 'ok',
        engine: engine.name,
        articles: stats.articles,
        passages: stats.passages,
        builtAt: stats.builtAt,
      });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', engine: engine.name, reason: (error as Error).message });
    }
  });

  return router;
}
