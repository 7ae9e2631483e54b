/**
 * One search against an open index file. The matching passages are found once and kept in two
 * per-connection temp tables (`matched`: passages, `hits`: articles with their best passage's rank);
 * the total, the facet counts and the page are then read from those; only the page's snippets go
 * back to the FTS index.
 *
 * Everything here is synchronous (better-sqlite3), so two searches never share the temp tables.
 */
import { cropWords, ELLIPSIS, escapeHtml, highlight, MARK_CLOSE, MARK_OPEN } from '../highlight.js';
import { isEmptyQuery, parseQuery } from '../query.js';
import type {
  ArticleHit,
  ArticleSummary,
  FacetCounts,
  PassageHit,
  SearchRequest,
  SearchResponse,
  SortOrder,
} from '../types.js';
import { FACET_NAMES } from '../types.js';
import type { ActiveFilter, ArticleSet } from './sqlite-filters.js';
import { activeFilters, filteredSet, hitSet, ownFilter, withoutTarget } from './sqlite-filters.js';
import type { FtsMatch } from './sqlite-match.js';
import { toFtsAnyTermMatch, toFtsMatch } from './sqlite-match.js';
import { CLEAR_TEMP_SQL, PASSAGE_KEY_BITS, passageKeyRange } from './sqlite-schema.js';
import type { Statements } from './sqlite-statements.js';
import { expandQuery, Vocabulary } from './sqlite-vocab.js';

export const PASSAGES_PER_HIT = 3;
/** Tokens in a highlighted snippet (FTS5 `snippet()` caps this at 64). */
export const SNIPPET_TOKENS = 32;
/** Words shown of a passage that has nothing to highlight. */
export const LEAD_WORDS = 40;
export const MAX_PER_PAGE = 100;

interface Paging {
  limit: number;
  offset: number;
}

interface PassageRow {
  pid: number;
  idx: number;
  text: string;
  countries: string;
  agencies: string;
}

/** How a page's passages are rendered: snippets around matches, or the start of the passage. */
type PassageSource = { kind: 'matched'; match: FtsMatch } | { kind: 'lead' };

/** Runs a search on an open index. FTS5 errors propagate; the caller maps them. */
export function searchIndex(statements: Statements, request: SearchRequest): SearchResponse {
  const parsed = parseQuery(request.q);
  const filters = activeFilters(request.filters);
  const paging = pagingOf(request);
  if (isEmptyQuery(parsed)) return browse(statements, filters, request.sort, paging);

  const expansion = expandQuery(new Vocabulary(statements), parsed);
  const match = toFtsMatch(parsed, expansion.tolerant);
  if (match.kind === 'everything') return browse(statements, filters, request.sort, paging);
  const exact = expansion.hasTypos ? toFtsMatch(parsed, expansion.exact) : null;
  try {
    collectMatches(statements, match, exact);
    const all = hitSet(filters);
    const total = statements.get<{ n: number }>(`SELECT count(*) AS n FROM (${all.sql})`, all.params)?.n ?? 0;
    const order = HIT_ORDER[request.sort];
    const aids = statements
      .all<{ aid: number }>(`${all.sql} ORDER BY ${order} LIMIT ? OFFSET ?`, [
        ...all.params,
        paging.limit,
        paging.offset,
      ])
      .map((row) => row.aid);
    return {
      totalArticles: total,
      hits: aids.map((aid) => articleHit(statements, aid, { kind: 'matched', match })),
      facets: countFacets(statements, filters, (others) => hitSet(others)),
    };
  } finally {
    statements.db.exec(CLEAR_TEMP_SQL);
  }
}

function pagingOf(request: SearchRequest): Paging {
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(request.perPage) || 1));
  const page = Math.max(1, Math.floor(request.page) || 1);
  return { limit: perPage, offset: (page - 1) * perPage };
}

/** Relevance ties go to the newer article; date ties to the more relevant one; then id. Undated last. */
export const HIT_ORDER: Record<SortOrder, string> = {
  relevance: 'h.tier, h.score, h.published DESC, h.id',
  newest: 'h.published DESC, h.tier, h.score, h.id',
  oldest: 'h.published IS NULL, h.published, h.tier, h.score, h.id',
};

