/**
 * Candidate words from the `vocab` table for typo tolerance and prefix completion. Every lookup
 * is an index range scan or an exact lookup, never a scan of the vocabulary or the passages.
 */
import type { ParsedQuery, QueryTerm } from '../query.js';
import { charLength } from '../text.js';
import { damerauLevenshtein, firstLetterTypoForms, typoBudget, typoCount } from '../typo.js';
import type { TermAlternatives } from './sqlite-match.js';
import type { SqlParam, Statements } from './sqlite-statements.js';

/** Most typo corrections tried per query word (by fewest typos, then most frequent). */
export const MAX_TYPO_CANDIDATES = 30;
/** Most vocabulary completions tried for a prefix (by frequency). */
export const MAX_PREFIX_COMPLETIONS = 30;
/**
 * Shortest last word searched as a prefix: a one-letter prefix would pull in a large share of the
 * index (FTS5 has no prefix index for it; `prefix='2 3'` in the schema).
 */
export const MIN_PREFIX_LETTERS = 2;
/** Shortest word offered spellings for: two-letter words have too many neighbours to guess. */
export const MIN_SUGGESTION_LETTERS = 3;
/** Most spellings offered for one word. */
export const MAX_SPELLINGS = 3;

interface VocabRow {
  word: string;
  freq: number;
}

/** The character after `char` in code point order, i.e. SQLite's BINARY order on UTF-8. */
function nextCodePoint(char: string): string {
  return String.fromCodePoint(Math.min((char.codePointAt(0) ?? 0) + 1, 0x10ffff));
}

export class Vocabulary implements CandidateWords {
  constructor(private readonly statements: Statements) {}

  /** Words within the typo budget of `typed` (Meilisearch rules), excluding `typed` itself. */
  typoCandidates(typed: string): string[] {
    const letters = charLength(typed);
    const budget = typoBudget(letters);
    if (budget === 0) return [];
    const rows = [...this.sameFirstLetter(typed, letters, budget)];
    if (budget >= 2) rows.push(...this.firstLetterTypos(typed));
    const scored = new Map<string, { typos: number; freq: number }>();
    for (const { word, freq } of rows) {
      if (word === typed || scored.has(word)) continue;
      const typos = typoCount(typed, word, budget);
      if (typos <= budget) scored.set(word, { typos, freq });
    }
    return [...scored.entries()]
      .sort(([wordA, a], [wordB, b]) => a.typos - b.typos || b.freq - a.freq || (wordA < wordB ? -1 : 1))
      .slice(0, MAX_TYPO_CANDIDATES)
      .map(([word]) => word);
  }

  /**
   * "Did you mean" candidates for a word that found nothing: more lenient than search (one typo from
   * 3 letters, two from 5) and ranked by distance, then frequency. None for an indexed word.
   */
  spellings(typed: string): string[] {
    const letters = charLength(typed);
    if (letters < MIN_SUGGESTION_LETTERS) return [];
    if (this.statements.get('SELECT 1 FROM vocab WHERE word = ?', [typed])) return [];
    const budget = letters >= 5 ? 2 : 1;
    const rows = [...this.sameFirstLetter(typed, letters, budget), ...this.firstLetterTypos(typed)];
    const typedChars = [...typed];
    const scored = new Map<string, { distance: number; freq: number }>();
    for (const { word, freq } of rows) {
      // Short words ("in", "of") are near everything and never what a person meant.
      if (scored.has(word) || charLength(word) < MIN_SUGGESTION_LETTERS) continue;
      const distance = damerauLevenshtein(typedChars, [...word], budget);
      if (distance <= budget) scored.set(word, { distance, freq });
    }
    return [...scored.entries()]
      .sort(
        ([wordA, a], [wordB, b]) => a.distance - b.distance || b.freq - a.freq || (wordA < wordB ? -1 : 1),
      )
      .slice(0, MAX_SPELLINGS)
      .map(([word]) => word);
  }

