/**
 * Quote search in the embedded engine: one row per quote (a report of a statement), full-text
 * indexed on its words and its speaker's name, grouped into statements by `Quote.group` (numbered
 * `gid` in the file, so grouping and counting compare integers).
 *
 * What browsing needs is worked out once, when the index is built: each statement's newest report,
 * its number of reporting articles, its fullest wording, and the facet counts over everything; the
 * /quotes landing page reads a page of an index and nothing else. A search finds the matching
 * reports once (temp.quote_matched), then reads the number of statements, the page and the facet
 * counts from them; only the page's statements go back to the tables for reports and highlights.
 */
import { facetKey } from '../facet-key.js';
import { escapeHtml, highlight, MARK_CLOSE, MARK_OPEN, stripMarkers } from '../highlight.js';
import { isEmptyQuery, parseQuery } from '../query.js';
import type {
  Article,
  QuoteFacetName,
  QuoteHit,
  QuoteReport,
  QuoteSearchRequest,
  QuoteSearchResponse,
} from '../types.js';
import { MAX_REPORTS_PER_QUOTE, QUOTE_FACET_NAMES } from '../types.js';
import type { FtsMatch } from './sqlite-match.js';
import { toFtsAnyTermMatch, toFtsMatch } from './sqlite-match.js';
import { MemoryVocabulary } from './sqlite-memory-vocab.js';
import type { OpenIndex } from './sqlite-plan.js';
import type { Paging } from './sqlite-rank.js';
import { FTS_TOKENIZER } from './sqlite-schema.js';
import type { SqlParam, Statements } from './sqlite-statements.js';
import { expandQuery } from './sqlite-vocab.js';

/** Created with the other tables when a build starts. */
export const QUOTE_TABLE_DDL = `
CREATE TABLE quotes (
  qid INTEGER PRIMARY KEY,
  aid INTEGER NOT NULL,
  gid INTEGER NOT NULL,
  -- The article's date, here too so that ordering statements needs no join.
  published TEXT,
  passage_index INTEGER NOT NULL,
  speaker TEXT,
  speaker_role TEXT,
  text TEXT NOT NULL
);

-- One row per statement; newest, reach and fullest are filled when the build finishes.
CREATE TABLE quote_groups (
  gid INTEGER PRIMARY KEY,
  grp TEXT NOT NULL UNIQUE,
  newest TEXT,
  reach INTEGER NOT NULL DEFAULT 0,
  fullest INTEGER NOT NULL DEFAULT 0
);

-- The values a quote is filtered and counted by: its speaker and its article's accused countries.
-- key is the value as filters compare it (facetKey); value is what the facet shows.
CREATE TABLE quote_facets (
  qid INTEGER NOT NULL,
  facet TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (qid, facet, key)
) WITHOUT ROWID;

-- Statements per facet value over every quote: the landing page's counts without a scan.
CREATE TABLE quote_facet_totals (
  facet TEXT NOT NULL,
  value TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (facet, value)
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

/** Run once every quote is in: indexes, the statements' summaries, the totals, the full-text index. */
const QUOTE_FINISH_SQL = `
CREATE INDEX quotes_by_group ON quotes (gid, published);
CREATE INDEX quote_facets_by_key ON quote_facets (facet, key, qid);
UPDATE quote_groups SET
  newest = (SELECT max(published) FROM quotes WHERE gid = quote_groups.gid),
  reach = (SELECT count(DISTINCT aid) FROM quotes WHERE gid = quote_groups.gid),
  fullest = (SELECT qid FROM quotes WHERE gid = quote_groups.gid ORDER BY length(text) DESC, qid LIMIT 1);
CREATE INDEX quote_groups_newest ON quote_groups (newest IS NULL, newest DESC, grp);
INSERT INTO quote_facet_totals (facet, value, n)
  SELECT f.facet, min(f.value), count(DISTINCT q.gid)
  FROM quote_facets AS f CROSS JOIN quotes AS q ON q.qid = f.qid
  GROUP BY f.facet, f.key;
INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');
INSERT INTO quotes_fts (quotes_fts) VALUES ('optimize');
`;

/** Writes the quotes of a build, numbering statements as they come. */
export class QuoteWriter {
  private readonly groups = new Map<string, number>();

  constructor(private readonly statements: Statements) {}

  /** Writes an article's quotes; `aid` is its key in `articles`. */
  add(aid: number, article: Article): void {
    for (const quote of article.quotes) {
      const qid = Number(
        this.statements.run(
          `INSERT INTO quotes (aid, gid, published, passage_index, speaker, speaker_role, text)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [
            aid,
            this.groupId(quote.group),
            article.published,
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
        this.statements.run(
          'INSERT OR IGNORE INTO quote_facets (qid, facet, key, value) VALUES (?, ?, ?, ?)',
          [qid, facet, facetKey(value), value],
        );
      }
    }
  }

  /** Everything derived from the quotes; in the build's final transaction. */
  finish(): void {
    this.statements.db.exec(QUOTE_FINISH_SQL);
  }

  private groupId(group: string): number {
    let gid = this.groups.get(group);
    if (gid === undefined) {
      gid = this.groups.size + 1;
      this.groups.set(group, gid);
      this.statements.run('INSERT INTO quote_groups (gid, grp) VALUES (?, ?)', [gid, group]);
    }
    return gid;
  }
}

