/**
 * The query language, engine-neutral: users type words, "exact phrases", -negations.
 * `parseQuery` turns what they typed into plain data that every adapter translates itself
 * (SQLite: engines/sqlite-match.ts). It never throws: any input is a valid query.
 */
import { tokenize } from './text.js';

/** Elements beyond this many (words, phrases and negations together) are ignored. */
export const MAX_QUERY_TERMS = 32;
/** Tokens beyond this many in one phrase are ignored. */
export const MAX_PHRASE_TOKENS = 32;

/** A word the user typed; every term must match. */
export interface QueryTerm {
  /**
   * Normalised tokens (see `tokenize`). Usually one; several when the typed word had inner
   * punctuation (`O'Brien` → `o`, `brien`), and then they must match as a phrase.
   */
  tokens: string[];
  /** The last token may be the start of a longer word: the user may still be typing it. */
  prefix: boolean;
}

/** The parsed query: our own plain data, translated by each engine adapter. */
export interface ParsedQuery {
  /** Bare words; typo tolerance and prefix search apply only to these. */
  terms: QueryTerm[];
  /** Quoted phrases, as token sequences; matched exactly (no typos, no prefix). */
  phrases: string[][];
  /** `-word`: token sequences (several tokens → a phrase) that must not match. */
  excludedTerms: string[][];
  /** `-"phrase"`: token sequences that must not match. */
  excludedPhrases: string[][];
  /** True when part of the input was ignored because of the caps above. */
  truncated: boolean;
}

/** True when the query has something that must match (not only negations). */
export function hasPositiveTerms(query: ParsedQuery): boolean {
  return query.terms.length > 0 || query.phrases.length > 0;
}

/** True when the query constrains nothing (empty, or only characters that are not words). */
export function isEmptyQuery(query: ParsedQuery): boolean {
  return !hasPositiveTerms(query) && query.excludedTerms.length === 0 && query.excludedPhrases.length === 0;
}

/** One piece of the input as typed, before tokenising. */
interface RawElement {
  kind: 'word' | 'phrase';
  text: string;
  negated: boolean;
  /** The element runs to the very end of the input (nothing typed after it, not even a space). */
  atEnd: boolean;
}

/** Double quotes in any typography; they never belong inside a word, so any of them opens or closes. */
const DOUBLE_QUOTES = new Set(['"', '“', '”', '„', '‟', '«', '»', '＂']);
/** Single quotes open a phrase only at the start of a word and only when a closing one follows. */
const SINGLE_OPENERS = new Set(['‘', '‚', '‛']);
const SINGLE_CLOSERS = new Set(['’', '‘']);
const NEGATION_SIGNS = new Set(['-', '−']);
const WHITESPACE = /^\s$/u;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

const isSpace = (char: string | undefined): boolean => char !== undefined && WHITESPACE.test(char);

/** Splits the input into words and phrases, following the quoting rules above. */
function scan(input: string): RawElement[] {
  const chars = [...input];
  const closers = singleClosers(chars);
  const elements: RawElement[] = [];
  let i = 0;
  while (i < chars.length) {
    if (isSpace(chars[i])) {
      i++;
      continue;
    }
    const negated = NEGATION_SIGNS.has(chars[i] ?? '') && i + 1 < chars.length && !isSpace(chars[i + 1]);
    if (negated) i++;
    const { element, next } = readElement(chars, closers, i, negated);
    elements.push(element);
    i = next;
  }
  return elements;
}

function readElement(
  chars: string[],
  closers: readonly number[],
  start: number,
  negated: boolean,
): { element: RawElement; next: number } {
  const opener = chars[start] ?? '';
  if (DOUBLE_QUOTES.has(opener)) {
    const close = findIndex(chars, start + 1, (char) => DOUBLE_QUOTES.has(char));
    return phrase(chars, start, close, negated);
  }
  if (SINGLE_OPENERS.has(opener)) {
    const close = closers[start + 1] ?? -1;
    if (close !== -1) return phrase(chars, start, close, negated);
  }
  // A word runs to the next space or double quote (`foo"bar baz"` is a word and a phrase).
  let end = start;
  while (
    end < chars.length &&
    !isSpace(chars[end]) &&
    !(end > start && DOUBLE_QUOTES.has(chars[end] ?? ''))
  ) {
    end++;
  }
  const text = chars.slice(start, end).join('');
  return { element: { kind: 'word', text, negated, atEnd: end === chars.length }, next: end };
}

