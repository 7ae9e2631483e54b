/**
 * The embedded engine: SQLite FTS5 in one file, `<dataDir>/index.sqlite`. Needs no server; the
 * default engine. Matching, ranking and counting live in sqlite-search.ts, building in sqlite-build.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BadRequestError, EngineUnavailableError } from '../errors.js';
import { MAX_QUERY_TERMS } from '../query.js';
import { tokenize } from '../text.js';
import type {
  Article,
  EngineCapabilities,
  EngineStats,
  ExportedPassage,
  ExportRequest,
  IndexBuild,
  QuoteSearchRequest,
  QuoteSearchResponse,
  SearchEngine,
  SearchRequest,
  SearchResponse,
} from '../types.js';
import { buildingPath, removeAbandonedBuilds, SqliteIndexBuild } from './sqlite-build.js';
import { INDEX_FILE_NAME, SCHEMA_VERSION } from './sqlite-schema.js';
import { searchQuoteIndex } from './sqlite-quotes.js';
import { highlightArticlePassages, searchIndex } from './sqlite-search.js';
import { EXPORT_BATCH_SIZE, exportedPassageKeys, readExportBatch } from './sqlite-export.js';
import { IndexMemory } from './sqlite-memory.js';
import type { OpenIndex } from './sqlite-plan.js';
import { Statements } from './sqlite-statements.js';
import { Stemmer } from './sqlite-stemmer.js';
import { Vocabulary } from './sqlite-vocab.js';

export interface SqliteEngineOptions {
  /** Directory holding `index.sqlite`; created on the first build. */
  dataDir: string;
  /** Passages from which a build works out its term index in a worker thread (sqlite-term-feed.ts). */
  termWorkerFrom?: number;
}

const NO_INDEX_MESSAGE = 'no index yet: run npm run index';

/** Errors FTS5 raises for a query it cannot parse (the escaping in sqlite-match.ts should prevent them). */
const FTS5_QUERY_ERROR = /^(fts5: |fts5 expression tree|unterminated string|unknown special query)/;