const QUOTE_TEMP_DDL = `
CREATE TEMP TABLE IF NOT EXISTS quote_matched (
  qid INTEGER PRIMARY KEY,
  gid INTEGER NOT NULL,
  tier INTEGER NOT NULL,
  score REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS temp.quote_matched_by_group ON quote_matched (gid, tier, score)`;

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
      'INSERT INTO temp.quote_matched (qid, gid, tier, score) SELECT qid, gid, 0, 0 FROM quotes',
    );
    return;
  }
  if (match.kind === 'all-except') {
    statements.run(
      `INSERT INTO temp.quote_matched (qid, gid, tier, score)
       SELECT qid, gid, 0, 0 FROM quotes
       WHERE qid NOT IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)`,
      [match.expression],
    );
    return;
  }
  statements.run(
    `INSERT INTO temp.quote_matched (qid, gid, tier, score)
     SELECT f.rowid, q.gid, ?, bm25(quotes_fts, 1.0, 0.0) FROM quotes_fts AS f
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
  gid: number;
  grp: string;
  reach: number;
  /** The report whose words are shown: the best matching one, or the fullest when browsing. */
  qid: number;
}

/** Runs a quote search on an open index. FTS5 errors propagate; the caller maps them. */
export function searchQuoteIndex(index: OpenIndex, request: QuoteSearchRequest): QuoteSearchResponse {
  const { statements } = index;
  const parsed = parseQuery(request.q);
  const perPage = Math.max(1, Math.floor(request.perPage) || 1);
  const paging = { limit: perPage, offset: (Math.max(1, Math.floor(request.page) || 1) - 1) * perPage };
  const filters = quoteFilters(request);
  if (isEmptyQuery(parsed) && filters.length === 0) return browseAll(statements, paging);

  const expansion = isEmptyQuery(parsed)
    ? null
    : expandQuery(new MemoryVocabulary(index.memory, statements), parsed);
  const match: FtsMatch = expansion ? toFtsMatch(parsed, expansion.tolerant) : { kind: 'everything' };
  const exact = expansion?.hasTypos ? toFtsMatch(parsed, expansion.exact) : null;
  const marking = expansion ? toFtsAnyTermMatch(parsed, expansion.tolerant) : null;
  statements.db.exec(QUOTE_TEMP_DDL);
  try {
    collectQuotes(statements, match, exact);
    const all = where(filters);
    const total =
      statements.get<{ n: number }>(
        `SELECT count(DISTINCT m.gid) AS n FROM temp.quote_matched AS m ${all.sql}`,
        all.params,
      )?.n ?? 0;
    const groups = statements.all<GroupRow>(pageSql(expansion === null, all.sql), [
      ...all.params,
      paging.limit,
      paging.offset,
    ]);
    return {
      totalQuotes: total,
      hits: groups.map((group) => quoteHit(statements, group, marking)),
      facets: countQuoteFacets(statements, filters),
    };
  } finally {
    statements.db.exec('DELETE FROM temp.quote_matched');
  }
}

/** Every statement, most recently reported first: an index range and the totals counted at build. */
function browseAll(statements: Statements, paging: Paging): QuoteSearchResponse {
  const groups = statements.all<GroupRow>(
    `SELECT gid, grp, reach, fullest AS qid FROM quote_groups
     ORDER BY newest IS NULL, newest DESC, grp LIMIT ? OFFSET ?`,
    [paging.limit, paging.offset],
  );
  const facets: QuoteSearchResponse['facets'] = { speaker: {}, country: {} };
  for (const row of statements.all<{ facet: QuoteFacetName; value: string; n: number }>(
    'SELECT facet, value, n FROM quote_facet_totals ORDER BY n DESC, value',
  )) {
    facets[row.facet][row.value] = row.n;
  }
  return {
    totalQuotes: statements.get<{ n: number }>('SELECT count(*) AS n FROM quote_groups')?.n ?? 0,
    hits: groups.map((group) => quoteHit(statements, group, null)),
    facets,
  };
}

/**
 * The page of statements among the matching quotes. With a query: best tier, then best bm25 of
 * their matching reports, then the most reported, then the newest report. Without (filters only):
 * the most recently reported first. The representative report is picked for the page's rows only.
 */
function pageSql(browsing: boolean, filterSql: string): string {
  const order = browsing
    ? 'g.newest IS NULL, g.newest DESC, g.grp'
    : 'r.tier, r.score, g.reach DESC, g.newest IS NULL, g.newest DESC, g.grp';
  const representative = browsing
    ? 'page.fullest'
    : '(SELECT m.qid FROM temp.quote_matched AS m WHERE m.gid = page.gid ORDER BY m.tier, m.score, m.qid LIMIT 1)';
  return `
    WITH page AS (
      SELECT r.gid, g.grp, g.reach, g.fullest FROM (
        SELECT m.gid, min(m.tier) AS tier, min(m.score) AS score
        FROM temp.quote_matched AS m ${filterSql}
        GROUP BY m.gid
      ) AS r
      CROSS JOIN quote_groups AS g ON g.gid = r.gid
      ORDER BY ${order}
      LIMIT ? OFFSET ?
    )
    SELECT page.gid AS gid, page.grp AS grp, page.reach AS reach, ${representative} AS qid FROM page`;
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

const REPORT_COLUMNS = `q.qid, q.passage_index, q.text, q.speaker, q.speaker_role,
  a.id, a.title, a.outlet, a.published, a.url`;

function quoteHit(statements: Statements, group: GroupRow, marking: string | null): QuoteHit {
  const rows = statements.all<ReportRow>(
    `SELECT ${REPORT_COLUMNS}
     FROM quotes AS q CROSS JOIN articles AS a ON a.aid = q.aid
     WHERE q.gid = ?
     ORDER BY q.published IS NULL, q.published, a.id, q.qid
     LIMIT ?`,
    [group.gid, MAX_REPORTS_PER_QUOTE],
  );
  const shown =
    rows.find((row) => row.qid === group.qid) ??
    statements.get<ReportRow>(
      `SELECT ${REPORT_COLUMNS} FROM quotes AS q CROSS JOIN articles AS a ON a.aid = q.aid WHERE q.qid = ?`,
      [group.qid],
    );
  const named = shown?.speaker === null ? rows.find((row) => row.speaker !== null) : shown;
  return {
    group: group.grp,
    html: shown ? quoteHtml(statements, shown, marking) : '',
    speaker: named?.speaker ?? null,
    speakerRole: named?.speaker_role ?? null,
    articleCount: group.reach,
    reports: rows.map(report),
  };
}

function report(row: ReportRow): QuoteReport {
  return {
    article: { id: row.id, title: row.title, outlet: row.outlet, published: row.published, url: row.url },
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
      `SELECT min(f.value) AS value, count(DISTINCT m.gid) AS n
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
