/**
 * Typo and prefix candidates from the vocabulary in memory: the same words, in the same order, as
 * `Vocabulary` (sqlite-vocab.ts) finds with SQL, without reading every word of the same first
 * letter and length. The sorted word list is walked as a trie, keeping one row of the edit-distance
 * table per prefix and leaving a branch as soon as every entry of the row is over the budget.
 */
import { charLength } from '../text.js';
import { firstLetterTypoForms, typoBudget, typoCount } from '../typo.js';
import { prefixRange } from './sqlite-collation.js';
import type { IndexMemory } from './sqlite-memory.js';
import type { Statements } from './sqlite-statements.js';
import {
  MAX_PREFIX_COMPLETIONS,
  MAX_TYPO_CANDIDATES,
  MIN_PREFIX_LETTERS,
  type CandidateWords,
} from './sqlite-vocab.js';

export class MemoryVocabulary implements CandidateWords {
  constructor(
    private readonly memory: IndexMemory,
    private readonly statements: Statements,
  ) {}

  typoCandidates(typed: string): string[] {
    return this.memory.expansions.get(`t:${typed}`, () => this.findTypoCandidates(typed));
  }

  completions(prefix: string): string[] {
    return this.memory.expansions.get(`c:${prefix}`, () => this.findCompletions(prefix));
  }

  private findTypoCandidates(typed: string): string[] {
    const budget = typoBudget(charLength(typed));
    if (budget === 0) return [];
    const found = new Set(this.sameFirstLetter(typed, budget));
    if (budget >= 2) for (const index of this.firstLetterTypos(typed)) found.add(index);
    const { words, wordFreq } = this.memory;
    const scored: { word: string; typos: number; freq: number }[] = [];
    for (const index of found) {
      const word = words[index] ?? '';
      if (word === typed) continue;
      const typos = typoCount(typed, word, budget);
      if (typos <= budget) scored.push({ word, typos, freq: wordFreq[index] ?? 0 });
    }
    return scored
      .sort((a, b) => a.typos - b.typos || b.freq - a.freq || (a.word < b.word ? -1 : 1))
      .slice(0, MAX_TYPO_CANDIDATES)
      .map(({ word }) => word);
  }

  private findCompletions(prefix: string): string[] {
    if (charLength(prefix) < MIN_PREFIX_LETTERS) return [];
    const { words, wordFreq } = this.memory;
    const [first, end] = prefixRange(words, prefix);
    // The most frequent, ties in word order (the list is in BINARY order, as ORDER BY word was).
    const best: number[] = [];
    const better = (a: number, b: number) =>
      (wordFreq[a] ?? 0) > (wordFreq[b] ?? 0) || (wordFreq[a] === wordFreq[b] && a < b);
    for (let index = first; index < end; index++) {
      if (words[index] === prefix) continue;
      if (best.length === MAX_PREFIX_COMPLETIONS && !better(index, best.at(-1) ?? 0)) continue;
      let at = best.length;
      while (at > 0 && better(index, best[at - 1] ?? 0)) at--;
      best.splice(at, 0, index);
      if (best.length > MAX_PREFIX_COMPLETIONS) best.pop();
    }
    return best.map((index) => words[index] ?? '');
  }

  /** Indexes of the words with the same first letter within `budget` typos of the rest. */
  private sameFirstLetter(typed: string, budget: number): number[] {
    const [first = '', ...others] = [...typed];
    const walk = new TrieWalk(
      this.memory.words,
      others.map((char) => char.codePointAt(0) ?? 0),
      budget,
    );
    const [start, end] = prefixRange(this.memory.words, first);
    walk.visit(start, end, first.length, 0);
    return walk.found;
  }

  /** A typo on the first letter with the rest exact (two typos, so from 9 letters only). */
  private firstLetterTypos(typed: string): number[] {
    const forms = firstLetterTypoForms(typed);
    const { memory } = this;
    const byRest = (rest: string) =>
      this.statements
        .all<{ word: string }>('SELECT word FROM vocab WHERE rest = ?', [rest])
        .map((row) => memory.wordId(row.word));
    return [
      ...byRest(forms.substitutedRest),
      ...byRest(forms.inserted),
      memory.wordId(forms.deleted),
      forms.transposed === null ? -1 : memory.wordId(forms.transposed),
    ].filter((index) => index >= 0);
  }
}

/**
 * A walk of the sorted word list as a trie. A node is a range of words sharing their first `depth`
 * UTF-16 units; its children are the runs of equal code points at `depth`, found by halving the
 * range (the list is in code point order). `rows` holds one row of the distance table per level
 * (code points after the first letter), so nothing is allocated per node.
 */
class TrieWalk {
  readonly found: number[] = [];
  private readonly width: number;
  private readonly rows: Int32Array;
  /** The code point taken at each level, for the transposition step. */
  private readonly chars: Int32Array;

  constructor(
    private readonly words: readonly string[],
    private readonly rest: readonly number[],
    private readonly budget: number,
  ) {
    this.width = rest.length + 1;
    const levels = rest.length + budget + 2;
    this.rows = new Int32Array(levels * this.width);
    this.chars = new Int32Array(levels);
    for (let i = 0; i < this.width; i++) this.rows[i] = i;
  }

  visit(start: number, end: number, depth: number, level: number): void {
    const { words, width, rows, rest, budget } = this;
    let at = start;
    if ((words[at]?.length ?? 0) === depth) {
      if ((rows[level * width + rest.length] ?? budget + 1) <= budget) this.found.push(at);
      at++;
    }
    const next = (level + 1) * width;
    if (next + width > rows.length) return;
    while (at < end) {
      const codePoint = words[at]?.codePointAt(depth) ?? 0;
      const childEnd = this.runEnd(at, end, depth, codePoint);
      if (this.row(level, codePoint) <= budget)
        this.visit(at, childEnd, depth + (codePoint > 0xffff ? 2 : 1), level + 1);
      at = childEnd;
    }
  }

  /** The end of the run of words from `at` with `codePoint` at `depth`: galloping, then halving. */
  private runEnd(at: number, end: number, depth: number, codePoint: number): number {
    const { words } = this;
    let low = at;
    let step = 1;
    while (at + step < end && (words[at + step]?.codePointAt(depth) ?? 0) <= codePoint) {
      low = at + step;
      step *= 2;
    }
    let high = at + step < end ? at + step : end;
    while (low + 1 < high) {
      const middle = (low + high) >>> 1;
      if ((words[middle]?.codePointAt(depth) ?? 0) <= codePoint) low = middle;
      else high = middle;
    }
    return high;
  }

  /** Fills the row of level + 1 for `codePoint`; returns its smallest entry. */
  private row(level: number, codePoint: number): number {
    const { width, rows, rest, chars } = this;
    const previous = level * width;
    const next = previous + width;
    const beforePrevious = previous - width;
    const previousChar = level > 0 ? (chars[level] ?? -1) : -1;
    chars[level + 1] = codePoint;
    let smallest = level + 1;
    rows[next] = level + 1;
    for (let i = 1; i < width; i++) {
      const char = rest[i - 1] ?? -1;
      let value = Math.min(
        (rows[previous + i] ?? 0) + 1,
        (rows[next + i - 1] ?? 0) + 1,
        (rows[previous + i - 1] ?? 0) + (char === codePoint ? 0 : 1),
      );
      if (level > 0 && i > 1 && char === previousChar && rest[i - 2] === codePoint)
        value = Math.min(value, (rows[beforePrevious + i - 2] ?? 0) + 1);
      rows[next + i] = value;
      if (value < smallest) smallest = value;
    }
    return smallest;
  }
}
