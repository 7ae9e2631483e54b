import type { Article } from '../engine/types.js';
import { cleanBody } from './clean.js';
import { extractArticleAgencies } from './extract/agencies.js';
import { extractAccusedCountries } from './extract/countries.js';
import { findPublishedDate } from './extract/published-date.js';
import { extractQuotes } from './extract/quotes.js';
import { ownQuoteGroup } from './link-quotes.js';
import { splitSentences } from './sentences.js';
import { splitPassages, type PassageDraft } from './split.js';
import { rejectionAt, type Rejection, type SourceDocument } from './types.js';

/** Shown when a source names no outlet, so the facet still has a value to filter on. */
export const UNKNOWN_OUTLET = 'Unknown outlet';

const TITLE_MAX_CHARS = 100;

/**
 * The most passages one article may have. A news article has tens; a file that splits into
 * thousands is a dump of many articles or of something else, and an engine holds a bounded
 * number per article (65,536 in the SQLite index), so it is refused here, alone, instead of
 * failing the whole build.
 */
export const MAX_PASSAGES_PER_ARTICLE = 10_000;

/**
 * Turns what a reader found into an indexable article: clean → split → extract. Returns a
 * rejection when nothing but boilerplate is left, or too many passages for one article.
 */
export function buildArticle(document: SourceDocument): Article | Rejection {
  const drafts = splitPassages(cleanBody(document.body, { title: document.title }));
  const reject = (reason: string): Rejection => rejectionAt(document.path, document.line, reason);
  if (drafts.length === 0) return reject('no article text is left once boilerplate lines are removed');
  if (drafts.length > MAX_PASSAGES_PER_ARTICLE) {
    return reject(
      `the article splits into ${drafts.length.toLocaleString('en')} passages, more than the ` +
        `${MAX_PASSAGES_PER_ARTICLE.toLocaleString('en')} one article may have (split the file into several articles)`,
    );
  }
  const agencies = extractArticleAgencies(drafts.map((draft) => draft.text));
  const passages = drafts.map((draft, i) => ({
    ...draft,
    countries: extractAccusedCountries(draft.text),
    agencies: agencies[i] ?? [],
  }));
  const dated =
    document.published === null
      ? findPublishedDate(document.body, drafts)
      : { date: document.published, source: document.publishedSource };
  return {
    id: document.id,
    title: document.title ?? titleFromText(drafts),
    outlet: document.outlet ?? UNKNOWN_OUTLET,
    published: dated?.date ?? null,
    publishedSource: dated?.source ?? null,
    url: document.url,
    language: document.language,
    countries: union(passages.map((passage) => passage.countries)),
    agencies: union(passages.map((passage) => passage.agencies)),
    passages,
    quotes: extractQuotes(passages).map((quote, i) => ({ ...quote, group: ownQuoteGroup(document.id, i) })),
  };
}

/** Narrows the result of `buildArticle`. */
export function isRejection(value: Article | Rejection): value is Rejection {
  return 'reason' in value;
}

/** The first sentence of the article, cut at a word boundary near 100 characters. */
function titleFromText(drafts: readonly PassageDraft[]): string {
  const first = splitSentences(drafts[0]?.text ?? '')[0] ?? '';
  if (first.length <= TITLE_MAX_CHARS) return first;
  const cut = first.slice(0, TITLE_MAX_CHARS);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > TITLE_MAX_CHARS / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:]+$/, '')}…`;
}

function union(lists: readonly string[][]): string[] {
  return [...new Set(lists.flat())].sort();
}
