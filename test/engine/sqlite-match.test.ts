import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { FtsMatch } from '../../engine/engines/sqlite-match.js';
import { ftsString, toFtsAnyTermMatch, toFtsMatch } from '../../engine/engines/sqlite-match.js';
import { FTS_TOKENIZER } from '../../engine/engines/sqlite-schema.js';
import { parseQuery } from '../../engine/query.js';
import { HOSTILE_QUERIES } from './fixtures.js';

const PASSAGES = [
  'Vote for Trump or else, the emails said.',
  'Biden and Trump debated.',
  'Sanctions were sanctioned against Iran.',
  'Trump trumpets about the election.',
  'Iran interfered, said Ratcliffe.',
];

const db = new Database(':memory:');
db.exec(`CREATE VIRTUAL TABLE fts USING fts5(text, tokenize = '${FTS_TOKENIZER}', prefix = '2 3')`);
const insert = db.prepare('INSERT INTO fts (rowid, text) VALUES (?, ?)');
PASSAGES.forEach((text, i) => insert.run(i + 1, text));
afterAll(() => db.close());

/** Rowids (1-based into PASSAGES) that the match selects, computed the way the adapter does. */
function select(match: FtsMatch): number[] {
  const matching = (expression: string) =>
    db
      .prepare<[string], { rowid: number }>('SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid')
      .all(expression)
      .map((row) => row.rowid);
  const all = PASSAGES.map((_, i) => i + 1);
  if (match.kind === 'everything') return all;
  if (match.kind === 'match') return matching(match.expression);
  const excluded = new Set(matching(match.expression));
  return all.filter((rowid) => !excluded.has(rowid));
}

const matchOf = (q: string) => toFtsMatch(parseQuery(q));

describe('ftsString', () => {
  it('quotes tokens and doubles double quotes', () => {
    expect(ftsString(['trump'])).toBe('"trump"');
    expect(ftsString(['vote', 'for'])).toBe('"vote for"');
    expect(ftsString(['a"b'])).toBe('"a""b"');
  });
});

describe('toFtsMatch', () => {
  it('requires every word, the last one also as a prefix', () => {
    expect(matchOf('iran ratcl')).toEqual({ kind: 'match', expression: '"iran" AND ("ratcl" OR "ratcl"*)' });
  });

  it('adds alternatives to a term', () => {
    const match = toFtsMatch(parseQuery('trum '), [{ prefix: true, words: ['trump', 'drum'] }]);
    expect(match).toEqual({ kind: 'match', expression: '("trum" OR "trum"* OR "trump" OR "drum")' });
  });

  it('builds phrases and negations', () => {
    expect(matchOf('"vote for trump or else" -biden trum')).toEqual({
      kind: 'match',
      expression: '(("trum" OR "trum"*) AND "vote for trump or else") NOT ("biden")',
    });
  });

  it('turns a word with inner punctuation into a phrase', () => {
    expect(matchOf("O'Brien ")).toEqual({ kind: 'match', expression: '"o brien"' });
  });

  it('selects every passage except the excluded ones for a negation-only query', () => {
    expect(matchOf('-trump -"vote for"')).toEqual({
      kind: 'all-except',
      expression: '("trump" OR "vote for")',
    });
    expect(select(matchOf('-trump -"vote for"'))).toEqual([3, 5]);
  });

  it('selects everything for an empty query', () => {
    expect(matchOf(' * ')).toEqual({ kind: 'everything' });
  });

  it('matches per passage: every word, no excluded one', () => {
    expect(select(matchOf('trump -biden '))).toEqual([1, 4]);
    expect(select(matchOf('iran sanctioned '))).toEqual([3]);
    expect(select(matchOf('“Vote for Trump or else”'))).toEqual([1]);
    expect(select(matchOf('trum'))).toEqual([1, 2, 4]);
  });

  it('reads FTS5 operators as words', () => {
    expect(matchOf('NOT trump ')).toEqual({ kind: 'match', expression: '"not" AND "trump"' });
    expect(select(matchOf('trump OR biden '))).toEqual([]);
  });

  it.each(HOSTILE_QUERIES.map((q) => [q.length > 40 ? `${q.slice(0, 40)}… (${q.length} chars)` : q, q]))(
    'produces valid FTS5 for %j',
    (_, q) => {
      const match = matchOf(q);
      expect(() => select(match)).not.toThrow();
      if (match.kind !== 'everything') expect(match.expression).not.toMatch(/\b(NEAR|AND|OR|NOT)\(/);
    },
  );

  it('stays valid with the most terms and alternatives a query can have', () => {
    const parsed = parseQuery(Array.from({ length: 40 }, (_, i) => `word${i}`).join(' '));
    const alternatives = parsed.terms.map(() => ({
      prefix: true,
      words: Array.from({ length: 60 }, (_, i) => `alt${i}`),
    }));
    expect(() => select(toFtsMatch(parsed, alternatives))).not.toThrow();
  });
});

describe('toFtsAnyTermMatch', () => {
  it('matches passages holding any positive term or phrase', () => {
    const parsed = parseQuery('sanctioned "vote for" -biden');
    const expression = toFtsAnyTermMatch(parsed);
    expect(expression).toBe('"sanctioned" OR "vote for"');
    expect(select({ kind: 'match', expression: expression ?? '' })).toEqual([1, 3]);
  });

  it('is null without positive terms', () => {
    expect(toFtsAnyTermMatch(parseQuery('-biden'))).toBeNull();
  });
});
