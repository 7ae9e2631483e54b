/**
 * The part of an index file a reader keeps in memory, loaded once per file on the first search:
 * the vocabulary (for typo and prefix candidates and for marking matches), the stems, each
 * passage's article and length, and the article table. About 40 MB at a million passages; the
 * postings stay in the file and are read per search (a few recent ones are kept decoded).
 */
import { ArticleTable } from './sqlite-articles.js';
import { indexOfSorted, prefixRange } from './sqlite-collation.js';
import { uint16FromBlob, uint32FromBlob } from './sqlite-growable.js';
import { decodeRows, type Postings } from './sqlite-postings.js';
import { RecentMap } from './sqlite-recent.js';
import { PASSAGE_KEY_BITS } from './sqlite-schema.js';
import type { Statements } from './sqlite-statements.js';

const KEY_SPAN = 2 ** PASSAGE_KEY_BITS;

/** Decoded postings kept for reuse, counted in passages (about 5 bytes each). */
const CACHED_POSTINGS = 4_000_000;
/** Words whose typo candidates and prefix completions are kept. */
const KEPT_EXPANSIONS = 4096;

export class IndexMemory {
  /** Surface words in BINARY order, their passage counts and stem ids. */
  readonly words: string[];
  readonly wordFreq: Uint32Array;
  readonly wordStem: Uint32Array;
  /** The words of each stem: `stemWords.subarray(stemWordStart[sid], stemWordStart[sid + 1])`. */
  readonly stemWordStart: Uint32Array;
  readonly stemWords: Uint32Array;
  /** Stems in BINARY order (the sid is the index) and the passages holding each. */
  readonly stems: string[];
  readonly stemDf: Uint32Array;
  /** Per passage ordinal: its article and its length in tokens. */
  readonly passageArticle: Uint32Array;
  readonly passageLength: Uint16Array;
  /** Per aid: the ordinal of its first passage (`firstPassage[aid + 1]` ends it). */
  readonly firstPassage: Uint32Array;
  readonly averageLength: number;
  readonly articles: ArticleTable;
  /**
   * Typo candidates (`t:word`) and completions (`c:prefix`) already worked out: the vocabulary of
   * an index file never changes, and the same words come back (paging, refining, typing ahead).
   */
  readonly expansions = new RecentMap<string, string[]>(KEPT_EXPANSIONS);
  private readonly cache = new Map<number, Postings>();
  private cached = 0;

  constructor(private readonly statements: Statements) {
    const blob = (name: string) =>
      statements.get<{ data: Buffer }>('SELECT data FROM index_arrays WHERE name = ?', [name])?.data ??
      Buffer.alloc(0);
    const lines = (name: string) => {
      const text = blob(name).toString('utf8');
      return text === '' ? [] : text.split('\n');
    };
    this.words = lines('words');
    this.wordFreq = uint32FromBlob(blob('word_freq'));
    this.wordStem = uint32FromBlob(blob('word_stem'));
    this.stems = lines('stems');
    this.stemDf = uint32FromBlob(blob('stem_df'));
    this.stemWordStart = new Uint32Array(this.stems.length + 1);
    for (const sid of this.wordStem) this.stemWordStart[sid + 1] = (this.stemWordStart[sid + 1] ?? 0) + 1;
    for (let sid = 1; sid < this.stemWordStart.length; sid++)
      this.stemWordStart[sid] = (this.stemWordStart[sid] ?? 0) + (this.stemWordStart[sid - 1] ?? 0);
    this.stemWords = new Uint32Array(this.words.length);
    const filled = this.stemWordStart.slice(0, this.stems.length);
    this.wordStem.forEach((sid, word) => {
      const at = filled[sid] ?? 0;
      this.stemWords[at] = word;
      filled[sid] = at + 1;
    });
    this.passageArticle = uint32FromBlob(blob('passage_articles'));
    this.passageLength = uint16FromBlob(blob('passage_lengths'));
    this.articles = ArticleTable.load(statements);
    this.firstPassage = new Uint32Array(this.articles.maxAid + 2);
    for (const aid of this.passageArticle) this.firstPassage[aid + 1] = (this.firstPassage[aid + 1] ?? 0) + 1;
    for (let aid = 1; aid < this.firstPassage.length; aid++)
      this.firstPassage[aid] = (this.firstPassage[aid] ?? 0) + (this.firstPassage[aid - 1] ?? 0);
    const tokens = Number(
      statements.get<{ value: string }>("SELECT value FROM meta WHERE key = 'passageTokens'")?.value ?? 0,
    );
    this.averageLength = this.passageCount > 0 ? tokens / this.passageCount : 0;
  }

