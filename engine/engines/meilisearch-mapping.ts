/**
 * Our types to Meilisearch documents and back. Pure functions over plain data: what goes in the
 * indexes when building, and how hits become `ArticleSummary`/`PassageHit` when searching.
 */
import { createHash } from 'node:crypto';
import { cropWords, escapeHtml, highlight, MARK_CLOSE, MARK_OPEN, stripMarkers } from '../highlight.js';
import type {
  Article,
  ArticleSummary,
  ExportedPassage,
  FacetCounts,
  PassageHit,
  QuoteReport,
  QuoteSearchResponse,
} from '../types.js';
import { FACET_NAMES, QUOTE_FACET_NAMES } from '../types.js';
import { articleKey, dateTimestamp, groupKey } from './meilisearch-filter.js';

/**
 * Bumped when documents or settings change shape: stats then report no build, and searches say the
 * index must be rebuilt, until the next build. 2: `articleKey` replaces `articleId` in filters.
 * 3: the quote index.
 */
export const SCHEMA_VERSION = '3';
/** Words shown of a passage that has nothing to highlight (the embedded engine shows as many). */
export const LEAD_WORDS = 40;

/**
 * One passage: the unit of matching. Facet fields (`country`, `agency`, `outlet`, `year`,
 * `publishedTs`) hold the ARTICLE's values, so filters and facet counts are about articles;
 * `passageCountries`/`passageAgencies` are the passage's own, for display.
 */
export interface PassageDocument {
  id: string;
  articleId: string;
  /** What filters and `distinct` use (see `articleKey`): `articleId` itself would be normalised. */
  articleKey: string;
  index: number;
  /** The article's first passage: what the empty query shows. */
  lead: boolean;
  text: string;
  title: string;
  outlet: string;
  url: string | null;
  published: string | null;
  /** Unix seconds of `published` at 00:00 UTC; absent when undated (fails date filters, sorts last). */
  publishedTs?: number;
  /** Absent when undated, so undated articles are not counted under any year. */
  year?: string;
  country: string[];
  agency: string[];
  passageCountries: string[];
  passageAgencies: string[];
}

/** The article as indexed, byte for byte (JSON), found by `articleKey`. */
export interface ArticleDocument {
  id: string;
  articleId: string;
  articleKey: string;
  json: string;
}

/**
 * One quote: a report of a statement in one article, with the article's fields for display and its
 * accused countries (`country`) for filtering, like passages.
 */
export interface QuoteDocument {
  id: string;
  articleId: string;
  articleKey: string;
  /** `Quote.group`, and its hash for filters and `distinct` (see `groupKey`). */
  group: string;
  groupKey: string;
  passageIndex: number;
  text: string;
  speaker: string | null;
  speakerRole: string | null;
  country: string[];
  title: string;
  outlet: string;
  url: string | null;
  published: string | null;
  /** As on passages: absent when undated, which sorts last. */
  publishedTs?: number;
}

export const META_DOCUMENT_ID = 'build';

export interface MetaDocument {
  id: typeof META_DOCUMENT_ID;
  schemaVersion: string;
  builtAt: string;
  corpusFingerprint: string;
  articles: number;
  passages: number;
}

/** Document ids: at most 511 bytes of `A-Z a-z 0-9 - _`. https://www.meilisearch.com/docs/learn/getting_started/primary_key#formatting-the-document-id */
const MAX_DOCUMENT_ID_BYTES = 511;
/** Room left for the `__p<index>` suffix of passage ids. */
const MAX_KEY_LENGTH = MAX_DOCUMENT_ID_BYTES - 32;
const KEPT = /[A-Za-z0-9-]/;

/**
 * An article id as a Meilisearch document id, injectively: `A-Z a-z 0-9 -` are kept, every other
 * byte of the UTF-8 (including `_`) becomes `_` plus two hex digits. An output therefore never holds
 * `__`, which frees `__` for our own suffixes. Ids too long to fit become `__h` + SHA-256.
 */
export function documentKey(articleId: string): string {
  let key = '';
  for (const char of articleId) {
    if (KEPT.test(char)) key += char;
    else for (const byte of Buffer.from(char, 'utf8')) key += `_${byte.toString(16).padStart(2, '0')}`;
  }
  if (key.length > 0 && key.length <= MAX_KEY_LENGTH) return key;
  return `__h${createHash('sha256').update(articleId, 'utf8').digest('hex')}`;
}