/**
 * Fills temp.matched with the matching passages and their rank (tier 0: matches without typo
 * corrections; then bm25, lower is better), and temp.hits with each article's best passage's rank.
 * https://sqlite.org/fts5.html#the_bm25_function
 */
export function collectMatches(statements: Statements, match: FtsMatch, exact: FtsMatch | null): void {
  if (match.kind === 'match') {
    statements.run(
      `INSERT INTO temp.matched (pid, tier, score)
       SELECT rowid, ?, bm25(passages_fts) FROM passages_fts WHERE passages_fts MATCH ?`,
      [exact ? 1 : 0, match.expression],
    );
    if (exact?.kind === 'match') {
      statements.run(
        'UPDATE temp.matched SET tier = 0 WHERE pid IN (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?)',
        [exact.expression],
      );
    }
  } else if (match.kind === 'all-except') {
    // Only negations: every passage but the excluded ones. The one case allowed to scan all passages.
    statements.run(
      `INSERT INTO temp.matched (pid, tier, score)
       SELECT pid, 0, 0 FROM passages
       WHERE pid NOT IN (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?)`,
      [match.expression],
    );
  }
  // Best tier first: OR IGNORE keeps an article's tier-0 row when it also has tier-1 passages.
  for (const tier of [0, 1]) {
    statements.run(
      `INSERT OR IGNORE INTO temp.hits (aid, tier, score, published, id)
       SELECT best.aid, ?, best.score, a.published, a.id
       FROM (
         SELECT pid >> ${PASSAGE_KEY_BITS} AS aid, min(score) AS score
         FROM temp.matched WHERE tier = ? GROUP BY aid
       ) AS best
       CROSS JOIN articles AS a ON a.aid = best.aid`,
      [tier, tier],
    );
  }
}

