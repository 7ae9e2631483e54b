/**
 * The Meilisearch engine: the same `SearchEngine` as the embedded one, over a Meilisearch server,
 * so the data and the search load can live on another machine and any number of portals can share
 * it. Requests are built and read by pure modules beside this one:
 * - meilisearch-query.ts: our query language → `q`;
 * - meilisearch-filter.ts: filters → filter expressions (the one escaping function);
 * - meilisearch-search.ts: which queries a search sends and how the answers become ours;
 * - meilisearch-quotes.ts: the same for quote searches;
 * - meilisearch-mapping.ts: documents, hits → our types;
 * - meilisearch-settings.ts: index names and settings;
 * - meilisearch-build.ts: rebuilds swapped in atomically;
 * - meilisearch-errors.ts: failures → `EngineUnavailableError` or messages for the indexer.
 *
 * The server uses a search-only key (it only calls the search routes, also for articles and
 * stats); the indexer needs an admin key. Neither ever leaves the server.
 */
import type * as MeilisearchClient from 'meilisearch';
import type { Meilisearch, MultiSearchQuery } from 'meilisearch';
import { ConfigError, EngineUnavailableError } from '../errors.js';
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
import type { BuildContext, MeilisearchIndexBuild } from './meilisearch-build.js';
import { startBuild } from './meilisearch-build.js';
import {
  classify,
  isSearchParameterRejection,
  NO_INDEX_MESSAGE,
  OUTDATED_INDEX_MESSAGE,
  toSearchError,
} from './meilisearch-errors.js';
import { articleFilter, idFilter } from './meilisearch-filter.js';
import type { IndexState } from './meilisearch-mapping.js';
import { exportedPassage, indexState, META_DOCUMENT_ID } from './meilisearch-mapping.js';
import { MEILI_MAX_QUERY_TERMS } from './meilisearch-query.js';
import { assembleQuoteResponse, groupsOf, planQuoteReports, planQuoteSearch } from './meilisearch-quotes.js';
import type { SearchResult } from './meilisearch-search.js';
import {
  articleIdsOf,
  assembleHighlights,
  assembleResponse,
  EXPORT_PAGE_SIZE,
  planExport,
  planHighlight,
  planPassages,
  planSearch,
} from './meilisearch-search.js';
import type { IndexNames } from './meilisearch-settings.js';
import {
  DEFAULT_INDEX_UID,
  INDEX_UID_PATTERN,
  liveIndexNames,
  MAX_INDEX_UID_LENGTH,
} from './meilisearch-settings.js';

export interface MeilisearchEngineOptions {
  /** Meilisearch address, e.g. `http://localhost:7700`. */
  url: string;
  /** Search key for the portal, admin (or master) key for the indexer; none for an unsecured dev server. */
  apiKey?: string | null;
  /** Live passage index (`MEILI_INDEX`); `<uid>-articles` and `<uid>-meta` go with it. */
  indexUid?: string;
}

/** A search that takes longer than this is reported as Meilisearch being unavailable. */
export const SEARCH_TIMEOUT_MS = 10_000;
/** Uploading a batch of documents may take a while on a slow link. */
export const WRITE_TIMEOUT_MS = 5 * 60 * 1000;

const EMPTY_STATS: EngineStats = { articles: 0, passages: 0, builtAt: null, corpusFingerprint: null };

/** The client is loaded only when this engine is chosen (the embedded default never loads it). */
async function loadClient(): Promise<typeof MeilisearchClient> {
  try {
    return await import('meilisearch');
  } catch (error) {
    throw new ConfigError('SEARCH_ENGINE=meilisearch needs the "meilisearch" package: run npm install', {
      cause: error,
    });
  }
}

