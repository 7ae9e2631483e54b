import { citeIds } from './dom-id.js';
import { citePath, passageLink } from './present.js';
import { passageInOriginal } from './text-fragment.js';

/** The controls beside a passage, on the results and the article page: copy link, cite, original. */
export interface PassageTools {
  index: number;
  /** The shareable link: carries no query, and stays valid when unchanged text is reindexed. */
  permalink: string;
  /** The citation page (without JavaScript) or panel (loaded into `slotId` by htmx). */
  citeHref: string;
  /** The citation JSON, fetched by the "Copy citation" button. */
  citeApi: string;
  slotId: string;
  /** This passage in the original article (a text fragment link), when its address is known. */
  originalHref: string | null;
}

export function passageTools(
  article: { id: string; url: string | null },
  passage: { index: number; text?: string },
): PassageTools {
  const citeHref = citePath(article.id, passage.index);
  return {
    index: passage.index,
    permalink: passageLink(article.id, passage.index),
    citeHref,
    citeApi: `/api${citeHref}`,
    slotId: citeIds(article.id, passage.index).slot,
    originalHref: passage.text === undefined ? null : passageInOriginal(article.url, passage.text),
  };
}
