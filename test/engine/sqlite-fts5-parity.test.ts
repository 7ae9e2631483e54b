/**
 * The embedded engine matches, marks and crops in memory (the term index, sqlite-snippet.ts), not
 * through FTS5. These tests hold it to FTS5's own answers on the bundled corpus: the passages the
 * MATCH expression of `toFtsMatch` selects, `snippet()` and `highlight()` output character for
 * character, and the typo candidates and completions of the SQL vocabulary.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteEngine } from '../../engine/engines/sqlite.js';
import { evaluate } from '../../engine/engines/sqlite-evaluate.js';
import { toFtsAnyTermMatch, toFtsMatch } from '../../engine/engines/sqlite-match.js';
import { IndexMemory } from '../../engine/engines/sqlite-memory.js';
import { MemoryVocabulary } from '../../engine/engines/sqlite-memory-vocab.js';
import type { OpenIndex } from '../../engine/engines/sqlite-plan.js';
import { planOf, SNIPPET_TOKENS } from '../../engine/engines/sqlite-search.js';
import { markAll, QueryMarker, snippet } from '../../engine/engines/sqlite-snippet.js';
import { Statements } from '../../engine/engines/sqlite-statements.js';
import { Stemmer } from '../../engine/engines/sqlite-stemmer.js';
import { expandQuery, Vocabulary } from '../../engine/engines/sqlite-vocab.js';
import { ELLIPSIS, MARK_CLOSE, MARK_OPEN } from '../../engine/highlight.js';
import { parseQuery } from '../../engine/query.js';
import { tokenize } from '../../engine/text.js';
import { indexCorpus } from '../../indexer/index-corpus.js';
import { loadCorpus } from '../../indexer/load-corpus.js';
import { corpusDir } from './contract.js';

let dataDir = '';
let db: Database.Database;
let index: OpenIndex;
let queries: string[] = [];

/** Every n-th item, so the queries spread over the whole vocabulary. */
const everyNth = <T>(items: readonly T[], count: number): T[] =>
  items.filter((_, i) => i % Math.max(1, Math.floor(items.length / count)) === 0).slice(0, count);

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sqlite-parity-'));
  const loaded = await loadCorpus(corpusDir);
  const engine = await openSqliteEngine({ dataDir });
  await indexCorpus(engine, loaded);
  await engine.close();
  db = new Database(path.join(dataDir, 'index.sqlite'), { readonly: true });
  const statements = new Statements(db);
  index = { statements, memory: new IndexMemory(statements), stemmer: new Stemmer(db) };

  const texts = loaded.articles.flatMap((article) => article.passages.map((passage) => passage.text));
  const byFrequency = new Map<string, number>();
  for (const text of texts)
    for (const word of new Set(tokenize(text))) byFrequency.set(word, (byFrequency.get(word) ?? 0) + 1);
  const words = [...byFrequency.keys()].sort((a, b) => (byFrequency.get(b) ?? 0) - (byFrequency.get(a) ?? 0));
  const long = words.filter((word) => word.length >= 6);
  const pairs = everyNth(texts, 40).map((text) => tokenize(text).slice(2, 4).join(' '));
  queries = [
    ...everyNth(words, 40).map((word) => `${word} `),
    ...everyNth(long, 20).map((word) => word.slice(0, 4)),
    ...everyNth(long, 20).map((word) => `${word.slice(0, 2)}${word.slice(3)} `),
    ...everyNth(long, 10).map((word) => `${word}x${word.slice(-1)} `),
    ...pairs.map((pair) => `"${pair}"`),
    ...everyNth(words, 10).map((word, i) => `${word} -${words[i + 1] ?? 'x'}`),
    ...everyNth(words, 5).map((word) => `-${word}`),
    'U.S. ',
    '"U.S. officials"',
    "O'Bri",
    'iran -"proud boys"',
  ];
});