/** Runs a query, turning an FTS5 query syntax error into a BadRequestError; other errors propagate. */
export function translateFtsErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof Database.SqliteError && FTS5_QUERY_ERROR.test(error.message)) {
      throw new BadRequestError(`the query could not be understood: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** An open, read-only index file and which file it was (to notice when a build replaced it). */
class IndexReader {
  readonly statements: Statements;
  private loaded: OpenIndex | null = null;

  private constructor(
    private readonly db: Database.Database,
    private readonly identity: string,
  ) {
    this.statements = new Statements(db);
  }

  /** Opens the file if it is a complete index of our schema version, else null (treated as absent). */
  static open(file: string, identity: string): IndexReader | null {
    let db: Database.Database | null = null;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      const version = db
        .prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schemaVersion'")
        .get();
      if (version?.value !== SCHEMA_VERSION) {
        db.close();
        return null;
      }
      db.pragma('temp_store = MEMORY');
      // Searches read postings and a page of passages; 32 MB of page cache holds the hot ones.
      db.pragma('cache_size = -32768');
      return new IndexReader(db, identity);
    } catch {
      // A missing, foreign or damaged file is "no index": the server then builds one.
      db?.close();
      return null;
    }
  }

  /** The file with its in-memory part (sqlite-memory.ts), loaded on the first search. */
  index(): OpenIndex {
    this.loaded ??= {
      statements: this.statements,
      memory: new IndexMemory(this.statements),
      stemmer: new Stemmer(this.db),
    };
    return this.loaded;
  }

  isFile(identity: string): boolean {
    return this.identity === identity;
  }

  meta(key: string): string | null {
    return (
      this.statements.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key])?.value ?? null
    );
  }

  close(): void {
    this.db.close();
  }
}

/** Inode, size and mtime: a committed build renames a new file in, which changes the inode. */
function fileIdentity(file: string): string | null {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}` : null;
}

class SqliteEngine implements SearchEngine {
  readonly name = 'sqlite';
  readonly capabilities: EngineCapabilities = {
    typoTolerance: true,
    wordForms: true,
    phraseSearch: true,
    negation: true,
    prefixSearch: true,
    phraseAcrossPunctuation: true,
    maxQueryTerms: MAX_QUERY_TERMS,
    spellingSuggestions: true,
  };

  private readonly indexPath: string;
  private reader: IndexReader | null = null;
  private readonly builds = new Set<SqliteIndexBuild>();

  constructor(
    private readonly dataDir: string,
    private readonly termWorkerFrom?: number,
  ) {
    this.indexPath = path.join(dataDir, INDEX_FILE_NAME);
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    const reader = this.requireReader();
    return translateFtsErrors(() => searchIndex(reader.index(), request));
  }

  async searchQuotes(request: QuoteSearchRequest): Promise<QuoteSearchResponse> {
    const reader = this.requireReader();
    return translateFtsErrors(() => searchQuoteIndex(reader.index(), request));
  }

  async highlightArticle(id: string, q: string): Promise<Map<number, string>> {
    const reader = this.requireReader();
    return translateFtsErrors(() => highlightArticlePassages(reader.index(), id, q));
  }

  async *exportPassages(request: ExportRequest): AsyncIterable<ExportedPassage> {
    const reader = this.requireReader();
    const keys = translateFtsErrors(() => exportedPassageKeys(reader.index(), request));
    for (let start = 0; start < keys.length; start += EXPORT_BATCH_SIZE) {
      // A rebuild swapped in meanwhile closes this reader, and its keys mean nothing in the new file.
      if (this.currentReader() !== reader)
        throw new EngineUnavailableError('the index was rebuilt during the export: export again');
      yield* readExportBatch(reader.statements, keys.slice(start, start + EXPORT_BATCH_SIZE));
    }
  }

  async suggest(word: string): Promise<string[]> {
    const tokens = tokenize(word);
    const [token] = tokens;
    if (tokens.length !== 1 || token === undefined) return [];
    return new Vocabulary(this.requireReader().statements).spellings(token);
  }

  async getArticle(id: string): Promise<Article | undefined> {
    const row = this.requireReader().statements.get<{ json: string }>(
      'SELECT json FROM articles WHERE id = ?',
      [id],
    );
    return row ? (JSON.parse(row.json) as Article) : undefined;
  }

  async stats(): Promise<EngineStats> {
    const reader = this.currentReader();
    if (!reader) return { articles: 0, passages: 0, builtAt: null, corpusFingerprint: null };
    return {
      articles: Number(reader.meta('articles') ?? 0),
      passages: Number(reader.meta('passages') ?? 0),
      builtAt: reader.meta('builtAt'),
      corpusFingerprint: reader.meta('corpusFingerprint'),
    };
  }

  async beginBuild(options: { corpusFingerprint: string }): Promise<IndexBuild> {
    fs.mkdirSync(this.dataDir, { recursive: true });
    removeAbandonedBuilds(this.indexPath);
    const build = new SqliteIndexBuild(
      buildingPath(this.indexPath),
      this.indexPath,
      options.corpusFingerprint,
      () => this.refreshReader(),
      (finished) => this.builds.delete(finished),
      this.termWorkerFrom,
    );
    this.builds.add(build);
    return build;
  }

  async close(): Promise<void> {
    for (const build of [...this.builds]) await build.abort();
    this.reader?.close();
    this.reader = null;
  }

  private requireReader(): IndexReader {
    const reader = this.currentReader();
    if (!reader) throw new EngineUnavailableError(NO_INDEX_MESSAGE);
    return reader;
  }

  /**
   * The reader for the current file. Another process (`npm run index`) may have swapped a new
   * file in since the last call; one stat per request notices it.
   */
  private currentReader(): IndexReader | null {
    const identity = fileIdentity(this.indexPath);
    if (this.reader && identity !== null && this.reader.isFile(identity)) return this.reader;
    return this.refreshReader(identity);
  }

  private refreshReader(identity = fileIdentity(this.indexPath)): IndexReader | null {
    this.reader?.close();
    this.reader = identity === null ? null : IndexReader.open(this.indexPath, identity);
    return this.reader;
  }
}

/** Opens the SQLite engine over `<dataDir>/index.sqlite` (which may not exist yet). */
export async function openSqliteEngine(options: SqliteEngineOptions): Promise<SearchEngine> {
  // An indexer killed mid-build (kill -9) leaves its half-written file; only a dead owner's goes.
  if (fs.existsSync(options.dataDir)) removeAbandonedBuilds(path.join(options.dataDir, INDEX_FILE_NAME));
  return new SqliteEngine(options.dataDir, options.termWorkerFrom);
}
