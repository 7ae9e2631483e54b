/**
 * The term index, written beside FTS5 by a build: for every term FTS5 stores (a stem), the
 * passages holding it and how often, plus each passage's length in tokens. Searches match single
 * words on it and rank with bm25 in memory (sqlite-evaluate.ts), because FTS5 computes bm25 one row
 * at a time with a lookup per row, which at a million passages costs far more than the match itself.
 * FTS5 still answers phrases, which need token positions.
 *
 * Passages are numbered by ordinal (0, 1, … in insertion order, i.e. in `pid` order); words and
 * stems by their rank in SQLite's BINARY order, so a prefix of a stem is a range of stem ids.
 */
import { charLength, tokenize } from '../text.js';
import { compareBinary } from './sqlite-collation.js';
import { toBlob, uint16List, uint32List, uint8List } from './sqlite-growable.js';
import { encodeRowsInto, MAX_COUNT, maxEncodedLength } from './sqlite-postings.js';
import type { Statements } from './sqlite-statements.js';

/** Tables of the term index, created with the others when a build starts. */
export const TERM_INDEX_DDL = `
-- The passages holding a stem (sid: the stem's rank in BINARY order among all FTS5 terms):
-- ordinals as varint gaps, and one count byte per passage (sqlite-postings.ts).
CREATE TABLE postings (sid INTEGER PRIMARY KEY, rows BLOB NOT NULL, counts BLOB NOT NULL);
-- What the reader keeps in memory, as blobs it loads at once (uint32/uint16 little-endian, text
-- as UTF-8 lines): stems (by sid) and stem_df; words (the vocab in BINARY order), word_freq,
-- word_stem (its sid); passage_lengths (tokens) and passage_articles (aid), by passage ordinal.
CREATE TABLE index_arrays (name TEXT PRIMARY KEY, data BLOB NOT NULL);
`;

/** Longest passage length kept exactly (bm25 barely moves beyond). */
const MAX_LENGTH = 0xffff;

/**
 * The term index of a build, ready to write (`writeTermIndex`): plain arrays and typed arrays, so
 * that it crosses from a worker thread cheaply.
 */
export interface TermIndexRows {
  /** Tokens in all passages (for bm25's average length). */
  tokens: number;
  /** The vocabulary in BINARY order, with the passages holding each word and its stem's sid. */
  words: string[];
  wordFreq: Uint32Array;
  wordStem: Uint32Array;
  /** FTS5 terms in BINARY order (a term's sid is its position). */
  stems: string[];
  /** Passages holding each stem. */
  stemDf: Uint32Array;
  /** Postings of stem `sid`: `rowBytes` from `rowStarts[sid]` to `rowStarts[sid + 1]` (encodeRows). */
  rowBytes: Uint8Array;
  rowStarts: Uint32Array;
  /** Count bytes of every posting, stem after stem; stem `sid` has `stemDf[sid]` of them. */
  counts: Uint8Array;
  passageLengths: Uint16Array;
  passageArticles: Uint32Array;
}

/** Writes vocab, postings and the arrays the reader loads (sqlite-memory.ts). */
export function writeTermIndex(statements: Statements, rows: TermIndexRows): void {
  rows.words.forEach((word, i) => {
    statements.run('INSERT INTO vocab (word, len, rest, freq, stem) VALUES (?, ?, ?, ?, ?)', [
      word,
      charLength(word),
      word.slice([...word][0]?.length ?? 0),
      rows.wordFreq[i] ?? 0,
      rows.wordStem[i] ?? 0,
    ]);
  });
  let countsFrom = 0;
  rows.stems.forEach((_stem, sid) => {
    const rowsFrom = rows.rowStarts[sid] ?? 0;
    const df = rows.stemDf[sid] ?? 0;
    statements.run('INSERT INTO postings (sid, rows, counts) VALUES (?, ?, ?)', [
      sid,
      bytesOf(rows.rowBytes, rowsFrom, (rows.rowStarts[sid + 1] ?? 0) - rowsFrom),
      bytesOf(rows.counts, countsFrom, df),
    ]);
    countsFrom += df;
  });
  const arrays: [string, Buffer][] = [
    ['stems', Buffer.from(rows.stems.join('\n'))],
    ['stem_df', toBlob(rows.stemDf)],
    ['words', Buffer.from(rows.words.join('\n'))],
    ['word_freq', toBlob(rows.wordFreq)],
    ['word_stem', toBlob(rows.wordStem)],
    ['passage_lengths', toBlob(rows.passageLengths)],
    ['passage_articles', toBlob(rows.passageArticles)],
  ];
  for (const [name, data] of arrays)
    statements.run('INSERT INTO index_arrays (name, data) VALUES (?, ?)', [name, data]);
}