/** The empty query: every article passing the filters, by date (relevance means newest here). */
function browse(
  statements: Statements,
  filters: readonly ActiveFilter[],
  sort: SortOrder,
  paging: Paging,
): SearchResponse {
  const orderBy = sort === 'oldest' ? 'published IS NULL, published, id' : 'published DESC, id';
  let total: number;
  let aids: number[];
  if (filters.length === 0) {
    total = Number(
      statements.get<{ value: string }>("SELECT value FROM meta WHERE key = 'articles'")?.value ?? 0,
    );
    aids = statements
      .all<{ aid: number }>(`SELECT aid FROM articles ORDER BY ${orderBy} LIMIT ? OFFSET ?`, [
        paging.limit,
        paging.offset,
      ])
      .map((row) => row.aid);
  } else {
    const set = filteredSet(filters);
    total = statements.get<{ n: number }>(`SELECT count(*) AS n FROM (${set.sql})`, set.params)?.n ?? 0;
    aids = statements
      .all<{ aid: number }>(
        `SELECT aid FROM articles WHERE aid IN (${set.sql}) ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
        [...set.params, paging.limit, paging.offset],
      )
      .map((row) => row.aid);
  }
  return {
    totalArticles: total,
    hits: aids.map((aid) => articleHit(statements, aid, { kind: 'lead' })),
    facets: countFacets(statements, filters, (others) => (others.length > 0 ? filteredSet(others) : null)),
  };
}

/**
 * Disjunctive facet counts: each facet counts the articles of `setFor(filters except its own)`;
 * a null set means every article, answered from the precomputed `facet_totals`.
 */
function countFacets(
  statements: Statements,
  filters: readonly ActiveFilter[],
  setFor: (filters: ActiveFilter[]) => ArticleSet | null,
): FacetCounts {
  const facets: FacetCounts = { country: {}, agency: {}, outlet: {}, year: {} };
  for (const facet of FACET_NAMES) {
    const set = setFor(withoutTarget(filters, ownFilter(facet)));
    const rows = set
      ? statements.all<{ value: string; n: number }>(
          `SELECT af.value AS value, count(*) AS n
           FROM (${set.sql}) AS s CROSS JOIN article_facets AS af ON af.aid = s.aid AND af.facet = ?
           GROUP BY af.value ORDER BY n DESC, af.value`,
          [...set.params, facet],
        )
      : statements.all<{ value: string; n: number }>(
          'SELECT value, n FROM facet_totals WHERE facet = ? ORDER BY n DESC, value',
          [facet],
        );
    for (const row of rows) facets[facet][row.value] = row.n;
  }
  return facets;
}

function articleHit(statements: Statements, aid: number, source: PassageSource): ArticleHit {
  const article = statements.get<ArticleSummary>(
    'SELECT id, title, outlet, published, url FROM articles WHERE aid = ?',
    [aid],
  );
  if (!article) throw new Error(`article ${aid} vanished from the index`);
  return { article, passages: passageHits(statements, aid, source) };
}

function passageHits(statements: Statements, aid: number, source: PassageSource): PassageHit[] {
  const [first, last] = passageKeyRange(aid);
  const rows =
    source.kind === 'lead'
      ? statements.all<PassageRow>(
          'SELECT pid, idx, text, countries, agencies FROM passages WHERE pid BETWEEN ? AND ? ORDER BY pid LIMIT 1',
          [first, last],
        )
      : statements.all<PassageRow>(
          `SELECT p.pid, p.idx, p.text, p.countries, p.agencies
           FROM temp.matched AS m CROSS JOIN passages AS p ON p.pid = m.pid
           WHERE m.pid BETWEEN ? AND ? ORDER BY m.tier, m.score, m.pid LIMIT ?`,
          [first, last, PASSAGES_PER_HIT],
        );
  return rows.map((row) => ({
    index: row.idx,
    html: passageHtml(statements, row, source),
    countries: JSON.parse(row.countries) as string[],
    agencies: JSON.parse(row.agencies) as string[],
  }));
}

/** A snippet cropped around the matches, or the passage's first words when nothing is highlighted. */
function passageHtml(statements: Statements, row: PassageRow, source: PassageSource): string {
  if (source.kind === 'matched' && source.match.kind === 'match') {
    // https://sqlite.org/fts5.html#the_snippet_function
    const snippet = statements.get<{ snippet: string }>(
      `SELECT snippet(passages_fts, 0, ?, ?, ?, ?) AS snippet
       FROM passages_fts WHERE passages_fts MATCH ? AND rowid = ?`,
      [MARK_OPEN, MARK_CLOSE, ELLIPSIS, SNIPPET_TOKENS, source.match.expression, row.pid],
    );
    if (snippet) return highlight(snippet.snippet);
  }
  return escapeHtml(cropWords(row.text, LEAD_WORDS));
}

/**
 * Every passage of one article where any positive word or phrase of `q` occurs, with all those
 * occurrences marked (same word forms, prefixes and typo alternatives as the search).
 */
export function highlightArticlePassages(
  statements: Statements,
  articleId: string,
  q: string,
): Map<number, string> {
  const highlighted = new Map<number, string>();
  const parsed = parseQuery(q);
  const article = statements.get<{ aid: number }>('SELECT aid FROM articles WHERE id = ?', [articleId]);
  if (!article) return highlighted;
  const expression = toFtsAnyTermMatch(parsed, expandQuery(new Vocabulary(statements), parsed).tolerant);
  if (expression === null) return highlighted;
  // An article's passages are one key range, which FTS5 seeks to directly.
  // https://sqlite.org/fts5.html#the_highlight_function
  const [first, last] = passageKeyRange(article.aid);
  const rows = statements.all<{ idx: number; marked: string }>(
    `SELECT p.idx AS idx, highlight(passages_fts, 0, ?, ?) AS marked
     FROM passages_fts CROSS JOIN passages AS p ON p.pid = passages_fts.rowid
     WHERE passages_fts MATCH ? AND passages_fts.rowid BETWEEN ? AND ?`,
    [MARK_OPEN, MARK_CLOSE, expression, first, last],
  );
  for (const row of rows) highlighted.set(row.idx, highlight(row.marked));
  return highlighted;
}
