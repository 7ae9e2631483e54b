/**
 * FTS5's own stemmer, borrowed through a scratch table: words go into a contentless FTS5 table in
 * the connection's temp schema (writable even on a read-only connection) with the index's tokenizer,
 * and `fts5vocab` reads back the terms FTS5 stored. The term index (sqlite-term-index.ts) and query
 * words are stemmed exactly as FTS5 stems them, with no second Porter implementation to drift apart.
 * https://sqlite.org/fts5.html#the_fts5vocab_virtual_table_module
 */
import type Database from 'better-sqlite3';
import { FTS_TOKENIZER } from './sqlite-schema.js';

const STEMMER_DDL = `
CREATE VIRTUAL TABLE IF NOT EXISTS temp.stemmer USING fts5(word, content = '', tokenize = '${FTS_TOKENIZER}');
CREATE VIRTUAL TABLE IF NOT EXISTS temp.stemmer_terms USING fts5vocab('temp', 'stemmer', 'instance');
`;

/** Words stemmed per round trip while building (bounded so the scratch index stays small). */
const BATCH_SIZE = 20_000;

export class Stemmer {
  private readonly insert: Database.Statement<[number, string]>;
  private readonly terms: Database.Statement<[], { doc: number; term: string; offset: number }>;
  private readonly clear: Database.Statement<[]>;

  constructor(private readonly db: Database.Database) {
    db.exec(STEMMER_DDL);
    this.insert = db.prepare('INSERT INTO temp.stemmer (rowid, word) VALUES (?, ?)');
    this.terms = db.prepare('SELECT doc, term, offset FROM temp.stemmer_terms');
    this.clear = db.prepare("INSERT INTO temp.stemmer (stemmer) VALUES ('delete-all')");
  }

  /**
   * The stem of each word (a token of `tokenize`). A word FTS5 would split differently (see the
   * Unicode note in engine/text.ts) gets its first term, or itself when FTS5 finds no token in it.
   */
  stem(words: readonly string[]): string[] {
    const stems = new Array<string>(words.length);
    const offsets = new Array<number>(words.length);
    for (let start = 0; start < words.length; start += BATCH_SIZE) {
      const batch = words.slice(start, start + BATCH_SIZE);
      this.db.transaction(() => {
        batch.forEach((word, i) => this.insert.run(i + 1, word));
        for (const { doc, term, offset } of this.terms.iterate()) {
          const at = start + doc - 1;
          if ((offsets[at] ?? Infinity) > offset) {
            stems[at] = term;
            offsets[at] = offset;
          }
        }
        this.clear.run();
      })();
    }
    return words.map((word, i) => stems[i] ?? word);
  }
}