/** A Buffer over part of `bytes`, without copying (better-sqlite3 binds Buffers as blobs). */
function bytesOf(bytes: Uint8Array, from: number, length: number): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, length);
}

/** Collects the words of every passage while a build adds them; `finish` turns them into the term index. */
export class TermIndexBuilder {
  private readonly wordIds = new Map<string, number>();
  private readonly words: string[] = [];
  /** Passages holding each word (the vocabulary's `freq`). */
  private readonly wordPassages = uint32List();
  /** Scratch per word id: 1 + the last passage it was seen in, and its count there. */
  private lastPassage = new Uint32Array(1 << 16);
  private countHere = new Uint32Array(1 << 16);
  /** The distinct word ids of the passage being added. */
  private distinct = new Uint32Array(1 << 12);
  /** (word, count) pairs of every passage, one passage after another. */
  private readonly pairWords = uint32List();
  private readonly pairCounts = uint8List();
  private readonly passageEnds = uint32List();
  private readonly lengths = uint16List();
  private readonly articles = uint32List();
  private tokens = 0;

  get passages(): number {
    return this.lengths.length;
  }

  /** Adds the next passage (ordinal = passages so far) of article `aid`. */
  addPassage(aid: number, text: string): void {
    const passage = this.lengths.length + 1;
    const tokens = tokenize(text);
    if (tokens.length > this.distinct.length) this.distinct = new Uint32Array(tokens.length * 2);
    const { distinct } = this;
    let count = 0;
    for (const token of tokens) {
      let id = this.wordIds.get(token);
      if (id === undefined) id = this.newWord(token);
      if (this.lastPassage[id] !== passage) {
        this.lastPassage[id] = passage;
        this.countHere[id] = 1;
        distinct[count++] = id;
      } else {
        this.countHere[id] = (this.countHere[id] ?? 0) + 1;
      }
    }
    for (let i = 0; i < count; i++) {
      const id = distinct[i] ?? 0;
      this.pairWords.push(id);
      this.pairCounts.push(Math.min(MAX_COUNT, this.countHere[id] ?? 0));
      this.wordPassages.set(id, this.wordPassages.get(id) + 1);
    }
    this.passageEnds.push(this.pairWords.length);
    this.lengths.push(Math.min(MAX_LENGTH, tokens.length));
    this.articles.push(aid);
    this.tokens += tokens.length;
  }

  private newWord(token: string): number {
    const id = this.words.length;
    this.words.push(token);
    this.wordIds.set(token, id);
    this.wordPassages.push(0);
    if (id >= this.lastPassage.length) {
      const grow = (old: Uint32Array) => {
        const bigger = new Uint32Array(old.length * 2);
        bigger.set(old);
        return bigger;
      };
      this.lastPassage = grow(this.lastPassage);
      this.countHere = grow(this.countHere);
    }
    return id;
  }

