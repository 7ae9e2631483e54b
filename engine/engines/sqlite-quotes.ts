/**
 * Quote search in the embedded engine: one row per quote (a report of a statement), full-text
 * indexed on its words and its speaker's name, grouped into statements by `Quote.group`.
 *
 * A search finds the matching reports once (temp.quote_matched), then reads the number of
 * statements, the page and the facet counts from them; only the page's statements go back to
 * the tables for their reports and highlights.
 */
import { facetKey } from '../facet-key.js';
import { escapeHtml, highlight, MARK_CLOSE, MARK_OPEN, stripMarkers } from '../highlight.js';
import { isEmptyQuery, parseQuery } from '../query.js';
import type {
  Article,
  ArticleSummary,
  QuoteFacetName,
  QuoteHit,
  QuoteReport,
  QuoteSearchRequest,
  QuoteSearchResponse,
} from '../types.js';
import { MAX_REPORTS_PER_QUOTE, QUOTE_FACET_NAMES } from '../types.js';
import type { FtsMatch } from './sqlite-match.js';
import { toFtsAnyTermMatch, toFtsMatch } from './sqlite-match.js';
import { FTS_TOKENIZER } from './sqlite-schema.js';
import type { SqlParam, Statements } from './sqlite-statements.js';
import { expandQuery, Vocabulary } from './sqlite-vocab.js';

/** Created with the other tables when a build starts. */
export const QUOTE_TABLE_DDL = `
CREATE TABLE quotes (
  qid INTEGER PRIMARY KEY,
  aid INTEGER NOT NULL,
  grp TEXT NOT NULL,
  passage_index INTEGER NOT NULL,
  speaker TEXT,
  speaker_role TEXT,
  text TEXT NOT NULL
);

-- The values a quote is filtered and counted by: its speaker and its article's accused countries.
-- key is the value as filters compare it (see facetKey); value is what the facet shows.
CREATE TABLE quote_facets (
  qid INTEGER NOT NULL,
  facet TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (qid, facet, key)
) WITHOUT ROWID;

-- Column 0 the quote's words, column 1 its speaker: a query may name both ("ratcliffe spoofed").
CREATE VIRTUAL TABLE quotes_fts USING fts5(
  text,
  speaker,
  content = 'quotes',
  content_rowid = 'qid',
  tokenize = '${FTS_TOKENIZER}'
);
`;

/** Created after the bulk insert, with the other indexes. */
export const QUOTE_INDEX_DDL = `
CREATE INDEX quotes_by_group ON quotes (grp);
CREATE INDEX quote_facets_by_key ON quote_facets (facet, key, qid);
INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
INSERT INTO quotes_fts (quotes_fts) VALUES ('optimize');
`;

