/**
 * The one place that turns a parsed query into a Meilisearch `q` string. Only tokens from
 * engine/text.ts `tokenize` reach it (letters and digits, never quotes, `-` or spaces), wrapped in
 * Meilisearch's own operators: `"…"` for phrases, `-` for exclusions.
 * https://www.meilisearch.com/docs/reference/api/search#query-q
 *
 * How Meilisearch reads `q` (milli `located_query_terms_from_tokens`, crates/milli/src/search/new/
 * query_term/parse_query.rs), and what we do about it:
 * - only the very last token of `q` is a prefix: a trailing space turns prefix search off, and the
 *   word that may be a prefix is written last;
 * - `-word` and `-"phrase"` exclude passages (exact words, no typo, no prefix), also at the start;
 * - it keeps the first 10 positive words and phrases (`words_limit`; exclusions do not count) and
 *   ignores every token after them, exclusions included, so exclusions are written first;
 * - it reads only the first 1,000 tokens of `q`, separators included (`MAX_TOKEN_COUNT`,
 *   crates/milli/src/search/new/limits.rs), so long exclusions could push positive words out.
 * Either limit would silently widen the answer, so a query over one is refused (`BadRequestError`).
 */
import { BadRequestError } from '../errors.js';
import type { ParsedQuery } from '../query.js';

/** Positive words and phrases Meilisearch reads from one query (milli's `words_limit`). */
export const MEILI_MAX_QUERY_TERMS = 10;
/** Tokens, separators included, Meilisearch reads from one `q` (milli's `MAX_TOKEN_COUNT`). */
export const MEILI_MAX_QUERY_TOKENS = 1_000;

export interface MeiliQuery {
  /** The `q` to send; empty when nothing constrains the text (then search without `q`). */
  q: string;
  /** Only exclusions: Meilisearch answers every passage but the excluded ones, unranked. */
  negationOnly: boolean;
  /** A word that no passage can hold was required: the answer is empty without asking. */
  matchesNothing: boolean;
}

/** One positive element of the query, as Meilisearch syntax. */
interface Positive {
  text: string;
  /** The element is a bare word whose end may still be typed. */
  prefix: boolean;
}

/**
 * Our highlight markers are private-use characters, which `tokenize` keeps inside tokens but the
 * indexed text never holds (they are stripped when building): a token with one matches nothing.
 */
const MARKER = /[\uE000\uE001]/;
const matchable = (tokens: readonly string[]): boolean =>
  tokens.length > 0 && !tokens.some((token) => token.length === 0 || MARKER.test(token));

/** A word alone, several tokens as a phrase (`O'Brien` → `"o brien"`). */
function wordOrPhrase(tokens: readonly string[]): string {
  return tokens.length === 1 ? (tokens[0] ?? '') : `"${tokens.join(' ')}"`;
}

const phrase = (tokens: readonly string[]): string => `"${tokens.join(' ')}"`;

/** Phrases first (they say exactly what is wanted), then words; a prefix word is always last. */
function positives(parsed: ParsedQuery): Positive[] {
  const fromPhrases = parsed.phrases
    .filter(matchable)
    .map((tokens) => ({ text: phrase(tokens), prefix: false }));
  const fromTerms = parsed.terms
    .filter((term) => matchable(term.tokens))
    // Meilisearch cannot make the end of a phrase a prefix: a multi-token term is matched exactly.
    .map((term) => ({ text: wordOrPhrase(term.tokens), prefix: term.prefix && term.tokens.length === 1 }));
  const [prefixed, exact] = [fromTerms.filter((p) => p.prefix), fromTerms.filter((p) => !p.prefix)];
  return [...fromPhrases, ...exact, ...prefixed];
}

/** Exclusions of something no passage holds exclude nothing, so they are left out. */
function exclusions(parsed: ParsedQuery): string[] {
  return [...parsed.excludedTerms, ...parsed.excludedPhrases]
    .filter(matchable)
    .map((tokens) => `-${wordOrPhrase(tokens)}`);
}

function requiresTheUnmatchable(parsed: ParsedQuery): boolean {
  return [...parsed.terms.map((term) => term.tokens), ...parsed.phrases].some(
    (tokens) => tokens.length > 0 && !matchable(tokens),
  );
}

/** Joins elements; the last one stays a prefix only when nothing (not even a space) follows it. */
function join(elements: readonly string[], lastIsPrefix: boolean): string {
  if (elements.length === 0) return '';
  return lastIsPrefix ? elements.join(' ') : `${elements.join(' ')} `;
}

/**
 * Scripts Meilisearch splits into words with a dictionary (charabia's Chinese, Japanese, Korean,
 * Thai and Khmer segmenters), where one of our tokens may be several of its words.
 */
const DICTIONARY_SEGMENTED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Khmer}\p{Script=Lao}\p{Script=Myanmar}]/u;

/**
 * How many tokens Meilisearch reads from `q`, counted high where unsure. Our `q` holds only tokens
 * of letters and digits, spaces, `"` and `-`; charabia makes each of those separator characters a
 * token of its own (only `, ` and `. ` pair up, and `q` has neither), and a word one token, or up to
 * one per character in a dictionary-segmented script.
 */
export function queryTokenCount(q: string): number {
  let count = 0;
  for (const run of q.match(/[^\s"-]+|[\s"-]/gu) ?? []) {
    count += DICTIONARY_SEGMENTED.test(run) ? [...run].length : 1;
  }
  return count;
}

function refuseWhatMeilisearchWouldCut(positiveCount: number, q: string): void {
  if (positiveCount > MEILI_MAX_QUERY_TERMS) {
    throw new BadRequestError(
      `Meilisearch reads at most ${MEILI_MAX_QUERY_TERMS} words and phrases per query and this one has ` +
        `${positiveCount}: leave some out (-exclusions do not count)`,
    );
  }
  if (queryTokenCount(q) > MEILI_MAX_QUERY_TOKENS) {
    throw new BadRequestError(
      `the query is too long: Meilisearch reads at most ${MEILI_MAX_QUERY_TOKENS.toLocaleString('en')} ` +
        'words, spaces and quotes per query: leave out some words or exclusions',
    );
  }
}

/**
 * The `q` for a parsed query: `-russia -"proud boys" "vote for trump" sanctions iran kreml`.
 * A passage matches when it holds every word (typos and a prefix allowed) and phrase and none of
 * the exclusions, provided the search also sets `matchingStrategy: "all"`.
 * Throws `BadRequestError` for a query Meilisearch would read only in part (see above).
 */
export function toMeiliQuery(parsed: ParsedQuery): MeiliQuery {
  const excluded = exclusions(parsed);
  const kept = positives(parsed);
  const last = kept.at(-1);
  const q = join([...excluded, ...kept.map((p) => p.text)], last?.prefix ?? false);
  refuseWhatMeilisearchWouldCut(kept.length, q);
  return {
    q,
    negationOnly: kept.length === 0 && excluded.length > 0,
    matchesNothing: requiresTheUnmatchable(parsed),
  };
}

/**
 * One `q` per positive word or phrase (exclusions ignored), for marking on an article page every
 * place where any of them occurs. Each keeps its own typo and prefix behaviour.
 */
export function positiveQueries(parsed: ParsedQuery): string[] {
  return positives(parsed).map((p) => join([p.text], p.prefix));
}
