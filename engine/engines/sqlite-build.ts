/**
 * Building an index file. A build writes a brand-new database next to the live one and, on commit,
 * renames it over `index.sqlite` (atomic on POSIX), so readers keep answering from the old file
 * until the swap and never see a half-built index.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { stripMarkers } from '../highlight.js';
import { pidFilePath, removeAbandonedPidFiles } from '../pid-files.js';
import type { Article, IndexBuild } from '../types.js';
import {
  INDEX_DDL,
  MAX_PASSAGES_PER_ARTICLE,
  passageKey,
  SCHEMA_VERSION,
  TABLE_DDL,
} from './sqlite-schema.js';
import { QUOTE_TABLE_DDL, QuoteWriter } from './sqlite-quotes.js';
import { Statements } from './sqlite-statements.js';
import { Stemmer } from './sqlite-stemmer.js';
import { TermIndexFeed } from './sqlite-term-feed.js';
import { TERM_INDEX_DDL, writeTermIndex, type TermIndexRows } from './sqlite-term-index.js';

const BUILDING_MARK = '.building-';
/** FTS5's buffer of pending terms during the rebuild (see finishTables). */
const FTS_HASH_BYTES = 64 * 1024 * 1024;

/** `<index>.building-<pid>-<random>`: the pid lets a later build clean up after a crashed one. */
export function buildingPath(indexPath: string): string {
  return pidFilePath(indexPath, BUILDING_MARK);
}

/** Deletes half-built files (and their journals) left by processes that no longer run. */
export function removeAbandonedBuilds(indexPath: string): void {
  removeAbandonedPidFiles(indexPath, BUILDING_MARK);
}

function removeDatabaseFile(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}

