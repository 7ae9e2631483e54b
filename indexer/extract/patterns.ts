/** Helpers to turn word lists into regular expressions. */

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Alternation of literal phrases, longest first so "Islamic Republic of Iran" wins over "Islamic Republic". */
export function literalAlternation(phrases: readonly string[]): string {
  return [...new Set(phrases)]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => escapeRegExp(phrase).replace(/\s+/g, '\\s+').replace(/'/g, "['’]"))
    .join('|');
}

/**
 * Wraps a pattern so it only matches whole words. Unlike `\b` this works when the phrase starts
 * or ends with punctuation ("U.S.") and for letters outside ASCII.
 */
export function wholeWords(pattern: string): string {
  return `(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`;
}

/** True for acronyms such as "FBI" or "MI5", which must match in capitals only. */
export function isAcronym(alias: string): boolean {
  return /^[A-Z][A-Z0-9&.]*[A-Z0-9.]$/.test(alias) && /[A-Z].*[A-Z0-9]/.test(alias);
}

/** Normalises matched text back to its lexicon key: single spaces, straight apostrophes. */
export function lexiconKey(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/’/g, "'");
}