  /**
   * Everything the term index holds, worked out without a database: `stem` gives the FTS5 term of
   * each word (sqlite-stemmer.ts). Pure, so that a worker thread can do it (sqlite-term-feed.ts).
   */
  finish(stem: (words: readonly string[]) => string[]): TermIndexRows {
    const stemOfWord = stem(this.words);
    const stems = [...new Set(stemOfWord)].sort(compareBinary);
    const sidOf = new Map(stems.map((term, sid) => [term, sid]));
    const wordStem = Uint32Array.from(stemOfWord, (term) => sidOf.get(term) ?? 0);
    const order = Array.from(this.words.keys()).sort((a, b) =>
      compareBinary(this.words[a] ?? '', this.words[b] ?? ''),
    );
    return {
      tokens: this.tokens,
      words: order.map((id) => this.words[id] ?? ''),
      wordFreq: Uint32Array.from(order, (id) => this.wordPassages.get(id)),
      wordStem: Uint32Array.from(order, (id) => wordStem[id] ?? 0),
      stems,
      ...this.postings(stems.length, wordStem),
      passageLengths: this.lengths.view().slice(),
      passageArticles: this.articles.view().slice(),
    };
  }

  /**
   * Two passes over the pairs: count each stem's passages, then fill them in. Words of one stem in
   * one passage (`campaign`, `campaigns`) add up to one posting, as FTS5 counts them.
   */
  private postings(
    stemCount: number,
    wordStem: Uint32Array,
  ): Pick<TermIndexRows, 'stemDf' | 'rowBytes' | 'rowStarts' | 'counts'> {
    const last = new Int32Array(stemCount).fill(-1);
    const df = new Uint32Array(stemCount);
    const pairs = this.pairWords.view();
    const ends = this.passageEnds.view();
    this.eachPosting(pairs, ends, wordStem, last, (sid, _passage, _pair, merged) => {
      if (!merged) df[sid] = (df[sid] ?? 0) + 1;
    });
    const starts = new Uint32Array(stemCount + 1);
    for (let sid = 0; sid < stemCount; sid++) starts[sid + 1] = (starts[sid] ?? 0) + (df[sid] ?? 0);
    const rows = new Uint32Array(starts[stemCount] ?? 0);
    const counts = new Uint8Array(rows.length);
    const filled = starts.slice(0, stemCount);
    const pairCounts = this.pairCounts.view();
    last.fill(-1);
    this.eachPosting(pairs, ends, wordStem, last, (sid, passage, pair, merged) => {
      const count = pairCounts[pair] ?? 0;
      if (merged) {
        const at = (filled[sid] ?? 1) - 1;
        counts[at] = Math.min(MAX_COUNT, (counts[at] ?? 0) + count);
        return;
      }
      const at = filled[sid] ?? 0;
      rows[at] = passage;
      counts[at] = count;
      filled[sid] = at + 1;
    });
    const rowBytes = new Uint8Array(maxEncodedLength(rows.length));
    const rowStarts = new Uint32Array(stemCount + 1);
    for (let sid = 0; sid < stemCount; sid++) {
      const run = rows.subarray(starts[sid] ?? 0, starts[sid + 1] ?? 0);
      rowStarts[sid + 1] = encodeRowsInto(run, rowBytes, rowStarts[sid] ?? 0);
    }
    return { stemDf: df, rowBytes: rowBytes.slice(0, rowStarts[stemCount] ?? 0), rowStarts, counts };
  }

  /** Calls `visit` for each (stem, passage) pair; `merged` when the stem was already seen in that passage. */
  private eachPosting(
    pairs: Uint32Array,
    ends: Uint32Array,
    wordStem: Uint32Array,
    last: Int32Array,
    visit: (sid: number, passage: number, pair: number, merged: boolean) => void,
  ): void {
    let pair = 0;
    for (let passage = 0; passage < ends.length; passage++) {
      const end = ends[passage] ?? 0;
      for (; pair < end; pair++) {
        const sid = wordStem[pairs[pair] ?? 0] ?? 0;
        const merged = last[sid] === passage;
        last[sid] = passage;
        visit(sid, passage, pair, merged);
      }
    }
  }
}