function fsyncPath(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * `failed`: an `add` threw, so the file may hold part of a batch; only `abort` is left.
 * `committing`: `commit` is waiting for the term index; nothing may be added any more.
 */
type BuildState = 'open' | 'failed' | 'committing' | 'committed' | 'aborted';

export class SqliteIndexBuild implements IndexBuild {
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly quotes: QuoteWriter;
  /** Words of every passage, written as `vocab` and the term index on commit. */
  private readonly terms: TermIndexFeed;
  private state: BuildState = 'open';
  private articleCount = 0;
  private passageCount = 0;

  constructor(
    private readonly tempPath: string,
    private readonly indexPath: string,
    private readonly corpusFingerprint: string,
    /** Called after the new file is in place, to reopen readers. */
    private readonly onCommitted: () => void,
    private readonly onFinished: (build: SqliteIndexBuild) => void,
    /** Passages from which the term index is built in a worker thread (sqlite-term-feed.ts). */
    termWorkerFrom?: number,
  ) {
    this.terms = new TermIndexFeed(termWorkerFrom);
    this.db = new Database(tempPath);
    // The file is thrown away if anything fails, so durability is only needed once, at commit
    // (fsync before the rename). No WAL: the index must be one self-contained file to rename.
    this.db.pragma('journal_mode = DELETE');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -65536');
    this.db.pragma('temp_store = MEMORY');
    this.db.exec(TABLE_DDL);
    this.db.exec(TERM_INDEX_DDL);
    this.db.exec(QUOTE_TABLE_DDL);
    this.statements = new Statements(this.db);
    this.quotes = new QuoteWriter(this.statements);
  }

  async add(articles: readonly Article[]): Promise<void> {
    this.assertOpen('add to');
    try {
      this.db.transaction(() => {
        for (const article of articles) this.insertArticle(article);
      })();
      this.terms.flush();
    } catch (error) {
      // The rows rolled back, but the in-memory tallies did not: this build cannot be trusted.
      this.state = 'failed';
      throw error;
    }
  }

  async commit(): Promise<void> {
    this.assertOpen('commit');
    this.state = 'committing';
    try {
      // One transaction, opened by hand because it spans the wait for the term index, which a
      // worker may still be working out while FTS5 rebuilds here.
      this.db.exec('BEGIN');
      const terms = this.terms.finish(() => new Stemmer(this.db));
      this.finishTables();
      this.finishMeta(await terms);
      this.db.exec('COMMIT');
      this.db.close();
      fsyncPath(this.tempPath);
      fs.renameSync(this.tempPath, this.indexPath);
      this.syncDirectory();
      this.state = 'committed';
    } catch (error) {
      this.discard();
      throw error;
    } finally {
      await this.terms.close();
      this.onFinished(this);
    }
    this.onCommitted();
  }

  async abort(): Promise<void> {
    if (this.state === 'committed' || this.state === 'aborted') return;
    this.discard();
    await this.terms.close();
    this.onFinished(this);
  }

  private discard(): void {
    this.state = 'aborted';
    if (this.db.open) this.db.close();
    removeDatabaseFile(this.tempPath);
  }

  private assertOpen(action: string): void {
    if (this.state !== 'open') throw new Error(`cannot ${action} an index build that was ${this.state}`);
  }

  private insertArticle(article: Article): void {
    const year = article.published === null ? null : Number(article.published.slice(0, 4));
    let aid: number;
    try {
      aid = Number(
        this.statements.run(
          `INSERT INTO articles (id, title, outlet, published, year, url, language, json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            article.id,
            article.title,
            article.outlet,
            article.published,
            year,
            article.url,
            article.language,
            JSON.stringify(article),
          ],
        ).lastInsertRowid,
      );
    } catch (error) {
      throw new Error(`cannot index article "${article.id}" (duplicate id?)`, { cause: error });
    }
    this.articleCount++;
    this.insertFacets(aid, article, year);
    this.quotes.add(aid, article);
    if (article.passages.length > MAX_PASSAGES_PER_ARTICLE) {
      throw new Error(`article "${article.id}" has more than ${MAX_PASSAGES_PER_ARTICLE} passages`);
    }
    article.passages.forEach((passage, position) => {
      const text = stripMarkers(passage.text);
      this.statements.run(
        'INSERT INTO passages (pid, idx, text, countries, agencies) VALUES (?, ?, ?, ?, ?)',
        [
          passageKey(aid, position),
          passage.index,
          text,
          JSON.stringify(passage.countries),
          JSON.stringify(passage.agencies),
        ],
      );
      this.passageCount++;
      this.terms.add(aid, text);
    });
  }

  private insertFacets(aid: number, article: Article, year: number | null): void {
    const values: [string, string][] = [
      ...article.countries.map((value): [string, string] => ['country', value]),
      ...article.agencies.map((value): [string, string] => ['agency', value]),
      ['outlet', article.outlet],
      ...(year === null || Number.isNaN(year) ? [] : [['year', String(year)] as [string, string]]),
    ];
    for (const [facet, value] of values) {
      this.statements.run('INSERT OR IGNORE INTO article_facets (aid, facet, value) VALUES (?, ?, ?)', [
        aid,
        facet,
        value,
      ]);
    }
  }

  /** What SQLite derives from the inserted rows. */
  private finishTables(): void {
    this.db.exec(
      'INSERT INTO facet_totals (facet, value, n) SELECT facet, value, count(*) FROM article_facets GROUP BY facet, value',
    );
    // One pass over the content table, then merge all segments into one b-tree for fast reads.
    // FTS5 writes a segment each time its in-memory terms reach `hashsize` (1 MB by default); at
    // 64 MB there are far fewer segments to merge, which halves the rebuild.
    // https://sqlite.org/fts5.html#the_rebuild_command, #the_optimize_command
    this.db.exec(`INSERT INTO passages_fts (passages_fts, rank) VALUES ('hashsize', ${FTS_HASH_BYTES})`);
    this.db.exec("INSERT INTO passages_fts (passages_fts) VALUES ('rebuild')");
    this.db.exec("INSERT INTO passages_fts (passages_fts) VALUES ('optimize')");
    this.db.exec(INDEX_DDL);
    this.quotes.finish();
  }

  /** The term index and the build's facts, once the term index is worked out. */
  private finishMeta(terms: TermIndexRows): void {
    writeTermIndex(this.statements, terms);
    const meta: [string, string][] = [
      ['schemaVersion', SCHEMA_VERSION],
      ['builtAt', new Date().toISOString()],
      ['corpusFingerprint', this.corpusFingerprint],
      ['articles', String(this.articleCount)],
      ['passages', String(this.passageCount)],
      ['passageTokens', String(terms.tokens)],
    ];
    for (const [key, value] of meta)
      this.statements.run('INSERT INTO meta (key, value) VALUES (?, ?)', [key, value]);
  }

  private syncDirectory(): void {
    try {
      fsyncPath(path.dirname(this.indexPath));
    } catch {
      // Not every platform can fsync a directory; the rename itself is still atomic.
    }
  }
}