/** Writes an article's quotes; `aid` is its key in `articles`. */
export function insertQuotes(statements: Statements, aid: number, article: Article): void {
  for (const quote of article.quotes) {
    const qid = Number(
      statements.run(
        `INSERT INTO quotes (aid, grp, passage_index, speaker, speaker_role, text)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [
          aid,
          quote.group,
          quote.passageIndex,
          quote.speaker === null ? null : stripMarkers(quote.speaker),
          quote.speakerRole,
          stripMarkers(quote.text),
        ],
      ).lastInsertRowid,
    );
    const facets: [QuoteFacetName, string][] = [
      ...(quote.speaker === null ? [] : [['speaker', quote.speaker] as [QuoteFacetName, string]]),
      ...article.countries.map((country): [QuoteFacetName, string] => ['country', country]),
    ];
    for (const [facet, value] of facets) {
      statements.run('INSERT OR IGNORE INTO quote_facets (qid, facet, key, value) VALUES (?, ?, ?, ?)', [
        qid,
        facet,
        facetKey(value),
        value,
      ]);
    }
  }
}

const QUOTE_TEMP_DDL = `
CREATE TEMP TABLE IF NOT EXISTS quote_matched (
  qid INTEGER PRIMARY KEY,
  grp TEXT NOT NULL,
  tier INTEGER NOT NULL,
  score REAL NOT NULL
)`;

interface QuoteFilter {
  facet: QuoteFacetName;
  /** Holds for `m.qid` when the quote passes. */
  sql: string;
  params: SqlParam[];
}

function quoteFilters(request: QuoteSearchRequest): QuoteFilter[] {
  return QUOTE_FACET_NAMES.filter((facet) => request[facet].length > 0).map((facet) => ({
    facet,
    sql: `m.qid IN (SELECT qid FROM quote_facets WHERE facet = ? AND key IN (SELECT value FROM json_each(?)))`,
    params: [facet, JSON.stringify([...new Set(request[facet].map(facetKey))])],
  }));
}

function where(filters: readonly QuoteFilter[]): { sql: string; params: SqlParam[] } {
  if (filters.length === 0) return { sql: '', params: [] };
  return {
    sql: `WHERE ${filters.map((filter) => filter.sql).join(' AND ')}`,
    params: filters.flatMap((filter) => filter.params),
  };
}

/**
 * Fills temp.quote_matched with the matching quotes: tier 0 without typo corrections, then bm25
 * (lower is better), as passages are ranked. Only the words are scored: a query matching just the
 * speaker's name ("ratcliffe") would otherwise rank a person's shortest quotes first, when all of
 * them match equally and the reach and date of the statement should decide.
 */
function collectQuotes(statements: Statements, match: FtsMatch, exact: FtsMatch | null): void {
  if (match.kind === 'everything') {
    statements.run(
      'INSERT INTO temp.quote_matched (qid, grp, tier, score) SELECT qid, grp, 0, 0 FROM quotes',
    );
    return;
  }
  if (match.kind === 'all-except') {
    statements.run(
      `INSERT INTO temp.quote_matched (qid, grp, tier, score)
       SELECT qid, grp, 0, 0 FROM quotes
       WHERE qid NOT IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)`,
      [match.expression],
    );
    return;
  }
  statements.run(
    `INSERT INTO temp.quote_matched (qid, grp, tier, score)
     SELECT f.rowid, q.grp, ?, bm25(quotes_fts, 1.0, 0.0) FROM quotes_fts AS f
     CROSS JOIN quotes AS q ON q.qid = f.rowid
     WHERE quotes_fts MATCH ?`,
    [exact ? 1 : 0, match.expression],
  );
  if (exact?.kind === 'match') {
    statements.run(
      'UPDATE temp.quote_matched SET tier = 0 WHERE qid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)',
      [exact.expression],
    );
  }
}

interface GroupRow {
  grp: string;
  /** The best matching report (by rank), or for the empty query the fullest one. */
  qid: number;
}

/** Runs a quote search on an open index. FTS5 errors propagate; the caller maps them. */
export function searchQuoteIndex(statements: Statements, request: QuoteSearchRequest): QuoteSearchResponse {
  const parsed = parseQuery(request.q);
  const browsing = isEmptyQuery(parsed);
  const expansion = browsing ? null : expandQuery(new Vocabulary(statements), parsed);
  const match: FtsMatch = expansion ? toFtsMatch(parsed, expansion.tolerant) : { kind: 'everything' };
  const exact = expansion?.hasTypos ? toFtsMatch(parsed, expansion.exact) : null;
  const marking = expansion ? toFtsAnyTermMatch(parsed, expansion.tolerant) : null;
  const filters = quoteFilters(request);
  statements.db.exec(QUOTE_TEMP_DDL);
  try {
    collectQuotes(statements, match, exact);
    const all = where(filters);
    const total =
      statements.get<{ n: number }>(
        `SELECT count(DISTINCT m.grp) AS n FROM temp.quote_matched AS m ${all.sql}`,
        all.params,
      )?.n ?? 0;
    const perPage = Math.max(1, Math.floor(request.perPage) || 1);
    const offset = (Math.max(1, Math.floor(request.page) || 1) - 1) * perPage;
    const groups = statements.all<GroupRow>(pageSql(browsing, all.sql), [...all.params, perPage, offset]);
    return {
      totalQuotes: total,
      hits: groups.map((group) => quoteHit(statements, group, marking)),
      facets: countQuoteFacets(statements, filters),
    };
  } finally {
    statements.db.exec('DELETE FROM temp.quote_matched');
  }
}

/**
 * The page of statements. With a query: best tier, then best bm25 of their matching reports, then
 * the most reported, then the newest report. Without: the most recently reported first. The representative report comes
 * with each: the best matching one, or the fullest (longest) one when browsing.
 */
function pageSql(browsing: boolean, filterSql: string): string {
  const pick = browsing ? 'ORDER BY length(q.text) DESC, q.qid' : 'ORDER BY m.tier, m.score, q.qid';
  return `
    WITH matching AS (
      SELECT m.qid, m.grp, m.tier, m.score FROM temp.quote_matched AS m ${filterSql}
    ),
    ranked AS (
      SELECT m.grp, min(m.tier) AS tier, min(m.score) AS score, max(a.published) AS newest,
        count(DISTINCT q.aid) AS reach
      FROM matching AS m
      CROSS JOIN quotes AS q ON q.qid = m.qid
      CROSS JOIN articles AS a ON a.aid = q.aid
      GROUP BY m.grp
    )
    SELECT r.grp AS grp,
      (SELECT q.qid FROM matching AS m CROSS JOIN quotes AS q ON q.qid = m.qid
       WHERE m.grp = r.grp ${pick} LIMIT 1) AS qid
    FROM ranked AS r
    ORDER BY ${browsing ? '' : 'r.tier, r.score, r.reach DESC, '}r.newest IS NULL, r.newest DESC, r.grp
    LIMIT ? OFFSET ?`;
}

interface ReportRow {
  qid: number;
  passage_index: number;
  text: string;
  speaker: string | null;
  speaker_role: string | null;
  id: string;
  title: string;
  outlet: string;
  published: string | null;
  url: string | null;
}

function quoteHit(statements: Statements, group: GroupRow, marking: string | null): QuoteHit {
  const rows = statements.all<ReportRow>(
    `SELECT q.qid, q.passage_index, q.text, q.speaker, q.speaker_role,
       a.id, a.title, a.outlet, a.published, a.url
     FROM quotes AS q CROSS JOIN articles AS a ON a.aid = q.aid
     WHERE q.grp = ?
     ORDER BY a.published IS NULL, a.published, a.id, q.qid
     LIMIT ?`,
    [group.grp, MAX_REPORTS_PER_QUOTE],
  );
  const articleCount =
    statements.get<{ n: number }>('SELECT count(DISTINCT aid) AS n FROM quotes WHERE grp = ?', [group.grp])
      ?.n ?? 0;
  const shown =
    rows.find((row) => row.qid === group.qid) ??
    statements.get<ReportRow>(
      `SELECT q.qid, q.passage_index, q.text, q.speaker, q.speaker_role,
         a.id, a.title, a.outlet, a.published, a.url
       FROM quotes AS q CROSS JOIN articles AS a ON a.aid = q.aid WHERE q.qid = ?`,
      [group.qid],
    );
  const named = shown?.speaker === null ? rows.find((row) => row.speaker !== null) : shown;
  return {
    group: group.grp,
    html: shown ? quoteHtml(statements, shown, marking) : '',
    speaker: named?.speaker ?? null,
    speakerRole: named?.speaker_role ?? null,
    articleCount,
    reports: rows.map(report),
  };
}

function report(row: ReportRow): QuoteReport {
  const article: ArticleSummary = {
    id: row.id,
    title: row.title,
    outlet: row.outlet,
    published: row.published,
    url: row.url,
  };
  return {
    article,
    passageIndex: row.passage_index,
    text: row.text,
    speaker: row.speaker,
    speakerRole: row.speaker_role,
  };
}

/** The quote's words with every word of the query marked (highlight() on column 0, the words). */
function quoteHtml(statements: Statements, row: ReportRow, marking: string | null): string {
  if (marking !== null) {
    const marked = statements.get<{ marked: string }>(
      `SELECT highlight(quotes_fts, 0, ?, ?) AS marked FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid = ?`,
      [MARK_OPEN, MARK_CLOSE, marking, row.qid],
    );
    if (marked) return highlight(marked.marked);
  }
  return escapeHtml(row.text);
}

/** Disjunctive counts: each facet counts statements under every filter but its own. */
function countQuoteFacets(
  statements: Statements,
  filters: readonly QuoteFilter[],
): QuoteSearchResponse['facets'] {
  const facets: QuoteSearchResponse['facets'] = { speaker: {}, country: {} };
  for (const facet of QUOTE_FACET_NAMES) {
    const others = where(filters.filter((filter) => filter.facet !== facet));
    const rows = statements.all<{ value: string; n: number }>(
      `SELECT min(f.value) AS value, count(DISTINCT m.grp) AS n
       FROM temp.quote_matched AS m
       CROSS JOIN quote_facets AS f ON f.qid = m.qid AND f.facet = ?
       ${others.sql}
       GROUP BY f.key ORDER BY n DESC, value`,
      [facet, ...others.params],
    );
    for (const row of rows) facets[facet][row.value] = row.n;
  }
  return facets;
}