export function passageDocumentId(articleId: string, index: number): string {
  return `${documentKey(articleId)}__p${index}`;
}

export function publishedTimestamp(published: string | null): number | null {
  return published === null ? null : dateTimestamp(published);
}

/** One document per passage, each carrying its article's fields. */
export function passageDocuments(article: Article): PassageDocument[] {
  const timestamp = publishedTimestamp(article.published);
  const leadIndex = Math.min(...article.passages.map((passage) => passage.index));
  const key = articleKey(article.id);
  return article.passages.map((passage) => ({
    id: passageDocumentId(article.id, passage.index),
    articleId: article.id,
    articleKey: key,
    index: passage.index,
    lead: passage.index === leadIndex,
    // Only Meilisearch's markers may reach `highlight`, never characters from the corpus.
    text: stripMarkers(passage.text),
    title: article.title,
    outlet: article.outlet,
    url: article.url,
    published: article.published,
    ...(timestamp === null ? {} : { publishedTs: timestamp, year: article.published?.slice(0, 4) ?? '' }),
    country: article.countries,
    agency: article.agencies,
    passageCountries: passage.countries,
    passageAgencies: passage.agencies,
  }));
}

export function quoteDocuments(article: Article): QuoteDocument[] {
  const timestamp = publishedTimestamp(article.published);
  const key = articleKey(article.id);
  return article.quotes.map((quote, ordinal) => ({
    id: `${documentKey(article.id)}__q${ordinal}`,
    articleId: article.id,
    articleKey: key,
    group: quote.group,
    groupKey: groupKey(quote.group),
    passageIndex: quote.passageIndex,
    // As with passages, only Meilisearch's markers may reach `highlight`.
    text: stripMarkers(quote.text),
    speaker: quote.speaker === null ? null : stripMarkers(quote.speaker),
    speakerRole: quote.speakerRole,
    country: article.countries,
    title: article.title,
    outlet: article.outlet,
    url: article.url,
    published: article.published,
    ...(timestamp === null ? {} : { publishedTs: timestamp }),
  }));
}

export function articleDocument(article: Article): ArticleDocument {
  return {
    id: documentKey(article.id),
    articleId: article.id,
    articleKey: articleKey(article.id),
    json: JSON.stringify(article),
  };
}

/** What a search hit carries; every field unknown because it is data from the network. */
export interface PassageHitDocument {
  [field: string]: unknown;
  articleId?: unknown;
  index?: unknown;
  text?: unknown;
  title?: unknown;
  outlet?: unknown;
  url?: unknown;
  published?: unknown;
  passageCountries?: unknown;
  passageAgencies?: unknown;
  /** Highlighted and cropped copies; Meilisearch turns numbers into strings here. */
  _formatted?: { [field: string]: unknown; text?: unknown };
}

const asString = (value: unknown): string => (typeof value === 'string' ? value : '');
const asNullableString = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const asStrings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

export function articleSummary(hit: PassageHitDocument): ArticleSummary {
  return {
    id: asString(hit.articleId),
    title: asString(hit.title),
    outlet: asString(hit.outlet),
    published: asNullableString(hit.published),
    url: asNullableString(hit.url),
  };
}

function passageHit(hit: PassageHitDocument, html: string): PassageHit {
  return {
    index: typeof hit.index === 'number' ? hit.index : 0,
    html,
    countries: asStrings(hit.passageCountries),
    agencies: asStrings(hit.passageAgencies),
  };
}

/** A passage of an export, with its article's facets (passage documents carry them). */
export function exportedPassage(hit: PassageHitDocument): ExportedPassage {
  return {
    article: { ...articleSummary(hit), countries: asStrings(hit.country), agencies: asStrings(hit.agency) },
    passage: {
      index: typeof hit.index === 'number' ? hit.index : 0,
      text: asString(hit.text),
      countries: asStrings(hit.passageCountries),
      agencies: asStrings(hit.passageAgencies),
    },
  };
}

/** The start of a passage, unmarked: the empty query's lead. */
export function leadPassage(hit: PassageHitDocument): PassageHit {
  return passageHit(hit, escapeHtml(cropWords(asString(hit.text), LEAD_WORDS)));
}

/**
 * A passage as Meilisearch cropped and highlighted it with our private-use markers, made safe:
 * marks widened to whole words (see `mergeMarks`), escaped, then the markers become `<mark>`.
 */
