import { escapeHtml } from '../engine/highlight.js';
import type { Article } from '../engine/types.js';
import { passageTools, type PassageTools } from './passage-tools.js';
import { passageId } from './present.js';
import { safeHttpUrl } from './text-fragment.js';

export interface ArticleView {
  article: Article;
  q: string;
  /** The results this article was opened from (or a search for the query alone). */
  backHref: string;
  /** The original article, when its address is known and is a web address. */
  originalHref: string | null;
  /** The article's absolute address on this portal, printed on paper copies. */
  permalink: string;
  passages: {
    index: number;
    anchor: string;
    id: string;
    headings: string[];
    html: string;
    marked: boolean;
    tools: PassageTools;
  }[];
}

/** Every passage as safe HTML: the engine's highlight where the query occurs, escaped text elsewhere. */
export function buildArticleView(
  article: Article,
  highlighted: Map<number, string>,
  search: { q: string; backHref: string; origin: string },
): ArticleView {
  return {
    permalink: `${search.origin}/articles/${encodeURIComponent(article.id)}`,
    article,
    q: search.q,
    backHref: search.backHref,
    originalHref: safeHttpUrl(article.url)?.href ?? null,
    passages: article.passages.map((passage) => {
      const html = highlighted.get(passage.index);
      return {
        index: passage.index,
        anchor: `p-${passage.index}`,
        id: passageId(article.id, passage.index),
        headings: passage.headings,
        html: html ?? escapeHtml(passage.text),
        marked: html !== undefined,
        tools: passageTools(article, passage),
      };
    }),
  };
}
