/** Post-filters for peers that lack phrase search or negation: checks on a passage's own text. */

const WORD = /[\p{L}\p{N}]+/gu;

/** Lowercase word tokens, for the post-filters. */
export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** True when `phrase` (lowercase tokens) occurs as consecutive words of `text`. */
export function containsPhrase(text: string, phrase: readonly string[]): boolean {
  if (phrase.length === 0) return true;
  const tokens = words(text);
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/** True when none of `excluded` (lowercase words) is a word of `text`. */
export function containsNone(text: string, excluded: readonly string[]): boolean {
  if (excluded.length === 0) return true;
  const tokens = new Set(words(text));
  return excluded.every((word) => !tokens.has(word));
}
