import { fileURLToPath } from 'node:url';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { DEFAULT_LIMITS } from '../engine/config.js';
import type { SearchEngine } from '../engine/types.js';
import { DEFAULT_MAX_EXPORT_PASSAGES } from './export.js';
import { toHttpProblem } from './http-errors.js';
import { apiRoutes } from './routes/api.js';
import { citationRoutes } from './routes/citations.js';
import { pageRoutes, wantsPartial } from './routes/pages.js';
import { quoteRoutes } from './routes/quotes.js';
import { searchRateLimit, type RateLimitOptions } from './rate-limit.js';
import { searchDeadline } from './search-deadline.js';
import { securityHeaders } from './security-headers.js';
import { createViews } from './views.js';

export interface AppDeps {
  engine: SearchEngine;
  /** Most passages one export writes (see server/export.ts). */
  maxExportPassages?: number;
  /**
   * Searches and API calls per client address (server/rate-limit.ts). Off unless given: the
   * portal process passes the configured limit, tests that are not about it make many requests.
   */
  rateLimit?: RateLimitOptions | null;
  /** How long the engine may take per page or API answer before a 503 (server/search-deadline.ts). */
  searchTimeoutMs?: number;
}

const publicDir = fileURLToPath(new URL('../public', import.meta.url));
const htmxFile = fileURLToPath(import.meta.resolve('htmx.org/dist/htmx.min.js'));

/** Builds the portal without listening, so tests drive it in-process. */
export function createApp({
  engine: unlimitedEngine,
  maxExportPassages = DEFAULT_MAX_EXPORT_PASSAGES,
  rateLimit = null,
  searchTimeoutMs = DEFAULT_LIMITS.searchTimeoutMs,
}: AppDeps): Express {
  const app = express();
  const deadline = searchDeadline(unlimitedEngine, searchTimeoutMs);
  const engine = deadline.engine;
  const views = createViews();
  app.disable('x-powered-by');
  // Citations carry the portal's absolute address: behind a reverse proxy on the same host or
  // private network (nginx, a container network), take the scheme and host it forwards.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(securityHeaders());
  app.set('query parser', 'simple');
  // JSON echoes user text (the query, filter values): escape <, > and & so it stays inert even if sniffed as HTML.
  app.set('json escape', true);

  // Every asset is served by the portal itself: no CDN, no outside request.
  app.get('/assets/htmx.min.js', (_req, res) => {
    res.sendFile(htmxFile, { maxAge: '1d' });
  });
  app.use('/assets', express.static(publicDir, { maxAge: '1h', index: false }));

  // Assets and /healthz stay unlimited: a page's own assets must not use up its searches.
  if (rateLimit) {
    const limiter = searchRateLimit(rateLimit);
    app.get(['/', '/search', '/quotes'], limiter);
    app.use('/api', limiter);
  }
  app.use(deadline.middleware);

  app.use(apiRoutes(engine, { maxExportPassages }));
  app.use(citationRoutes(engine, views));
  app.use(quoteRoutes(engine, views));
  app.use(pageRoutes(engine, views, { maxExportPassages }));

  app.use((req: Request, res: Response) => {
    const message = `Nothing here: ${req.path}`;
    if (wantsJson(req)) res.status(404).json({ error: message });
    else res.status(404).send(views.render('./error', { status: 404, message, q: '' }));
  });

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const problem = toHttpProblem(error);
    if (problem.status >= 500 && problem.status !== 503) console.error(error);
    if (res.headersSent) return;
    res.vary('HX-Request');
    if (wantsJson(req)) res.status(problem.status).json({ error: problem.message });
    // htmx swaps error answers too (responseHandling in views/layout.eta): the message, not a page in a page.
    else if (wantsPartial(req)) res.status(problem.status).send(views.render('./partials/error', problem));
    else res.status(problem.status).send(views.render('./error', { ...problem, q: '' }));
  });
  return app;
}

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.path === '/healthz';
}
