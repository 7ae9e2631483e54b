/**
 * Text normalisation shared by every engine, the query parser and the typo vocabulary.
 *
 * `tokenize` mirrors SQLite FTS5's `unicode61 remove_diacritics 2` tokenizer, so a token computed
 * here is exactly a token FTS5 stores (before the porter stemmer runs): the vocabulary table and the
 * typo candidates it yields are then words FTS5 can find. https://sqlite.org/fts5.html#unicode61_tokenizer
 *
 * Why not plain NFKD: FTS5 does no compatibility mapping (the ligature "ﬁ" stays one letter) and
 * only folds Latin letters whose decomposition is an ASCII letter plus common diacritics; NFKD/NFD
 * would turn Korean syllables into jamo or strip the hamza off Arabic letters, producing query
 * tokens that FTS5 never stored. `test/engine/text.test.ts` checks this module against SQLite itself.
 *
 * Known, harmless difference: SQLite's tables stop at Unicode 6.1, so it treats characters assigned
 * later (newer emoji, some symbols and scripts) as token characters; here they separate tokens.
 * Queries only send tokens produced here, so at worst such a character is ignored in a query.
 */

/**
 * The combining marks unicode61 removes when `remove_diacritics` is on (the ones that occur in
 * decompositions of Latin letters to ASCII). Other combining marks separate tokens in unicode61.
 */
const REMOVED_DIACRITICS = new Set(
  [
    0x300, 0x301, 0x302, 0x303, 0x304, 0x306, 0x307, 0x308, 0x309, 0x30a, 0x30b, 0x30c, 0x30f, 0x311, 0x31b,
    0x323, 0x324, 0x325, 0x326, 0x327, 0x328, 0x32d, 0x32e, 0x330, 0x331,
  ].map((codePoint) => String.fromCodePoint(codePoint)),
);

/** unicode61's default token characters are the categories L*, N* and Co (private use). */
const TOKEN_RUN = /[\p{L}\p{N}\p{Co}\u0300-\u0331]+/gu;
const TOKEN_CHAR = /^[\p{L}\p{N}\p{Co}]$/u;
const NON_ASCII = /[^\p{ASCII}]/u;
const ALL_ASCII = /^\p{ASCII}*$/u;
const ASCII_TOKEN = /[a-z0-9]+/g;

const foldCache = new Map<string, string>();

/** Lowercases (simple case folding) and removes diacritics from one character, like unicode61. */
function foldChar(char: string): string {
  const cached = foldCache.get(char);
  if (cached !== undefined) return cached;
  const folded = computeFold(char);
  foldCache.set(char, folded);
  return folded;
}

function computeFold(char: string): string {
  if (REMOVED_DIACRITICS.has(char)) return '';
  if (!TOKEN_CHAR.test(char)) return ' ';
  // Upper-then-lower approximates Unicode simple case folding (µ → μ, ſ → s, ς → σ); the Turkic
  // dotless ı has no folding (I folds to i), so it keeps its own lowercase.
  const upper = char.toUpperCase();
  const roundTrips = [...upper].length === 1 && char !== '\u0131';
  const lower = roundTrips ? upper.toLowerCase() : char.toLowerCase();
  const decomposed = lower.normalize('NFD');
  const [base, ...marks] = decomposed;
  if (
    base !== undefined &&
    base < '\x80' &&
    marks.length > 0 &&
    marks.every((m) => REMOVED_DIACRITICS.has(m))
  ) {
    return base;
  }
  return lower;
}

function foldRun(run: string): string[] {
  if (!NON_ASCII.test(run)) return [run.toLowerCase()];
  let folded = '';
  for (const char of run) folded += foldChar(char);
  // A character that is a token char in the pattern but folds to a separator cannot occur today;
  // splitting keeps the function total if the tables ever disagree.
  return folded.split(' ').filter((token) => token.length > 0);
}

/**
 * Splits text into normalised tokens exactly as FTS5's `unicode61 remove_diacritics 2` does:
 * lowercase, Latin diacritics removed, anything that is not a letter or number separates tokens.
 *
 * @example tokenize("O'Brien's Déjà-vu, U.S.") // ['o', 'brien', 's', 'deja', 'vu', 'u', 's']
 */
export function tokenize(text: string): string[] {
  // Plain ASCII text: its letters and digits are the token characters, and lowercasing is all
  // the folding there is (the common case, twice as fast as the general path).
  if (ALL_ASCII.test(text)) return text.toLowerCase().match(ASCII_TOKEN) ?? [];
  const tokens: string[] = [];
  for (const match of text.matchAll(TOKEN_RUN)) {
    for (const token of foldRun(match[0])) tokens.push(token);
  }
  return tokens;
}

/** A token and where it stands in the text it came from (UTF-16 offsets, end exclusive). */
export interface TokenSpan {
  token: string;
  start: number;
  end: number;
}

/**
 * The tokens of `tokenize`, in the same order (so the i-th span is FTS5's token at position i), each
 * with its place in `text`: snippets and highlights mark the original characters.
 */
export function tokenSpans(text: string): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const match of text.matchAll(TOKEN_RUN)) {
    const start = match.index;
    const end = start + match[0].length;
    for (const token of foldRun(match[0])) spans.push({ token, start, end });
  }
  return spans;
}

/** Number of characters (code points, not UTF-16 units), the unit typo rules count in. */
export function charLength(word: string): number {
  return [...word].length;
}
