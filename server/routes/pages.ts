import { Router, type Request, type RequestHandler } from 'express';
import type { Eta } from 'eta';
import type { SearchEngine } from '../../engine/types.js';
import { NotFoundError } from '../http-errors.js';
import { MAX_QUERY_LENGTH } from '../params.js';
import { runSearch } from '../run-search.js';
import { buildSearchView } from '../search-view.js';
import { buildArticleView } from '../article-view.js';

/**
 * htmx asks for the results region only; a history restore (the page fell out of htmx's cache)
 * needs the whole page, as does any request made without htmx.
 */
function wantsPartial(req: Request): boolean {
  return req.get('HX-Request') === 'true' && req.get('HX-History-Restore-Request') !== 'true';
}

export function pageRoutes(engine: SearchEngine, views: Eta): Router {
  const router = Router();

  const searchPage: RequestHandler = async (req, res) => {
    const { request, result } = await runSearch(engine, req.query);
    const view = buildSearchView(result, request);
    res.vary('HX-Request');
    res.send(views.render(wantsPartial(req) ? './partials/results-area' : './search', view));
  };
  router.get('/', searchPage);
  router.get('/search', searchPage);

  router.get('/articles/:id', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, MAX_QUERY_LENGTH) : '';
    const article = await engine.getArticle(req.params.id);
    if (!article) throw new NotFoundError(`No article has the id "${req.params.id}".`);
    const highlighted = q ? await engine.highlightArticle(article.id, q) : new Map<number, string>();
    res.send(views.render('./article', buildArticleView(article, highlighted, q)));
  });

  return router;
}