/** Checks the options; every problem in one ConfigError, like loadConfig. */
export function checkOptions(options: MeilisearchEngineOptions): { url: string; indexUid: string } {
  const problems: string[] = [];
  const url = options.url.trim();
  if (!/^https?:\/\/[^\s/]+/i.test(url))
    problems.push('MEILI_URL must be an http(s) URL such as http://localhost:7700');
  const indexUid = options.indexUid ?? DEFAULT_INDEX_UID;
  if (!INDEX_UID_PATTERN.test(indexUid) || indexUid.length > MAX_INDEX_UID_LENGTH) {
    problems.push(`MEILI_INDEX may hold only letters, digits, "-" and "_" (at most ${MAX_INDEX_UID_LENGTH})`);
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return { url, indexUid };
}

class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch';
  /**
   * Meilisearch has no stemming: `sanctioned` does not find `sanctions` (only typos and the prefix
   * of the last word widen a word). A phrase cannot run across a hard separator (`, ` `. ` `:` `;`
   * `!` `?`): Meilisearch puts the words 8 positions apart and a phrase needs them adjacent. It reads
   * at most 10 positive words and phrases; longer queries are refused (meilisearch-query.ts).
   */
  readonly capabilities: EngineCapabilities = {
    typoTolerance: true,
    wordForms: false,
    phraseSearch: true,
    negation: true,
    prefixSearch: true,
    phraseAcrossPunctuation: false,
    maxQueryTerms: MEILI_MAX_QUERY_TERMS,
    // Meilisearch does not expose its word dictionary, so there is nothing to propose spellings from.
    spellingSuggestions: false,
  };

  private readonly live: IndexNames;
  private readonly builds = new Set<MeilisearchIndexBuild>();

  constructor(
    private readonly reader: Meilisearch,
    private readonly writer: () => Meilisearch,
    private readonly url: string,
    private readonly indexUid: string,
  ) {
    this.live = liveIndexNames(indexUid);
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    const plan = planSearch(request, this.live.passages);
    const results = plan.queries.length > 0 ? await this.checkedMultiSearch(plan.queries) : [];
    const passageQueries = planPassages(plan, articleIdsOf(results[0]), this.live.passages);
    const passageResults = passageQueries.length > 0 ? await this.multiSearch(passageQueries) : [];
    return assembleResponse(plan, results, passageResults);
  }

  async *exportPassages(request: ExportRequest): AsyncIterable<ExportedPassage> {
    const query = planExport(request, this.live.passages);
    if (!query) return;
    const limit = Math.max(0, Math.floor(request.limit));
    for (let offset = 0; offset < limit;) {
      const size = Math.min(EXPORT_PAGE_SIZE, limit - offset);
      const page = { ...query, offset, limit: size };
      // The first page also checks that the live index was built by this version.
      const [result] = offset === 0 ? await this.checkedMultiSearch([page]) : await this.multiSearch([page]);
      const hits = result?.hits ?? [];
      for (const hit of hits) yield exportedPassage(hit);
      if (hits.length < size) return;
      offset += hits.length;
    }
  }

  async searchQuotes(request: QuoteSearchRequest): Promise<QuoteSearchResponse> {
    const plan = planQuoteSearch(request, this.live.quotes);
    const results = plan.queries.length > 0 ? await this.checkedMultiSearch(plan.queries) : [];
    const reportQueries = planQuoteReports(groupsOf(results[0]), this.live.quotes);
    const reports = reportQueries.length > 0 ? await this.multiSearch(reportQueries) : [];
    return assembleQuoteResponse(plan, results, reports);
  }

  async suggest(_word: string): Promise<string[]> {
    return [];
  }

  async getArticle(id: string): Promise<Article | undefined> {
    const hit = (await this.multiSearch([lookupQuery(this.live.articles, articleFilter(id))]))[0]?.hits[0];
    // The key is a hash, and a corrupt or foreign document must not pass for another article.
    if (hit?.articleId !== id || typeof hit.json !== 'string') return undefined;
    return JSON.parse(hit.json) as Article;
  }

  async highlightArticle(id: string, q: string): Promise<Map<number, string>> {
    const queries = planHighlight(id, q, this.live.passages);
    if (queries.length === 0) return new Map();
    return assembleHighlights(await this.multiSearch(queries));
  }

  async stats(): Promise<EngineStats> {
    let results: SearchResult[];
    try {
      results = await this.sendMultiSearch([this.metaQuery()]);
    } catch (error) {
      // No meta index: nothing was built yet, which /healthz reports as such (not as a failure).
      if (classify(error).kind === 'no-index') return EMPTY_STATS;
      throw toSearchError(error);
    }
    const meta: Record<string, unknown> | undefined = results[0]?.hits[0];
    if (!meta || indexState(meta) !== 'current') return EMPTY_STATS;
    return {
      articles: typeof meta.articles === 'number' ? meta.articles : 0,
      passages: typeof meta.passages === 'number' ? meta.passages : 0,
      builtAt: typeof meta.builtAt === 'string' ? meta.builtAt : null,
      corpusFingerprint: typeof meta.corpusFingerprint === 'string' ? meta.corpusFingerprint : null,
    };
  }

  async beginBuild(options: { corpusFingerprint: string }): Promise<IndexBuild> {
    const context: BuildContext = {
      client: this.writer(),
      uid: this.indexUid,
      url: this.url,
      // The reading client times out in seconds, the writing one in minutes (large uploads).
      probe: () => this.reader.health(),
    };
    const build = await startBuild(context, options.corpusFingerprint, (finished) =>
      this.builds.delete(finished),
    );
    this.builds.add(build);
    return build;
  }

  async close(): Promise<void> {
    // Nothing to disconnect (HTTP); builds left open are thrown away like the embedded engine's.
    await Promise.allSettled([...this.builds].map((build) => build.abort()));
  }

  private metaQuery(): MultiSearchQuery {
    return lookupQuery(this.live.meta, idFilter(META_DOCUMENT_ID));
  }

  /**
   * `queries` with the build's meta document fetched in the same request, so that indexes built by
   * another schema version answer "run npm run index" rather than wrong or missing results.
   */
  private async checkedMultiSearch(queries: MultiSearchQuery[]): Promise<SearchResult[]> {
    const results = await this.multiSearch([...queries, this.metaQuery()]);
    assertUsable(indexState(results.at(-1)?.hits[0]));
    return results.slice(0, -1);
  }

  private async multiSearch(queries: MultiSearchQuery[]): Promise<SearchResult[]> {
    try {
      return await this.sendMultiSearch(queries);
    } catch (error) {
      // Indexes built with older settings refuse our parameters (`articleKey` is not filterable…).
      if (isSearchParameterRejection(classify(error))) assertUsable(await this.stateOrNull(), error);
      throw toSearchError(error);
    }
  }

  /** The live build's state, or null when even that cannot be asked. */
  private async stateOrNull(): Promise<IndexState | null> {
    try {
      return indexState((await this.sendMultiSearch([this.metaQuery()]))[0]?.hits[0]);
    } catch {
      return null;
    }
  }

  private async sendMultiSearch(queries: MultiSearchQuery[]): Promise<SearchResult[]> {
    return (await this.reader.multiSearch({ queries })).results;
  }
}

