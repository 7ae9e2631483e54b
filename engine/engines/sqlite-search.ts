/**
 * One search against an open index file. The query becomes a plan over the term index
 * (sqlite-plan.ts), which is evaluated in memory to the matching passages with their bm25
 * (sqlite-evaluate.ts); grouping by article, filters, facet counts and the page come from one pass
 * over those (sqlite-rank.ts). Only the page's articles and passages are read from the file, and
 * only their passages are highlighted (sqlite-snippet.ts).
 *
 * Everything here is synchronous (better-sqlite3), so two searches never share the scratch arrays.
 */
import { cropWords, escapeHtml, highlight } from '../highlight.js';
import { isEmptyQuery, parseQuery, type ParsedQuery } from '../query.js';
import type {
  ArticleHit,
  ArticleSummary,
  PassageHit,
  SearchRequest,
  SearchResponse,
  SortOrder,
} from '../types.js';
import type { CompiledFilters } from './sqlite-articles.js';
import { evaluate, type MatchSet } from './sqlite-evaluate.js';
import { planQuery, type OpenIndex, type QueryPlan } from './sqlite-plan.js';
import { bestPassages, browseArticles, groupByArticle, rankArticles, type Paging } from './sqlite-rank.js';
import { passageKeyRange } from './sqlite-schema.js';
import { markAll, QueryMarker, snippet } from './sqlite-snippet.js';

export const PASSAGES_PER_HIT = 3;
/** Tokens in a highlighted snippet (as FTS5 `snippet()` counted them; it caps this at 64). */
export const SNIPPET_TOKENS = 32;
/** Words shown of a passage that has nothing to highlight. */
export const LEAD_WORDS = 40;
export const MAX_PER_PAGE = 100;

interface PassageRow {
  pid: number;
  idx: number;
  text: string;
  countries: string;
  agencies: string;
}

/** A page of hits: each article's key and the passages (ordinals) to show, in order. */
type PageRows = { aid: number; rows: readonly number[] }[];

/** A query with something to match, as a plan; null when it matches everything (browse). */
export function planOf(index: OpenIndex, parsed: ParsedQuery): QueryPlan | null {
  if (isEmptyQuery(parsed)) return null;
  const plan = planQuery(index, parsed);
  return plan.required.length === 0 && plan.excluded.length === 0 ? null : plan;
}

/** Runs a search on an open index. FTS5 errors propagate; the caller maps them. */
export function searchIndex(index: OpenIndex, request: SearchRequest): SearchResponse {
  const { memory } = index;
  const filters = memory.articles.compileFilters(request.filters);
  const paging = pagingOf(request);
  const plan = planOf(index, parseQuery(request.q));
  if (plan === null) return browse(index, filters, request.sort, paging);
  const match = evaluate(index, plan);
  const groups = groupByArticle(memory, match);
  const ranked = rankArticles(memory, groups, filters, request.sort, paging);
  // A query of exclusions only has nothing to mark: its passages show their first words.
  const marker = plan.required.length > 0 ? new QueryMarker(memory, plan.required) : null;
  const page = ranked.page.map((group) => ({
    aid: groups.aids[group] ?? 0,
    rows: bestPassages(match, groups, group, PASSAGES_PER_HIT),
  }));
  return { totalArticles: ranked.total, hits: articleHits(index, page, marker), facets: ranked.facets };
}

function pagingOf(request: SearchRequest): Paging {
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(request.perPage) || 1));
  const page = Math.max(1, Math.floor(request.page) || 1);
  return { limit: perPage, offset: (page - 1) * perPage };
}

/** The empty query: every article passing the filters, by date (relevance means newest here). */
function browse(index: OpenIndex, filters: CompiledFilters, sort: SortOrder, paging: Paging): SearchResponse {
  const { memory } = index;
  const found = browseArticles(memory, filters, sort, paging);
  const page = found.page.map((aid) => {
    const first = memory.firstPassage[aid] ?? 0;
    return { aid, rows: first < (memory.firstPassage[aid + 1] ?? 0) ? [first] : [] };
  });
  return { totalArticles: found.total, hits: articleHits(index, page, null), facets: found.facets };
}

/** The page's articles and passages, read with one statement each (not one per row). */
function articleHits(index: OpenIndex, page: PageRows, marker: QueryMarker | null): ArticleHit[] {
  const { statements, memory } = index;
  const articles = new Map(
    statements
      .all<ArticleSummary & { aid: number }>(
        `SELECT aid, id, title, outlet, published, url FROM articles
         WHERE aid IN (SELECT value FROM json_each(?))`,
        [JSON.stringify(page.map(({ aid }) => aid))],
      )
      .map(({ aid, ...article }) => [aid, article]),
  );
  const passages = new Map(
    statements
      .all<PassageRow>(
        `SELECT pid, idx, text, countries, agencies FROM passages
         WHERE pid IN (SELECT value FROM json_each(?))`,
        [JSON.stringify(page.flatMap(({ rows }) => rows.map((row) => memory.passageKey(row))))],
      )
      .map((row) => [row.pid, row]),
  );
  return page.map(({ aid, rows }) => {
    const article = articles.get(aid);
    if (!article) throw new Error(`article ${aid} vanished from the index`);
    return {
      article,
      passages: rows.map((row): PassageHit => {
        const passage = passages.get(memory.passageKey(row));
        if (!passage) throw new Error(`passage ${row} vanished from the index`);
        return {
          index: passage.idx,
          html: marker
            ? highlight(snippet(passage.text, marker, SNIPPET_TOKENS))
            : escapeHtml(cropWords(passage.text, LEAD_WORDS)),
          countries: JSON.parse(passage.countries) as string[],
          agencies: JSON.parse(passage.agencies) as string[],
        };
      }),
    };
  });
}

/**
 * Every passage of one article where any positive word or phrase of `q` occurs, with all those
 * occurrences marked (same word forms, prefixes and typo alternatives as the search).
 */
export function highlightArticlePassages(
  index: OpenIndex,
  articleId: string,
  q: string,
): Map<number, string> {
  const highlighted = new Map<number, string>();
  const { statements, memory } = index;
  const article = statements.get<{ aid: number }>('SELECT aid FROM articles WHERE id = ?', [articleId]);
  if (!article) return highlighted;
  const plan = planOf(index, parseQuery(q));
  if (!plan || plan.required.length === 0) return highlighted;
  const marker = new QueryMarker(memory, plan.required);
  const [first, last] = passageKeyRange(article.aid);
  for (const row of statements.all<{ idx: number; text: string }>(
    'SELECT idx, text FROM passages WHERE pid BETWEEN ? AND ? ORDER BY pid',
    [first, last],
  )) {
    const marked = markAll(row.text, marker);
    if (marked !== null) highlighted.set(row.idx, highlight(marked));
  }
  return highlighted;
}

/** For exports: the matching passages of a plan, and their articles in `sort` order. */
export function matchingArticles(
  index: OpenIndex,
  plan: QueryPlan,
  filters: CompiledFilters,
  sort: SortOrder,
) {
  const match: MatchSet = evaluate(index, plan);
  const groups = groupByArticle(index.memory, match);
  const ranked = rankArticles(index.memory, groups, filters, sort, { offset: 0, limit: groups.aids.length });
  return { match, groups, order: ranked.page };
}
