import { fileURLToPath } from 'node:url';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { SearchEngine } from '../engine/types.js';
import { toHttpProblem } from './http-errors.js';
import { apiRoutes } from './routes/api.js';
import { pageRoutes } from './routes/pages.js';
import { createViews } from './views.js';

export interface AppDeps {
  engine: SearchEngine;
}

const publicDir = fileURLToPath(new URL('../public', import.meta.url));
const htmxFile = fileURLToPath(import.meta.resolve('htmx.org/dist/htmx.min.js'));

/** Builds the portal without listening, so tests drive it in-process. */
export function createApp({ engine }: AppDeps): Express {
  const app = express();
  const views = createViews();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // JSON echoes user text (the query, filter values): escape <, > and & so it stays inert even if sniffed as HTML.
  app.set('json escape', true);

  // Every asset is served by the portal itself: no CDN, no outside request.
  app.get('/assets/htmx.min.js', (_req, res) => {
    res.sendFile(htmxFile, { maxAge: '1d' });
  });
  app.use('/assets', express.static(publicDir, { maxAge: '1h', index: false }));

  app.use(apiRoutes(engine));
  app.use(pageRoutes(engine, views));

  app.use((req: Request, res: Response) => {
    const message = `Nothing here: ${req.path}`;
    if (wantsJson(req)) res.status(404).json({ error: message });
    else res.status(404).send(views.render('./error', { status: 404, message, q: '' }));
  });

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const problem = toHttpProblem(error);
    if (problem.status >= 500 && problem.status !== 503) console.error(error);
    if (res.headersSent) return;
    if (wantsJson(req)) res.status(problem.status).json({ error: problem.message });
    else res.status(problem.status).send(views.render('./error', { ...problem, q: '' }));
  });
  return app;
}

function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.path === '/healthz';
}
