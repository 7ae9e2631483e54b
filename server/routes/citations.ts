import { Router, type Request } from 'express';
import type { Eta } from 'eta';
import type { SearchEngine } from '../../engine/types.js';
import { citeIds } from '../dom-id.js';
import { CITATION_FORMATS, citationTexts, citePassage, type Citations } from '../citation.js';
import { NotFoundError } from '../http-errors.js';
import { citePath, passageLink } from '../present.js';
import { origin } from '../origin.js';
import { wantsPartial } from './pages.js';

async function loadCitations(engine: SearchEngine, req: Request<{ id: string; index: string }>) {
  const article = await engine.getArticle(req.params.id);
  if (!article) throw new NotFoundError(`No article has the id "${req.params.id}".`);
  const index = /^\d{1,6}$/.test(req.params.index) ? Number(req.params.index) : NaN;
  const passage = article.passages.find((candidate) => candidate.index === index);
  if (!passage) throw new NotFoundError(`Article "${article.id}" has no paragraph ${req.params.index}.`);
  const link = passageLink(article.id, passage.index);
  const citations: Citations = citePassage({
    article,
    passage,
    passageUrl: `${origin(req)}${link}`,
    accessed: new Date().toISOString().slice(0, 10),
  });
  return { article, passage, link, citations };
}

/** A passage's citations: a panel the article page loads in place, a page without JavaScript, and JSON. */
export function citationRoutes(engine: SearchEngine, views: Eta): Router {
  const router = Router();

  router.get('/articles/:id/passages/:index/cite', async (req, res) => {
    const { article, passage, link, citations } = await loadCitations(engine, req);
    const view = {
      article,
      passage,
      link,
      panelId: citeIds(article.id, passage.index).panel,
      formats: CITATION_FORMATS.map((format) => ({ ...format, text: citationTexts(citations)[format.key] })),
      cslDownload: `/api${citePath(article.id, passage.index)}?download=csl`,
    };
    res.vary('HX-Request');
    res.send(views.render(wantsPartial(req) ? './partials/cite-panel' : './cite', view));
  });

  router.get('/api/articles/:id/passages/:index/cite', async (req, res) => {
    const { article, passage, link, citations } = await loadCitations(engine, req);
    if (req.query.download === 'csl') {
      res.attachment(`${article.id}-p-${passage.index}.json`);
      res.type('application/vnd.citationstyles.csl+json');
      res.send(JSON.stringify(citations.csl, null, 2));
      return;
    }
    res.json({ id: `${article.id}#p-${passage.index}`, link, ...citations });
  });

  return router;
}
