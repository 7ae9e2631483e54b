import { escapeHtml } from '../engine/highlight.js';
import type { Article } from '../engine/types.js';
import { passageId } from './present.js';

export interface ArticleView {
  article: Article;
  q: string;
  passages: {
    index: number;
    anchor: string;
    id: string;
    headings: string[];
    html: string;
    marked: boolean;
  }[];
}

/** Every passage as safe HTML: the engine's highlight where the query occurs, escaped text elsewhere. */
export function buildArticleView(article: Article, highlighted: Map<number, string>, q: string): ArticleView {
  return {
    article,
    q,
    passages: article.passages.map((passage) => {
      const html = highlighted.get(passage.index);
      return {
        index: passage.index,
        anchor: `p-${passage.index}`,
        id: passageId(article.id, passage.index),
        headings: passage.headings,
        html: html ?? escapeHtml(passage.text),
        marked: html !== undefined,
      };
    }),
  };
}