/** One document by a filter, through the search route so that a search-only key suffices. */
function lookupQuery(indexUid: string, filter: string): MultiSearchQuery {
  return { indexUid, filter, limit: 1 };
}

/** Throws when the live indexes were not built by this version (null: unknown, nothing thrown). */
function assertUsable(state: IndexState | null, cause?: unknown): void {
  const options = cause === undefined ? undefined : { cause };
  if (state === 'outdated') throw new EngineUnavailableError(OUTDATED_INDEX_MESSAGE, options);
  if (state === 'missing') throw new EngineUnavailableError(NO_INDEX_MESSAGE, options);
}

/**
 * Opens the Meilisearch engine. Nothing is contacted yet: an unreachable server shows as
 * `EngineUnavailableError` on the first search (and /healthz), and recovers by itself.
 */
export async function openMeilisearchEngine(options: MeilisearchEngineOptions): Promise<SearchEngine> {
  const { url, indexUid } = checkOptions(options);
  const { Meilisearch } = await loadClient();
  const apiKey = options.apiKey ?? undefined;
  const client = (timeout: number) =>
    new Meilisearch({ host: url, apiKey, timeout, clientAgents: ['interference-search'] });
  let writer: Meilisearch | undefined;
  return new MeilisearchEngine(
    client(SEARCH_TIMEOUT_MS),
    () => (writer ??= client(WRITE_TIMEOUT_MS)),
    url,
    indexUid,
  );
}
