/**
 * The engine port: our own types on both sides. Routes and the indexer speak only these,
 * never SQL or Meilisearch, so every adapter can be swapped without touching them.
 */

/** Where an article's publication date came from. */
export type DateSource = 'front matter' | 'dateline' | 'inferred';

/** A quotation and who said it (filled by the extraction issue; may be empty). */
export interface Quote {
  text: string;
  speaker: string | null;
  /** `index` of the passage that holds the quote (the first one when it spans several). */
  passageIndex: number;
}

/** One paragraph of a cleaned article: the unit of matching. */
export interface Passage {
  /** 1-based ordinal in the cleaned article; the anchor is `p-<index>`. */
  index: number;
  text: string;
  /** Subheadings that open this passage in the article (rendered before it). */
  headings: string[];
  /** Countries this passage accuses of interference. */
  countries: string[];
  /** Government agencies this passage names, by canonical short name. */
  agencies: string[];
}

/** An article as the indexer hands it to an engine and as an engine returns it. */
export interface Article {
  /** Stable id: the file name without extension, or the JSONL `id`. */
  id: string;
  title: string;
  outlet: string;
  /** ISO date `YYYY-MM-DD`, or null when the corpus does not say and nothing can be inferred. */
  published: string | null;
  publishedSource: DateSource | null;
  url: string | null;
  language: string;
  /** Union of the passages' accused countries. */
  countries: string[];
  /** Union of the passages' agencies. */
  agencies: string[];
  passages: Passage[];
  quotes: Quote[];
}

/** The facets an engine filters and counts on. `year` is derived from `published`. */
export type FacetName = 'country' | 'agency' | 'outlet' | 'year';
export const FACET_NAMES: readonly FacetName[] = ['country', 'agency', 'outlet', 'year'];

export type SortOrder = 'relevance' | 'newest' | 'oldest';

export interface SearchFilters {
  /** OR within a facet, AND across facets. Empty means no filter. */
  country: string[];
  agency: string[];
  outlet: string[];
  /** Inclusive ISO dates `YYYY-MM-DD`. */
  from: string | null;
  to: string | null;
}

export interface SearchRequest {
  /** The user's query as typed; each engine parses it with `parseQuery` and escapes it itself. */
  q: string;
  filters: SearchFilters;
  sort: SortOrder;
  /** 1-based. */
  page: number;
  perPage: number;
}

/** Article fields a result list needs (no passages). */
export type ArticleSummary = Pick<Article, 'id' | 'title' | 'outlet' | 'published' | 'url'>;

export interface PassageHit {
  index: number;
  /** Cropped around the matches; HTML-escaped text with our own `<mark>` tags only. */
  html: string;
  countries: string[];
  agencies: string[];
}

export interface ArticleHit {
  article: ArticleSummary;
  /** Up to 3 best passages, best first. */
  passages: PassageHit[];
}

/** Value → number of hit articles; disjunctive (ignores the facet's own selection). */
export type FacetCounts = Record<FacetName, Record<string, number>>;

export interface SearchResponse {
  totalArticles: number;
  hits: ArticleHit[];
  facets: FacetCounts;
}

export interface EngineStats {
  articles: number;
  passages: number;
  /** ISO timestamp of the last completed build, null when there is none. */
  builtAt: string | null;
  /** Fingerprint of the corpus the index was built from (see indexer), null when unknown. */
  corpusFingerprint: string | null;
}

/** What an engine can do; routes branch on these flags, never on the adapter's class. */
export interface EngineCapabilities {
  typoTolerance: boolean;
  wordForms: boolean;
  phraseSearch: boolean;
  negation: boolean;
  prefixSearch: boolean;
}

/**
 * A rebuild in progress. Searches keep answering from the previous index until `commit`,
 * which swaps the new one in atomically; `abort` throws the half-built one away.
 */
export interface IndexBuild {
  add(articles: readonly Article[]): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export interface SearchEngine {
  readonly name: string;
  readonly capabilities: EngineCapabilities;
  search(request: SearchRequest): Promise<SearchResponse>;
  getArticle(id: string): Promise<Article | undefined>;
  /**
   * The article's passages with the query's terms marked, for the article page opened from a result:
   * passage `index` → escaped HTML with `<mark>`. Every positive word or phrase of the query is marked
   * wherever it occurs (with the same word forms and typo alternatives as search), even in passages
   * that do not match the whole query; passages with nothing to mark are absent.
   */
  highlightArticle(id: string, q: string): Promise<Map<number, string>>;
  stats(): Promise<EngineStats>;
  beginBuild(options: { corpusFingerprint: string }): Promise<IndexBuild>;
  close(): Promise<void>;
}