  get passageCount(): number {
    return this.passageLength.length;
  }

  /** The index of an indexed surface word, or -1. */
  wordId(word: string): number {
    return indexOfSorted(this.words, word);
  }

  /** The stem id of an indexed surface word, or -1. */
  stemOfWord(word: string): number {
    const index = this.wordId(word);
    return index < 0 ? -1 : (this.wordStem[index] ?? -1);
  }

  /** The surface words indexed as stem `sid`. */
  wordsOfStem(sid: number): string[] {
    const words: string[] = [];
    const end = this.stemWordStart[sid + 1] ?? 0;
    for (let at = this.stemWordStart[sid] ?? 0; at < end; at++)
      words.push(this.words[this.stemWords[at] ?? 0] ?? '');
    return words;
  }

  /** The id of a stem, or -1 when no passage holds it. */
  stemId(stem: string): number {
    return indexOfSorted(this.stems, stem);
  }

  /** Stem ids `[first, end)` of every stem starting with `prefix` (what FTS5's `"prefix"*` matches). */
  stemRange(prefix: string): [number, number] {
    return prefixRange(this.stems, prefix);
  }

  /** The `pid` (FTS5 rowid) of a passage ordinal, and back. */
  passageKey(ordinal: number): number {
    const aid = this.passageArticle[ordinal] ?? 0;
    return aid * KEY_SPAN + (ordinal - (this.firstPassage[aid] ?? 0));
  }

  ordinalOfKey(pid: number): number {
    const aid = Math.floor(pid / KEY_SPAN);
    return (this.firstPassage[aid] ?? 0) + (pid - aid * KEY_SPAN);
  }

  /** Postings of the given stems (any order), reading each run of consecutive ids with one statement. */
  postings(sids: readonly number[]): Postings[] {
    const found: Postings[] = [];
    const missing: number[] = [];
    for (const sid of sids) {
      const hit = this.cache.get(sid);
      if (hit) {
        // Map order is the eviction order: a hit moves to the back.
        this.cache.delete(sid);
        this.cache.set(sid, hit);
        found.push(hit);
      } else if ((this.stemDf[sid] ?? 0) > 0) missing.push(sid);
    }
    missing.sort((a, b) => a - b);
    const wanted = new Set(missing);
    for (let i = 0; i < missing.length;) {
      let j = i + 1;
      while (j < missing.length && (missing[j] ?? 0) - (missing[j - 1] ?? 0) <= 8) j++;
      const first = missing[i] ?? 0;
      const last = missing[j - 1] ?? 0;
      for (const row of this.statements.all<{ sid: number; rows: Buffer; counts: Buffer }>(
        'SELECT sid, rows, counts FROM postings WHERE sid BETWEEN ? AND ?',
        [first, last],
      )) {
        if (!wanted.delete(row.sid)) continue;
        const postings = {
          rows: decodeRows(row.rows, row.counts.length),
          counts: new Uint8Array(row.counts),
        };
        found.push(postings);
        this.remember(row.sid, postings);
      }
      i = j;
    }
    return found;
  }

  /** Keeps recently read postings, dropping the oldest beyond the budget. */
  private remember(sid: number, postings: Postings): void {
    if (postings.rows.length > CACHED_POSTINGS / 4) return;
    this.cache.set(sid, postings);
    this.cached += postings.rows.length;
    for (const [oldest, entry] of this.cache) {
      if (this.cached <= CACHED_POSTINGS) break;
      this.cache.delete(oldest);
      this.cached -= entry.rows.length;
    }
  }
}
