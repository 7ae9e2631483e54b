/**
 * The engine port: our own types on both sides. Routes and the indexer speak only these,
 * never SQL or Meilisearch, so every adapter can be swapped without touching them.
 */

/**
 * Where an article's publication date came from: Markdown front matter, a JSONL record's
 * `published` field (`metadata`), a dateline at the top of the text, or the article's own dating.
 */
export type DateSource = 'front matter' | 'metadata' | 'dateline' | 'inferred';

/** A direct quotation in an article and who said it. */
export interface Quote {
  /** The words inside the quotation marks; a quote running over paragraphs is joined with spaces. */
  text: string;
  /**
   * Who said it, one canonical name per person within the article ("Christopher Wray" for
   * "Chris Wray", "Wray" and "the FBI Chief"), an organisation ("Treasury", "Iran",
   * "CISA and FBI"), or null when the text does not say.
   */
  speaker: string | null;
  /** The speaker's role as the article states it ("Kremlin spokesman"), or null. */
  speakerRole: string | null;
  /** `index` of the passage that holds the quote (the first one when it spans several). */
  passageIndex: number;
  /** Every passage the quote runs through, in order; `[passageIndex]` for most quotes. */
  passageIndexes: number[];
  /**
   * The same quotation as reported anywhere in the corpus, even in slightly different words: quotes
   * sharing a group are one statement ("quoted in 3 articles"). Set by the indexer over the whole
   * corpus (indexer/link-quotes.ts); a quote reported nowhere else is a group of its own.
   */
  group: string;
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

/** A search whose every matching passage is wanted (an export), not a page of articles. */
export interface ExportRequest {
  q: string;
  filters: SearchFilters;
  /**
   * The order, as far as the engine can: the embedded engine lists articles in this order with each
   * article's passages together in reading order; Meilisearch ranks passages one by one.
   */
  sort: SortOrder;
  /** Most passages to produce; the caller asks one more than it keeps to know there were more. */
  limit: number;
}

/** One matching passage with its article, as an export writes it. */
export interface ExportedPassage {
  article: ArticleSummary & Pick<Article, 'countries' | 'agencies'>;
  passage: Pick<Passage, 'index' | 'text' | 'countries' | 'agencies'>;
}

/** A search of the quotes: by their words or their speaker's name, speakers and accused countries. */
export interface QuoteSearchRequest {
  /** The query language of `SearchRequest.q`, matched against each quote's words and its speaker's name. */
  q: string;
  /** Speakers by the name shown for them, compared case-insensitively; OR within, AND with `country`. */
  speaker: string[];
  /** Countries the quoting article accuses of interference (`Article.countries`); OR within. */
  country: string[];
  /** 1-based. */
  page: number;
  perPage: number;
}

export type QuoteFacetName = 'speaker' | 'country';
export const QUOTE_FACET_NAMES: readonly QuoteFacetName[] = ['speaker', 'country'];

/** One article's report of a quoted statement. */
export interface QuoteReport {
  article: ArticleSummary;
  passageIndex: number;
  /** The words as this article gives them (plain text). */
  text: string;
  speaker: string | null;
  speakerRole: string | null;
}

/** A quoted statement: every report of it across the corpus (one `Quote.group`). */
export interface QuoteHit {
  group: string;
  /**
   * The statement's words, HTML-escaped with our own `<mark>` tags on the query's words: the best
   * matching report's for a query, the fullest report's without one.
   */
  html: string;
  speaker: string | null;
  speakerRole: string | null;
  /** How many articles report it. */
  articleCount: number;
  /** The reports, earliest first, at most `MAX_REPORTS_PER_QUOTE`; all of them whichever matched. */
  reports: QuoteReport[];
}

/** Reports listed per statement; `articleCount` says how many there are in all. */
export const MAX_REPORTS_PER_QUOTE = 20;

export interface QuoteSearchResponse {
  /** Matching statements (groups), not reports. */
  totalQuotes: number;
  /** By relevance with a query; without one, the most recently reported first. */
  hits: QuoteHit[];
  /** Value → number of matching statements; disjunctive, like `SearchResponse.facets`. */
  facets: Record<QuoteFacetName, Record<string, number>>;
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
  /**
   * A phrase or a word with inner punctuation matches across punctuation as across a space
   * (`"Moscow, Russia"`, `"U.S. officials"`).
   */
  phraseAcrossPunctuation: boolean;
  /**
   * The most positive words and phrases (exclusions aside) the engine reads from one query. Every
   * engine ignores elements beyond `MAX_QUERY_TERMS` (engine/query.ts); an engine with a lower limit
   * refuses a longer query with `BadRequestError` rather than ignore some of its words.
   */
  maxQueryTerms: number;
  /** `suggest` proposes spellings from the index's vocabulary (false: it always answers none). */
  spellingSuggestions: boolean;
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
  /**
   * Every passage that matches the request, by the same rules as `search` (matching per passage,
   * filters on the article), up to `limit`: not three per article but all of them. Produced in
   * batches, so an export streams without holding the result set in memory; stopping early (`break`
   * in `for await`) releases whatever the engine held.
   */
  exportPassages(request: ExportRequest): AsyncIterable<ExportedPassage>;
  /**
   * Indexed words spelled like `word`, closest and most frequent first, for "did you mean" when a
   * search finds nothing. Allows more typos than search does (short words too); empty when the
   * word is itself indexed or the engine cannot tell (`capabilities.spellingSuggestions`).
   */
  suggest(word: string): Promise<string[]>;
  /**
   * Quoted statements matching the request: a quote matches when its words and its speaker's name
   * together hold every word and phrase of `q` (the same query language as `search`), and its
   * article passes the filters; reports of one statement are one hit.
   */
  searchQuotes(request: QuoteSearchRequest): Promise<QuoteSearchResponse>;
  stats(): Promise<EngineStats>;
  beginBuild(options: { corpusFingerprint: string }): Promise<IndexBuild>;
  close(): Promise<void>;
}
