/**
 * Typo tolerance as Meilisearch does it, engine-neutral (the SQLite adapter looks candidates up in
 * its vocabulary table; see engines/sqlite-vocab.ts).
 * https://www.meilisearch.com/docs/learn/relevancy/typo_tolerance_settings
 *
 * - no typo under 5 letters, 1 typo from 5 letters, 2 typos from 9 letters;
 * - Damerau-Levenshtein distance (optimal string alignment: a transposition is one typo);
 * - a typo on the first letter counts as 2, so it is only allowed for words of 9+ letters,
 *   with the rest of the word exact.
 *
 * Words are compared as arrays of code points, so an accented or non-Latin letter is one letter.
 */

export type TypoBudget = 0 | 1 | 2;

/** Letters from which one typo is allowed. */
export const ONE_TYPO_FROM = 5;
/** Letters from which two typos are allowed. */
export const TWO_TYPOS_FROM = 9;
/** What a typo on the first letter costs. */
export const FIRST_LETTER_TYPO_COST = 2;

/** How many typos a query word of this many letters tolerates. */
export function typoBudget(letters: number): TypoBudget {
  if (letters >= TWO_TYPOS_FROM) return 2;
  if (letters >= ONE_TYPO_FROM) return 1;
  return 0;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment) between two code-point arrays,
 * or `max + 1` as soon as it is certain to exceed `max` (candidates are checked in bulk).
 */
export function damerauLevenshtein(a: readonly string[], b: readonly string[], max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Three rolling rows: the transposition step looks two rows back.
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length] ?? 0, max + 1);
}

/**
 * Typos between what the user typed and a vocabulary word under Meilisearch's rules,
 * or `max + 1` when more than `max`. An edit touching the first letter (substitution, deletion,
 * insertion before it, swapping the first two letters) costs 2 and leaves no room for another.
 */
export function typoCount(typed: string, word: string, max = 2): number {
  if (typed === word) return 0;
  const a = [...typed];
  const b = [...word];
  if (a[0] === b[0]) return damerauLevenshtein(a.slice(1), b.slice(1), max);
  if (max < FIRST_LETTER_TYPO_COST) return max + 1;
  const forms = firstLetterTypoForms(typed);
  const restOfWord = b.slice(1).join('');
  const isFirstLetterTypo =
    restOfWord === forms.substitutedRest ||
    word === forms.deleted ||
    restOfWord === forms.inserted ||
    word === forms.transposed;
  return isFirstLetterTypo ? FIRST_LETTER_TYPO_COST : max + 1;
}

/** Whether `word` is an acceptable typo-corrected reading of `typed` (exact matches excluded). */
export function isTypoOf(typed: string, word: string): boolean {
  if (typed === word) return false;
  const budget = typoBudget([...typed].length);
  return budget > 0 && typoCount(typed, word, budget) <= budget;
}

/**
 * The exact lookups that find every word one first-letter typo away from `typed`, so an engine
 * can fetch them by index instead of scanning: words whose rest (all but the first letter)
 * equals `substitutedRest` or `inserted`, and the words `deleted` and `transposed`.
 */
export function firstLetterTypoForms(typed: string): {
  substitutedRest: string;
  deleted: string;
  inserted: string;
  transposed: string | null;
} {
  const [first = '', second, ...tail] = [...typed];
  const rest = typed.slice(first.length);
  return {
    substitutedRest: rest,
    deleted: rest,
    inserted: typed,
    transposed: second === undefined || second === first ? null : [second, first, ...tail].join(''),
  };
}
