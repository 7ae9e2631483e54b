import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { compareBinary, indexOfSorted, prefixRange } from '../../engine/engines/sqlite-collation.js';
import { decodeRows, encodeRows } from '../../engine/engines/sqlite-postings.js';
import { RecentMap } from '../../engine/engines/sqlite-recent.js';
import { Stemmer } from '../../engine/engines/sqlite-stemmer.js';
import { FTS_TOKENIZER } from '../../engine/engines/sqlite-schema.js';
import { tokenize, tokenSpans } from '../../engine/text.js';

describe('postings', () => {
  it('decodes the ordinals it encoded, from 0 to beyond 2^32, with gaps of every size', () => {
    const rows = Uint32Array.from([0, 1, 2, 127, 128, 129, 16_384, 2 ** 21, 2 ** 31, 2 ** 32 - 1]);
    expect([...decodeRows(encodeRows(rows), rows.length)]).toEqual([...rows]);
  });

  it('spends one byte on each gap under 128', () => {
    const rows = Uint32Array.from({ length: 1000 }, (_, i) => i * 100);
    expect(encodeRows(rows).length).toBe(1000);
    expect(encodeRows(new Uint32Array(0)).length).toBe(0);
  });
});

describe('BINARY order in JavaScript', () => {
  const words = ['b', 'a', 'ab', 'a\uE000', 'a\u{1D400}', 'é', 'z', '', 'aa', '\uFFFF', '\u{10000}x'];

  it('sorts text as SQLite compares it, astral characters after U+FFFF', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (w TEXT PRIMARY KEY)');
    const insert = db.prepare('INSERT INTO t (w) VALUES (?)');
    for (const word of words) insert.run(word);
    const sqlite = db.prepare('SELECT w FROM t ORDER BY w').pluck().all();
    db.close();
    expect([...words].sort(compareBinary)).toEqual(sqlite);
    // The default sort disagrees exactly there: it compares UTF-16 units.
    expect([...words].sort()).not.toEqual(sqlite);
  });

  it('finds a word and the range of words with a prefix in a sorted list', () => {
    const sorted = ['camp', 'campaign', 'campaigns', 'campus', 'can', 'cane'].sort(compareBinary);
    expect(indexOfSorted(sorted, 'campus')).toBe(3);
    expect(indexOfSorted(sorted, 'cam')).toBe(-1);
    expect(prefixRange(sorted, 'campa')).toEqual([1, 3]);
    expect(prefixRange(sorted, 'ca')).toEqual([0, 6]);
    expect(prefixRange(sorted, 'x')).toEqual([6, 6]);
  });
});

describe('FTS5 stemmer', () => {
  it('stems words as the index tokenizer does, prefixes included', () => {
    const db = new Database(':memory:');
    const stems = new Stemmer(db).stem(['campaigning', 'campaigns', 'elections', 'inte', 'gove', 'déjà']);
    expect(stems).toEqual(['campaign', 'campaign', 'elect', 'int', 'gove', 'deja']);
    // The same table again, on a connection that cannot write its main database.
    expect(new Stemmer(db).stem(['sanctioned'])).toEqual(['sanction']);
    db.close();
  });

  it('agrees with the terms FTS5 stores for a text', () => {
    const text = 'Sanctions were imposed; the sanctioned officials denied interfering in the elections.';
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '${FTS_TOKENIZER}');
             CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');`);
    db.prepare('INSERT INTO t (rowid, x) VALUES (1, ?)').run(text);
    const stored = db.prepare('SELECT term FROM v ORDER BY offset').pluck().all();
    expect(new Stemmer(db).stem(tokenize(text))).toEqual(stored);
    db.close();
  });
});

describe('tokenSpans', () => {
  it('lists the tokens of tokenize with the characters each came from', () => {
    const text = 'O’Brien said: “Déjà vu, U.S. officials!”';
    const spans = tokenSpans(text);
    expect(spans.map((span) => span.token)).toEqual(tokenize(text));
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual([
      'O',
      'Brien',
      'said',
      'Déjà',
      'vu',
      'U',
      'S',
      'officials',
    ]);
  });
});

describe('RecentMap', () => {
  it('computes a value once and forgets the least recently used beyond its capacity', () => {
    const recent = new RecentMap<string, number>(2);
    let made = 0;
    const make = (value: number) => () => {
      made++;
      return value;
    };
    expect(recent.get('a', make(1))).toBe(1);
    expect(recent.get('b', make(2))).toBe(2);
    expect(recent.get('a', make(9))).toBe(1);
    recent.get('c', make(3));
    expect(recent.get('a', make(9))).toBe(1);
    expect(recent.get('b', make(4))).toBe(4);
    expect(made).toBe(4);
  });
});
