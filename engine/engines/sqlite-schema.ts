/**
 * Schema of the SQLite index file. Articles and passages reference each other by integer keys
 * (`aid`, `pid`) rather than the text ids, to keep joins and indexes small at a million passages.
 */

/**
 * A passage key holds its article key in the high bits and the passage's position in the article in
 * the low {@link PASSAGE_KEY_BITS}: `pid = aid << 16 | position`. The article of a matching passage
 * is then arithmetic (`pid >> 16`) instead of a lookup per match, and an article's passages are one
 * key range, in reading order.
 */
export const PASSAGE_KEY_BITS = 16;
export const MAX_PASSAGES_PER_ARTICLE = 2 ** PASSAGE_KEY_BITS;

export function passageKey(aid: number, position: number): number {
  return aid * MAX_PASSAGES_PER_ARTICLE + position;
}

/** First and last possible passage keys of an article. */
export function passageKeyRange(aid: number): [number, number] {
  return [passageKey(aid, 0), passageKey(aid, MAX_PASSAGES_PER_ARTICLE - 1)];
}

/**
 * Bumped when the layout changes: an index file with another version is treated as missing.
 * 2: quotes. 3: the term index (sqlite-term-index.ts). 4: statements numbered, browsing precomputed.
 */
export const SCHEMA_VERSION = '4';

export const INDEX_FILE_NAME = 'index.sqlite';

/** The porter stemmer wraps unicode61, so sanction/sanctions/sanctioned share one indexed term. */
export const FTS_TOKENIZER = 'porter unicode61 remove_diacritics 2';

/** Tables, created empty when a build starts. Indexes come after the bulk insert (`INDEX_DDL`). */
export const TABLE_DDL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;

CREATE TABLE articles (
  aid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  outlet TEXT NOT NULL,
  published TEXT,
  year INTEGER,
  url TEXT,
  language TEXT NOT NULL,
  json TEXT NOT NULL
);

-- pid = aid << ${PASSAGE_KEY_BITS} | position (see passageKey); idx is the Passage.index shown to users.
CREATE TABLE passages (
  pid INTEGER PRIMARY KEY,
  idx INTEGER NOT NULL,
  text TEXT NOT NULL,
  countries TEXT NOT NULL,
  agencies TEXT NOT NULL
);

-- One row per (article, facet value): country, agency, outlet and year filter and count alike.
CREATE TABLE article_facets (
  aid INTEGER NOT NULL,
  facet TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (aid, facet, value)
) WITHOUT ROWID;

-- Counts over all articles, for the unfiltered empty query (the landing page) without a scan.
CREATE TABLE facet_totals (
  facet TEXT NOT NULL,
  value TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (facet, value)
) WITHOUT ROWID;

-- Distinct surface tokens (engine/text.ts tokenize), for typo and prefix candidates.
-- len counts code points; rest is the word without its first letter; freq counts passages;
-- stem is the sid of the FTS5 term the word is indexed as (stems, sqlite-term-index.ts).
CREATE TABLE vocab (
  word TEXT PRIMARY KEY,
  len INTEGER NOT NULL,
  rest TEXT NOT NULL,
  freq INTEGER NOT NULL,
  stem INTEGER NOT NULL
) WITHOUT ROWID;

-- External content: the text lives once, in passages; FTS5 keeps only the inverted index, which
-- answers phrases (single words go to the term index). prefix='2 3' adds prefix indexes so short
-- prefix phrases do not merge many doclists; no column sizes, as nothing asks FTS5 for bm25.
-- https://sqlite.org/fts5.html#external_content_tables
CREATE VIRTUAL TABLE passages_fts USING fts5(
  text,
  content = 'passages',
  content_rowid = 'pid',
  tokenize = '${FTS_TOKENIZER}',
  prefix = '2 3',
  columnsize = 0
);
`;

export const INDEX_DDL = `
CREATE INDEX article_facets_by_value ON article_facets (facet, value, aid);
-- Newest first reads this index in order; SQLite sorts NULL lowest, so DESC puts undated articles last.
CREATE INDEX articles_newest ON articles (published DESC, id);
-- Oldest first with undated articles last, without a sort: ORDER BY must repeat these expressions.
CREATE INDEX articles_oldest ON articles (published IS NULL, published, id);
CREATE INDEX vocab_by_length ON vocab (len, word);
CREATE INDEX vocab_by_rest ON vocab (rest);
`;
