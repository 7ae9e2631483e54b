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
import type Database from 'better-sqlite3';
import { charLength, tokenize } from '../text.js';
import { compareBinary } from './sqlite-collation.js';
import { toBlob, uint16List, uint32List, uint8List } from './sqlite-growable.js';
import { encodeRows, MAX_COUNT } from './sqlite-postings.js';
import type { Statements } from './sqlite-statements.js';
import { Stemmer } from './sqlite-stemmer.js';

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

/** Collects the words of every passage while a build adds them; writes the term index on commit. */
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

  /** Writes vocab, stems, postings and the passage arrays; returns the total token count. */
  write(db: Database.Database, statements: Statements): number {
    const stemOfWord = new Stemmer(db).stem(this.words);
    const stems = [...new Set(stemOfWord)].sort(compareBinary);
    const sidOf = new Map(stems.map((stem, sid) => [stem, sid]));
    const wordStem = Uint32Array.from(stemOfWord, (stem) => sidOf.get(stem) ?? 0);
    const order = this.writeVocabulary(statements, wordStem);
    const df = this.writePostings(statements, stems, wordStem);
    const arrays: [string, Buffer][] = [
      ['stems', Buffer.from(stems.join('\n'))],
      ['stem_df', toBlob(df)],
      ['words', Buffer.from(order.map((id) => this.words[id] ?? '').join('\n'))],
      ['word_freq', toBlob(Uint32Array.from(order, (id) => this.wordPassages.get(id)))],
      ['word_stem', toBlob(Uint32Array.from(order, (id) => wordStem[id] ?? 0))],
      ['passage_lengths', toBlob(this.lengths.view())],
      ['passage_articles', toBlob(this.articles.view())],
    ];
    for (const [name, data] of arrays)
      statements.run('INSERT INTO index_arrays (name, data) VALUES (?, ?)', [name, data]);
    return this.tokens;
  }

  /** Writes the vocab table; returns the word ids in BINARY order. */
  private writeVocabulary(statements: Statements, wordStem: Uint32Array): number[] {
    const order = Array.from(this.words.keys()).sort((a, b) =>
      compareBinary(this.words[a] ?? '', this.words[b] ?? ''),
    );
    for (const id of order) {
      const word = this.words[id] ?? '';
      statements.run('INSERT INTO vocab (word, len, rest, freq, stem) VALUES (?, ?, ?, ?, ?)', [
        word,
        charLength(word),
        word.slice([...word][0]?.length ?? 0),
        this.wordPassages.get(id),
        wordStem[id] ?? 0,
      ]);
    }
    return order;
  }

  /**
   * Two passes over the pairs: count each stem's passages, then fill them in. Words of one stem in
   * one passage (`campaign`, `campaigns`) add up to one posting, as FTS5 counts them.
   */
  private writePostings(
    statements: Statements,
    stems: readonly string[],
    wordStem: Uint32Array,
  ): Uint32Array {
    const last = new Int32Array(stems.length).fill(-1);
    const df = new Uint32Array(stems.length);
    const pairs = this.pairWords.view();
    const ends = this.passageEnds.view();
    this.eachPosting(pairs, ends, wordStem, last, (sid, _passage, _pair, merged) => {
      if (!merged) df[sid] = (df[sid] ?? 0) + 1;
    });
    const starts = new Uint32Array(stems.length + 1);
    for (let sid = 0; sid < stems.length; sid++) starts[sid + 1] = (starts[sid] ?? 0) + (df[sid] ?? 0);
    const rows = new Uint32Array(starts[stems.length] ?? 0);
    const counts = new Uint8Array(rows.length);
    const filled = starts.slice(0, stems.length);
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
    stems.forEach((_stem, sid) => {
      const from = starts[sid] ?? 0;
      const to = starts[sid + 1] ?? 0;
      statements.run('INSERT INTO postings (sid, rows, counts) VALUES (?, ?, ?)', [
        sid,
        encodeRows(rows.subarray(from, to)),
        Buffer.from(counts.buffer, counts.byteOffset + from, to - from),
      ]);
    });
    return df;
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
