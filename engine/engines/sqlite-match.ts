/**
 * The one place that builds FTS5 MATCH expressions. Every user token leaves here as a
 * double-quoted FTS5 string with `"` doubled, so nothing a user types is read as FTS5 syntax
 * (AND, OR, NOT, NEAR, `*`, `^`, `col:`, parentheses are all plain text inside a string).
 * https://sqlite.org/fts5.html#full_text_query_syntax
 */
import type { ParsedQuery } from '../query.js';

/** What the engine found for one query term besides the term itself. */
export interface TermAlternatives {
  /** Also match any indexed term starting with the term's last token (an FTS5 prefix query). */
  prefix: boolean;
  /** Other whole words that satisfy the term: typo corrections, vocabulary completions of a prefix. */
  words: readonly string[];
}

/** How to select passages for a parsed query. */
export type FtsMatch =
  /** Nothing to match on: every passage qualifies. */
  | { kind: 'everything' }
  /** Passages matching `expression`. */
  | { kind: 'match'; expression: string }
  /**
   * Only negations were typed: every passage except those matching `expression`. FTS5 cannot say
   * this itself (its NOT is binary: `a NOT b`), so the caller subtracts the matches.
   */
  | { kind: 'all-except'; expression: string };

/**
 * An FTS5 string: a phrase of the given tokens, `"` doubled. FTS5 reads the expression as a C
 * string, so a NUL would end it inside the quotes ("unterminated string"); it becomes a space.
 */
export function ftsString(tokens: readonly string[]): string {
  return `"${tokens.join(' ').replaceAll('\0', ' ').replaceAll('"', '""')}"`;
}

function anyOf(expressions: readonly string[]): string {
  const unique = [...new Set(expressions)];
  return unique.length === 1 ? (unique[0] ?? '') : `(${unique.join(' OR ')})`;
}

function termExpression(tokens: readonly string[], alternatives: TermAlternatives): string {
  const exact = ftsString(tokens);
  const options = [exact];
  // FTS5: a `*` after a string makes its last token a prefix token.
  if (alternatives.prefix) options.push(`${exact}*`);
  for (const word of alternatives.words) if (word.length > 0) options.push(ftsString([word]));
  return anyOf(options);
}

/** One expression per term and phrase that must match. */
function requiredExpressions(
  parsed: ParsedQuery,
  alternatives: readonly (TermAlternatives | undefined)[],
): string[] {
  return [
    ...parsed.terms.flatMap((term, i) =>
      term.tokens.length > 0
        ? [termExpression(term.tokens, alternatives[i] ?? { prefix: term.prefix, words: [] })]
        : [],
    ),
    ...parsed.phrases.filter((tokens) => tokens.length > 0).map((tokens) => ftsString(tokens)),
  ];
}

/**
 * Builds the MATCH expression for a parsed query. A passage matches when it holds every term
 * (or one of its alternatives) and every phrase, and none of the excluded terms or phrases:
 * `("trump" OR "trum"*) AND "vote for trump or else" NOT ("biden")`.
 *
 * @param alternatives per entry of `parsed.terms`, what else satisfies it; when missing, the term
 *   alone, as a prefix query if the parser marked it so.
 */
export function toFtsMatch(
  parsed: ParsedQuery,
  alternatives: readonly (TermAlternatives | undefined)[] = [],
): FtsMatch {
  const required = requiredExpressions(parsed, alternatives);
  const excluded = [...parsed.excludedTerms, ...parsed.excludedPhrases]
    .filter((tokens) => tokens.length > 0)
    .map((tokens) => ftsString(tokens));

  const anyExcluded = excluded.length > 0 ? `(${[...new Set(excluded)].join(' OR ')})` : '';
  if (required.length === 0) {
    return anyExcluded ? { kind: 'all-except', expression: anyExcluded } : { kind: 'everything' };
  }
  const allRequired = required.join(' AND ');
  if (!anyExcluded) return { kind: 'match', expression: allRequired };
  // Parenthesised on both sides so FTS5's operator precedence cannot matter.
  return { kind: 'match', expression: `(${allRequired}) NOT ${anyExcluded}` };
}

/**
 * An expression matching passages that hold ANY of the query's terms or phrases (negations
 * ignored), for marking every occurrence on an article page; null when nothing is positive.
 */
export function toFtsAnyTermMatch(
  parsed: ParsedQuery,
  alternatives: readonly (TermAlternatives | undefined)[] = [],
): string | null {
  const required = requiredExpressions(parsed, alternatives);
  return required.length === 0 ? null : required.join(' OR ');
}
