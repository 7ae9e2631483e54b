import type { Article, FacetCounts, SearchRequest, SearchResponse } from '../engine/types.js';

/** Link to a passage: the anchor `p-<index>` is the passage's ordinal in the cleaned article. */
export function passageLink(articleId: string, index: number, q = ''): string {
  const query = q ? `?${new URLSearchParams({ q }).toString()}` : '';
  return `/articles/${encodeURIComponent(articleId)}${query}#p-${index}`;
}

/** The page with a passage's citations (the article page loads it into place with htmx). */
export function citePath(articleId: string, index: number): string {
  return `/articles/${encodeURIComponent(articleId)}/passages/${index}/cite`;
}

export function passageId(articleId: string, index: number): string {
  return `${articleId}#p-${index}`;
}

/** The public JSON of a search, documented in the README. Pages render from this same object. */
export interface SearchResult {
  query: string;
  filters: SearchRequest['filters'];
  sort: SearchRequest['sort'];
  page: number;
  perPage: number;
  totalArticles: number;
  totalPages: number;
  tookMs: number;
  queryTruncated: boolean;
  hits: {
    article: { id: string; title: string; outlet: string; published: string | null; url: string | null };
    passages: {
      id: string;
      index: number;
      link: string;
      html: string;
      countries: string[];
      agencies: string[];
    }[];
  }[];
  facets: FacetCounts;
}

export function presentSearch(
  request: SearchRequest,
  response: SearchResponse,
  details: { tookMs: number; queryTruncated: boolean },
): SearchResult {
  return {
    query: request.q,
    filters: request.filters,
    sort: request.sort,
    page: request.page,
    perPage: request.perPage,
    totalArticles: response.totalArticles,
    totalPages: Math.ceil(response.totalArticles / request.perPage),
    tookMs: details.tookMs,
    queryTruncated: details.queryTruncated,
    hits: response.hits.map(({ article, passages }) => ({
      article: {
        id: article.id,
        title: article.title,
        outlet: article.outlet,
        published: article.published,
        url: article.url,
      },
      passages: passages.map((passage) => ({
        id: passageId(article.id, passage.index),
        index: passage.index,
        link: passageLink(article.id, passage.index),
        html: passage.html,
        countries: passage.countries,
        agencies: passage.agencies,
      })),
    })),
    facets: response.facets,
  };
}

/** The public JSON of an article, documented in the README. */
export function presentArticle(article: Article) {
  return {
    id: article.id,
    title: article.title,
    outlet: article.outlet,
    published: article.published,
    publishedSource: article.publishedSource,
    url: article.url,
    language: article.language,
    countries: article.countries,
    agencies: article.agencies,
    passages: article.passages.map((passage) => ({
      id: passageId(article.id, passage.index),
      index: passage.index,
      link: passageLink(article.id, passage.index),
      headings: passage.headings,
      text: passage.text,
      countries: passage.countries,
      agencies: passage.agencies,
    })),
    quotes: article.quotes,
  };
}