export function matchedPassage(hit: PassageHitDocument): PassageHit {
  const formatted = hit._formatted?.text;
  if (typeof formatted === 'string') return passageHit(hit, highlight(mergeMarks([formatted])));
  return leadPassage(hit);
}

/** A quote hit as one article's report of its statement. */
export function quoteReport(hit: PassageHitDocument): QuoteReport {
  return {
    article: articleSummary(hit),
    passageIndex: typeof hit.passageIndex === 'number' ? hit.passageIndex : 0,
    text: asString(hit.text),
    speaker: asNullableString(hit.speaker),
    speakerRole: asNullableString(hit.speakerRole),
  };
}

/** Quote facet counts from the distribution holding each facet. */
export function quoteFacetCounts(
  sources: Readonly<Record<(typeof QUOTE_FACET_NAMES)[number], FacetDistributions | undefined>>,
): QuoteSearchResponse['facets'] {
  return countsOf(QUOTE_FACET_NAMES, sources);
}

/** Where each facet's counts come from: a `facetDistribution` of one of the responses. */
export type FacetDistributions = Partial<Record<string, Record<string, number>>>;

/** Our facet counts from the distribution holding each facet (missing facets count nothing). */
export function facetCounts(
  sources: Readonly<Record<(typeof FACET_NAMES)[number], FacetDistributions | undefined>>,
): FacetCounts {
  return countsOf(FACET_NAMES, sources);
}

/** Each facet's positive counts, read from the distribution that holds it. */
function countsOf<Facet extends string>(
  facets: readonly Facet[],
  sources: Readonly<Record<Facet, FacetDistributions | undefined>>,
): Record<Facet, Record<string, number>> {
  const positive = (facet: Facet): Record<string, number> =>
    Object.fromEntries(
      Object.entries(sources[facet]?.[facet] ?? {}).filter(
        (entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0,
      ),
    );
  return Object.fromEntries(facets.map((facet) => [facet, positive(facet)])) as Record<
    Facet,
    Record<string, number>
  >;
}

/** Splits marked text into its characters (code points) and a per-character "is marked" mask. */
function unmark(marked: string): { text: string; chars: string[]; mask: boolean[] } {
  const chars: string[] = [];
  const mask: boolean[] = [];
  let open = false;
  for (const char of marked) {
    if (char === MARK_OPEN) open = true;
    else if (char === MARK_CLOSE) open = false;
    else {
      chars.push(char);
      mask.push(open);
    }
  }
  return { text: chars.join(''), chars, mask };
}

/** Characters inside a word (letters, digits and combining marks): a mark never runs past others. */
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

/**
 * Marks the rest of every word in which a mark ends. Meilisearch marks only the typed part of a
 * prefix match (`<mark>Sanctio</mark>ns`); the embedded engine marks the whole word.
 */
function extendToWordEnds(chars: readonly string[], mask: boolean[]): void {
  for (let i = 1; i < chars.length; i++) {
    if (!mask[i] && mask[i - 1] && WORD_CHAR.test(chars[i] ?? '') && WORD_CHAR.test(chars[i - 1] ?? ''))
      mask[i] = true;
  }
}

/**
 * One text marked wherever any of `versions` marks it, every mark running to the end of its word.
 * Every version must be the same text with markers in different places (one highlighted search per
 * query word); a version whose text differs is ignored rather than risk marking the wrong characters.
 */
export function mergeMarks(versions: readonly string[]): string {
  const [first, ...rest] = versions.map(unmark);
  if (!first) return '';
  const mask = [...first.mask];
  for (const version of rest) {
    if (version.text !== first.text) continue;
    version.mask.forEach((marked, i) => {
      if (marked) mask[i] = true;
    });
  }
  extendToWordEnds(first.chars, mask);
  let merged = '';
  let open = false;
  first.chars.forEach((char, i) => {
    const marked = mask[i] ?? false;
    if (marked !== open) merged += marked ? MARK_OPEN : MARK_CLOSE;
    open = marked;
    merged += char;
  });
  return open ? `${merged}${MARK_CLOSE}` : merged;
}

/** What the meta document says about the live indexes: built by this version, an older one, or none. */
export type IndexState = 'current' | 'outdated' | 'missing';

export function indexState(meta: Record<string, unknown> | undefined): IndexState {
  if (!meta || typeof meta.schemaVersion !== 'string') return 'missing';
  return meta.schemaVersion === SCHEMA_VERSION ? 'current' : 'outdated';
}
