import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Eta } from 'eta';
import { BadRequestError } from '../../engine/errors.js';
import type { SearchEngine } from '../../engine/types.js';
import { buildArticleView } from '../article-view.js';
import { NotFoundError } from '../http-errors.js';
import { origin } from '../origin.js';
import { MAX_QUERY_LENGTH, parseSearchParams, toQueryString } from '../params.js';
import { runSearch } from '../run-search.js';
import { buildSearchView, loadSearchViewExtras } from '../search-view.js';

/**
 * htmx asks for the results region only; a history restore (the page fell out of htmx's cache)
 * needs the whole page, as does any request made without htmx.
 */
export function wantsPartial(req: Request): boolean {
  return req.get('HX-Request') === 'true' && req.get('HX-History-Restore-Request') !== 'true';
}

/**
 * Each search gets its own history entry, except while a person is still typing: public/app.js
 * asks for `replace` then, so Back goes to the previous settled search, not to every prefix typed.
 * The server sends the canonical address (no empty parameters) either way.
 */
function historyHeader(req: Request, canonicalUrl: string): 'HX-Push-Url' | 'HX-Replace-Url' {
  if (req.get('X-History') === 'replace') return 'HX-Replace-Url';
  // The same state again (Enter right after the typing pause fired) must not add a second entry.
  return currentPath(req) === canonicalUrl ? 'HX-Replace-Url' : 'HX-Push-Url';
}

/** Path and query of the page that made the htmx request (htmx sends its whole URL). */
function currentPath(req: Request): string | null {
  const current = req.get('HX-Current-URL');
  if (!current) return null;
  try {
    const url = new URL(current);
    return `${url.pathname}${url.search}`;
  } catch {
    return null;
  }
}

/**
 * Answers a results page: the whole page, or for htmx only its results region with the canonical
 * address for the history. The search page and the quotes page both answer this way.
 */
export function sendResultsPage(
  req: Request,
  res: Response,
  views: Eta,
  view: { canonicalUrl: string; partial: boolean },
  templates: { page: string; partial: string },
): void {
  res.vary('HX-Request');
  if (view.partial) res.set(historyHeader(req, view.canonicalUrl), view.canonicalUrl);
  res.send(views.render(view.partial ? templates.partial : templates.page, view));
}

/**
 * The search an article was opened from, carried in its URL, for marking the query's terms and
 * linking back to the same results. A malformed one is ignored: the article is what was asked for.
 */
function originSearch(query: Record<string, unknown>): { q: string; backHref: string } {
  try {
    const { request } = parseSearchParams(query);
    return { q: request.q, backHref: `/search${toQueryString(request)}` };
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    const q = typeof query.q === 'string' ? query.q.slice(0, MAX_QUERY_LENGTH) : '';
    return { q, backHref: `/search${q ? `?${new URLSearchParams({ q }).toString()}` : ''}` };
  }
}

export function pageRoutes(engine: SearchEngine, views: Eta, options: { maxExportPassages: number }): Router {
  const router = Router();

  const searchPage: RequestHandler = async (req, res) => {
    const { request, result } = await runSearch(engine, req.query);
    const extras = await loadSearchViewExtras(engine, request, result);
    const view = buildSearchView(result, request, {
      ...extras,
      partial: wantsPartial(req),
      maxExportPassages: options.maxExportPassages,
    });
    sendResultsPage(req, res, views, view, { page: './search', partial: './partials/results-area' });
  };
  router.get('/', searchPage);
  router.get('/search', searchPage);

  router.get('/articles/:id', async (req, res) => {
    const search = originSearch(req.query);
    const article = await engine.getArticle(req.params.id);
    if (!article) throw new NotFoundError(`No article has the id "${req.params.id}".`);
    const highlighted = search.q
      ? await engine.highlightArticle(article.id, search.q)
      : new Map<number, string>();
    res.send(
      views.render('./article', buildArticleView(article, highlighted, { ...search, origin: origin(req) })),
    );
  });

  return router;
}
