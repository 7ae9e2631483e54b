/**
 * Our types to Meilisearch documents and back. Pure functions over plain data: what goes in the
 * indexes when building, and how hits become `ArticleSummary`/`PassageHit` when searching.
 */
import { createHash } from 'node:crypto';
import { cropWords, escapeHtml, highlight, MARK_CLOSE, MARK_OPEN, stripMarkers } from '../highlight.js';
import type { Article, ArticleSummary, FacetCounts, PassageHit } from '../types.js';
import { FACET_NAMES } from '../types.js';
import { dateTimestamp } from './meilisearch-filter.js';

/** Bumped when documents change shape: stats then report no build until the next one. */
export const SCHEMA_VERSION = '1';
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

/** The article as indexed, byte for byte (JSON), found by `id`. */
export interface ArticleDocument {
  id: string;
  articleId: string;
  json: string;
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
  return article.passages.map((passage) => ({
    id: passageDocumentId(article.id, passage.index),
    articleId: article.id,
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

export function articleDocument(article: Article): ArticleDocument {
  return { id: documentKey(article.id), articleId: article.id, json: JSON.stringify(article) };
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

/** The start of a passage, unmarked: the empty query's lead. */
export function leadPassage(hit: PassageHitDocument): PassageHit {
  return passageHit(hit, escapeHtml(cropWords(asString(hit.text), LEAD_WORDS)));
}

/**
 * A passage as Meilisearch cropped and highlighted it with our private-use markers, made safe:
 * escaped first, then the markers become `<mark>`.
 */
export function matchedPassage(hit: PassageHitDocument): PassageHit {
  const formatted = hit._formatted?.text;
  if (typeof formatted === 'string') return passageHit(hit, highlight(formatted));
  return leadPassage(hit);
}

/** Where each facet's counts come from: a `facetDistribution` of one of the responses. */
export type FacetDistributions = Partial<Record<string, Record<string, number>>>;

/** Our facet counts from the distribution holding each facet (missing facets count nothing). */
export function facetCounts(
  sources: Readonly<Record<(typeof FACET_NAMES)[number], FacetDistributions | undefined>>,
): FacetCounts {
  const counts: FacetCounts = { country: {}, agency: {}, outlet: {}, year: {} };
  for (const facet of FACET_NAMES) {
    const distribution = sources[facet]?.[facet] ?? {};
    for (const [value, count] of Object.entries(distribution)) {
      if (typeof count === 'number' && count > 0) counts[facet][value] = count;
    }
  }
  return counts;
}

/** Splits marked text into its plain text and a per-UTF-16-unit "is marked" mask. */
function unmark(marked: string): { text: string; mask: boolean[] } {
  let text = '';
  const mask: boolean[] = [];
  let open = false;
  for (const unit of marked) {
    if (unit === MARK_OPEN) open = true;
    else if (unit === MARK_CLOSE) open = false;
    else {
      text += unit;
      for (let i = 0; i < unit.length; i++) mask.push(open);
    }
  }
  return { text, mask };
}

/**
 * One text marked wherever any of `versions` marks it. Every version must be the same text with
 * markers in different places (one highlighted search per query word); a version whose text
 * differs is ignored rather than risk marking the wrong characters.
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
  let merged = '';
  let open = false;
  for (let i = 0; i < first.text.length; i++) {
    const marked = mask[i] ?? false;
    if (marked !== open) merged += marked ? MARK_OPEN : MARK_CLOSE;
    open = marked;
    merged += first.text[i] ?? '';
  }
  return open ? `${merged}${MARK_CLOSE}` : merged;
}
