/**
 * A parsed query as the term index reads it: each word, phrase and exclusion becomes the stem ids
 * it matches, by the rules FTS5 applies to the expression `toFtsMatch` builds (sqlite-match.ts):
 * a word matches its own stem, the stems of its typo corrections and prefix completions, and, when
 * it is a prefix, every stem starting with its own stem; phrases of several words go to FTS5.
 */
import type { ParsedQuery } from '../query.js';
import { ftsString } from './sqlite-match.js';
import type { IndexMemory } from './sqlite-memory.js';
import { MemoryVocabulary } from './sqlite-memory-vocab.js';
import type { Statements } from './sqlite-statements.js';
import type { Stemmer } from './sqlite-stemmer.js';
import { expandQuery, type QueryExpansion } from './sqlite-vocab.js';

/** An open index file: SQL for what stays on disk, memory for the rest (see sqlite-memory.ts). */
export interface OpenIndex {
  statements: Statements;
  memory: IndexMemory;
  stemmer: Stemmer;
}

/**
 * One phrase of the FTS5 expression (`"tokens"` or `"tokens"*`) as stem ids: what snippets count
 * and mark, one by one, as FTS5's `snippet()` does. A word with completions and corrections is a
 * phrase per alternative: `("camp" OR "camp"* OR "campaign" …)`.
 */
export interface PhrasePattern {
  /** Stem id of each token but a prefix last one (-1: not in the index). */
  stems: readonly number[];
  /** When the last token is a prefix: its stem ids `[first, end)`; it is then not in `stems`. */
  lastRange: readonly [number, number] | null;
}

/** A single word: the stems that satisfy it without a typo, and those it reaches only by one. */
export interface WordElement {
  kind: 'word';
  patterns: readonly PhrasePattern[];
  exact: readonly number[];
  /** Stem ids `[first, end)` of a prefix, also exact (held apart: it can be thousands of stems). */
  range: readonly [number, number] | null;
  typos: readonly number[];
}

/** Several tokens in a row (a quoted phrase, or a word with inner punctuation such as `U.S.`). */
export interface PhraseElement {
  kind: 'phrase';
  patterns: readonly PhrasePattern[];
  /** The MATCH expression for FTS5, built by the one escaping function. */
  expression: string;
  /** Stem id of each token but a prefix last one (-1: not in the index). */
  stems: readonly number[];
  /** When the last token is a prefix: its stem ids `[first, end)`; it is then not in `stems`. */
  lastRange: readonly [number, number] | null;
}

export type PlanElement = WordElement | PhraseElement;

export interface QueryPlan {
  required: PlanElement[];
  excluded: PlanElement[];
}

/** Stems the query's tokens: from the vocabulary when indexed, else through FTS5's stemmer. */
function stemsOf(index: OpenIndex, tokens: readonly string[]): Map<string, string> {
  const { memory } = index;
  const stems = new Map<string, string>();
  const unknown: string[] = [];
  for (const token of new Set(tokens)) {
    const sid = memory.stemOfWord(token);
    if (sid >= 0) stems.set(token, memory.stems[sid] ?? token);
    else unknown.push(token);
  }
  index.stemmer.stem(unknown).forEach((stem, i) => stems.set(unknown[i] ?? '', stem));
  return stems;
}

function allTokens(parsed: ParsedQuery, expansion: QueryExpansion): string[] {
  return [
    ...parsed.terms.flatMap((term) => term.tokens),
    ...parsed.phrases.flat(),
    ...parsed.excludedTerms.flat(),
    ...parsed.excludedPhrases.flat(),
    ...expansion.tolerant.flatMap((alternatives) => alternatives.words),
  ];
}

function phraseElement(
  memory: IndexMemory,
  stems: ReadonlyMap<string, string>,
  tokens: readonly string[],
  prefix: boolean,
): PhraseElement {
  const sid = (token: string) => memory.stemId(stems.get(token) ?? token);
  const exact = prefix ? tokens.slice(0, -1) : tokens;
  const last = tokens.at(-1) ?? '';
  const pattern = {
    stems: exact.map(sid),
    lastRange: prefix ? memory.stemRange(stems.get(last) ?? last) : null,
  };
  return {
    kind: 'phrase',
    // A prefix term is `("o brien" OR "o brien"*)` in FTS5's expression: two phrases, one match set.
    patterns: prefix ? [{ stems: tokens.map(sid), lastRange: null }, pattern] : [pattern],
    expression: prefix ? `${ftsString(tokens)}*` : ftsString(tokens),
    ...pattern,
  };
}

/** An element for a token sequence that must match exactly (a phrase, an exclusion). */
function exactElement(memory: IndexMemory, stems: ReadonlyMap<string, string>, tokens: readonly string[]) {
  if (tokens.length > 1) return phraseElement(memory, stems, tokens, false);
  const sid = memory.stemId(stems.get(tokens[0] ?? '') ?? '');
  const element: WordElement = {
    kind: 'word',
    patterns: [{ stems: [sid], lastRange: null }],
    exact: sid >= 0 ? [sid] : [],
    range: null,
    typos: [],
  };
  return element;
}

/** The plan for a query that has something to match (not only negations, nor nothing). */
export function planQuery(index: OpenIndex, parsed: ParsedQuery): QueryPlan {
  const { memory } = index;
  const expansion = expandQuery(new MemoryVocabulary(memory, index.statements), parsed);
  const stems = stemsOf(index, allTokens(parsed, expansion));
  const sidOf = (word: string) => memory.stemId(stems.get(word) ?? word);
  const terms = parsed.terms
    .map((term, i) => ({ term, tolerant: expansion.tolerant[i], exact: expansion.exact[i] }))
    .filter(({ term }) => term.tokens.length > 0)
    .map(({ term, tolerant, exact }): PlanElement => {
      const prefix = tolerant?.prefix ?? false;
      if (term.tokens.length > 1) return phraseElement(memory, stems, term.tokens, prefix);
      const token = term.tokens[0] ?? '';
      const range = prefix ? memory.stemRange(stems.get(token) ?? token) : null;
      const inRange = (sid: number) => range !== null && sid >= range[0] && sid < range[1];
      const exactSids = new Set([token, ...(exact?.words ?? [])].map(sidOf).filter((sid) => sid >= 0));
      const typos = new Set(
        (tolerant?.words ?? []).map(sidOf).filter((sid) => sid >= 0 && !exactSids.has(sid) && !inRange(sid)),
      );
      // The phrases of termExpression (sqlite-match.ts), in its order: the word, its prefix, each alternative.
      const alternatives = [...new Set((tolerant?.words ?? []).filter((word) => word !== token))];
      const patterns: PhrasePattern[] = [
        { stems: [sidOf(token)], lastRange: null },
        ...(range ? [{ stems: [], lastRange: range }] : []),
        ...alternatives.map((word) => ({ stems: [sidOf(word)], lastRange: null })),
      ];
      return {
        kind: 'word',
        patterns,
        exact: [...exactSids].filter((sid) => !inRange(sid)),
        range,
        typos: [...typos],
      };
    });
  return {
    required: [
      ...terms,
      ...parsed.phrases.filter((p) => p.length > 0).map((p) => exactElement(memory, stems, p)),
    ],
    excluded: [...parsed.excludedTerms, ...parsed.excludedPhrases]
      .filter((tokens) => tokens.length > 0)
      .map((tokens) => exactElement(memory, stems, tokens)),
  };
}