/** A phrase from the opener at `start` to `close` (exclusive), or to the end when unbalanced (-1). */
function phrase(
  chars: string[],
  start: number,
  close: number,
  negated: boolean,
): { element: RawElement; next: number } {
  const end = close === -1 ? chars.length : close;
  const text = chars.slice(start + 1, end).join('');
  return { element: { kind: 'phrase', text, negated, atEnd: false }, next: end + 1 };
}

function findIndex(chars: string[], from: number, predicate: (char: string) => boolean): number {
  for (let i = from; i < chars.length; i++) if (predicate(chars[i] ?? '')) return i;
  return -1;
}

/**
 * For each position, the index of the first closing single quote at or after it, or -1 (one pass
 * from the end, so many openers cost no more than one). A closing quote ends a word: `’` followed
 * by a letter is an apostrophe (don’t).
 */
function singleClosers(chars: readonly string[]): number[] {
  const next = new Array<number>(chars.length + 1).fill(-1);
  for (let i = chars.length - 1; i >= 0; i--) {
    const following = chars[i + 1];
    const closes =
      SINGLE_CLOSERS.has(chars[i] ?? '') && (following === undefined || !WORD_CHAR.test(following));
    next[i] = closes ? i : (next[i + 1] ?? -1);
  }
  return next;
}

const keyOf = (tokens: readonly string[], prefix = false): string =>
  `${prefix ? '*' : ''}${tokens.join(' ')}`;

/** Accumulates elements into a ParsedQuery, dropping duplicates and applying the caps. */
class QueryBuilder {
  readonly query: ParsedQuery = {
    terms: [],
    phrases: [],
    excludedTerms: [],
    excludedPhrases: [],
    truncated: false,
  };
  private readonly seen = new Set<string>();
  private count = 0;

  add(element: RawElement, isLast: boolean): void {
    let tokens = tokenize(element.text);
    if (tokens.length === 0) return;
    if (tokens.length > MAX_PHRASE_TOKENS) {
      tokens = tokens.slice(0, MAX_PHRASE_TOKENS);
      this.query.truncated = true;
    }
    const prefix = element.kind === 'word' && !element.negated && isLast && element.atEnd;
    const bucket = this.bucketFor(element);
    const key = `${bucket}:${keyOf(tokens, prefix)}`;
    if (this.seen.has(key)) return;
    if (this.count >= MAX_QUERY_TERMS) {
      this.query.truncated = true;
      return;
    }
    this.seen.add(key);
    this.count++;
    if (bucket === 'terms') this.query.terms.push({ tokens, prefix });
    else this.query[bucket].push(tokens);
  }

  private bucketFor(element: RawElement): 'terms' | 'phrases' | 'excludedTerms' | 'excludedPhrases' {
    if (element.kind === 'word') return element.negated ? 'excludedTerms' : 'terms';
    return element.negated ? 'excludedPhrases' : 'phrases';
  }
}

/**
 * Parses a query as typed. Never throws.
 *
 * - words: all must match; a word with inner punctuation (`U.S.`, `co-op`) becomes a phrase of its tokens;
 *   words without any letter or digit (`*`, `(`, emoji) are dropped; AND/OR/NOT/NEAR are plain words;
 * - `"exact phrase"` with straight or typographic quotes (“ ” „ « » always; ‘ ’ only when they enclose);
 *   an unbalanced quote runs to the end of the input;
 * - `-word`, `-"phrase"`: must not match;
 * - the last word is a prefix when it is bare (not quoted, not negated) and no space follows it;
 * - at most {@link MAX_QUERY_TERMS} elements, {@link MAX_PHRASE_TOKENS} tokens per phrase (`truncated`).
 */
export function parseQuery(input: string): ParsedQuery {
  const builder = new QueryBuilder();
  const elements = scan(input);
  elements.forEach((element, i) => builder.add(element, i === elements.length - 1));
  return builder.query;
}