  /** Vocabulary words starting with `prefix` (longer than it), most frequent first. */
  completions(prefix: string): string[] {
    if (charLength(prefix) < MIN_PREFIX_LETTERS) return [];
    const last = [...prefix].at(-1) ?? '';
    const upper = prefix.slice(0, prefix.length - last.length) + nextCodePoint(last);
    return this.statements
      .all<VocabRow>(
        'SELECT word, freq FROM vocab WHERE word > ? AND word < ? ORDER BY freq DESC, word LIMIT ?',
        [prefix, upper, MAX_PREFIX_COMPLETIONS],
      )
      .map((row) => row.word);
  }

  /** Same first letter, length within the budget: one range scan of (len, word) per length. */
  private sameFirstLetter(typed: string, letters: number, budget: number): VocabRow[] {
    const first = [...typed][0] ?? '';
    const lengths: SqlParam[] = [];
    for (let len = letters - budget; len <= letters + budget; len++) lengths.push(len);
    const placeholders = lengths.map(() => '?').join(', ');
    return this.statements.all<VocabRow>(
      `SELECT word, freq FROM vocab WHERE len IN (${placeholders}) AND word >= ? AND word < ?`,
      [...lengths, first, nextCodePoint(first)],
    );
  }

  /** A typo on the first letter, with the rest exact: four exact lookups. */
  private firstLetterTypos(typed: string): VocabRow[] {
    const forms = firstLetterTypoForms(typed);
    const byRest = 'SELECT word, freq FROM vocab WHERE rest = ?';
    const byWord = 'SELECT word, freq FROM vocab WHERE word = ?';
    return [
      ...this.statements.all<VocabRow>(byRest, [forms.substitutedRest]),
      ...this.statements.all<VocabRow>(byRest, [forms.inserted]),
      ...this.statements.all<VocabRow>(byWord, [forms.deleted]),
      ...(forms.transposed === null ? [] : this.statements.all<VocabRow>(byWord, [forms.transposed])),
    ];
  }
}

/** Where query expansion finds its candidate words: the vocab table, or its copy in memory. */
export interface CandidateWords {
  typoCandidates(typed: string): string[];
  completions(prefix: string): string[];
}

/** The alternatives of every query term, with and without typo corrections. */
export interface QueryExpansion {
  /** Prefix completions and typo corrections: what the search matches. */
  tolerant: TermAlternatives[];
  /** Prefix completions only: passages matching this rank before those that needed a typo. */
  exact: TermAlternatives[];
  /** Whether any typo correction was added (else `exact` selects the same passages). */
  hasTypos: boolean;
}

function expandTerm(
  vocabulary: CandidateWords,
  term: QueryTerm,
): { exact: TermAlternatives; typos: string[] } {
  const single = term.tokens.length === 1 ? term.tokens[0] : undefined;
  const last = term.tokens.at(-1) ?? '';
  const prefix = term.prefix && charLength(last) >= MIN_PREFIX_LETTERS;
  // FTS5 stems a prefix token before matching it, so `electio`* never reaches `elections` (indexed
  // as `elect`); completing the prefix from the surface-word vocabulary fills that gap.
  const completions = prefix && single !== undefined ? vocabulary.completions(single) : [];
  const typos = single === undefined ? [] : vocabulary.typoCandidates(single);
  return { exact: { prefix, words: completions }, typos };
}

/** Looks up the alternatives of each bare word in the query (phrases and negations get none). */
export function expandQuery(vocabulary: CandidateWords, parsed: ParsedQuery): QueryExpansion {
  const expanded = parsed.terms.map((term) => expandTerm(vocabulary, term));
  return {
    exact: expanded.map(({ exact }) => exact),
    tolerant: expanded.map(({ exact, typos }) => ({
      prefix: exact.prefix,
      words: [...exact.words, ...typos],
    })),
    hasTypos: expanded.some(({ typos }) => typos.length > 0),
  };
}