afterAll(async () => {
  db?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** The FTS5 expression the engine used to send for a query, and the passages it matches. */
function fts5(q: string) {
  const parsed = parseQuery(q);
  const expansion = expandQuery(new Vocabulary(index.statements), parsed);
  const match = toFtsMatch(parsed, expansion.tolerant);
  const keys = (expression: string) =>
    index.statements.column<number>(
      'SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid',
      [expression],
    );
  const rows =
    match.kind === 'match'
      ? keys(match.expression)
      : match.kind === 'all-except'
        ? (() => {
            const excluded = new Set(keys(match.expression));
            return index.statements
              .column<number>('SELECT pid FROM passages ORDER BY pid')
              .filter((pid) => !excluded.has(pid));
          })()
        : [];
  return { match, rows, anyTerm: toFtsAnyTermMatch(parsed, expansion.tolerant) };
}

function matched(q: string): number[] {
  const plan = planOf(index, parseQuery(q));
  if (!plan) return [];
  return [...evaluate(index, plan).rows].map((row) => index.memory.passageKey(row));
}

describe('the term index and FTS5', () => {
  it('match the same passages for words, prefixes, typos, phrases and exclusions', () => {
    expect(queries.length).toBeGreaterThan(140);
    for (const q of queries) expect(matched(q), q).toEqual(fts5(q).rows);
  });

  it('crop and mark a passage exactly as snippet() does', () => {
    let compared = 0;
    for (const q of queries) {
      const { match, rows } = fts5(q);
      const plan = planOf(index, parseQuery(q));
      if (match.kind !== 'match' || !plan) continue;
      const marker = new QueryMarker(index.memory, plan.required);
      for (const pid of rows.slice(0, 5)) {
        const row = index.statements.get<{ text: string; fts: string }>(
          `SELECT p.text AS text, snippet(passages_fts, 0, ?, ?, ?, ?) AS fts
           FROM passages_fts JOIN passages AS p ON p.pid = passages_fts.rowid
           WHERE passages_fts MATCH ? AND passages_fts.rowid = ?`,
          [MARK_OPEN, MARK_CLOSE, ELLIPSIS, SNIPPET_TOKENS, match.expression, pid],
        );
        expect(snippet(row?.text ?? '', marker, SNIPPET_TOKENS), q).toBe(row?.fts);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('mark every occurrence of any query word exactly as highlight() does', () => {
    for (const q of queries.slice(0, 60)) {
      const { anyTerm, rows } = fts5(q);
      const plan = planOf(index, parseQuery(q));
      if (anyTerm === null || !plan) continue;
      const marker = new QueryMarker(index.memory, plan.required);
      for (const pid of rows.slice(0, 3)) {
        const row = index.statements.get<{ text: string; fts: string }>(
          `SELECT p.text AS text, highlight(passages_fts, 0, ?, ?) AS fts
           FROM passages_fts JOIN passages AS p ON p.pid = passages_fts.rowid
           WHERE passages_fts MATCH ? AND passages_fts.rowid = ?`,
          [MARK_OPEN, MARK_CLOSE, anyTerm, pid],
        );
        expect(markAll(row?.text ?? '', marker), q).toBe(row?.fts);
      }
    }
  });

  it('find the typo candidates and completions of the SQL vocabulary, in its order', () => {
    const sql = new Vocabulary(index.statements);
    const memory = new MemoryVocabulary(index.memory, index.statements);
    const words = index.memory.words.filter((_, i) => i % 7 === 0);
    for (const word of words) {
      const typo = `${word.slice(0, 1)}${word.slice(2)}${word.slice(1, 2)}`;
      expect(memory.typoCandidates(typo), typo).toEqual(sql.typoCandidates(typo));
      expect(memory.typoCandidates(word), word).toEqual(sql.typoCandidates(word));
      expect(memory.completions(word.slice(0, 3)), word).toEqual(sql.completions(word.slice(0, 3)));
    }
  });
});
