/**
 * The floor: the same passages in a bare FTS5 table (same tokenizer and prefix indexes as our
 * engine, nothing else), and `count(*)` of a MATCH on it. Anything our engine spends above this
 * is ranking, grouping by article, facets, snippets and the query expansion.
 * https://sqlite.org/fts5.html
 */
import Database from 'better-sqlite3';
import { FTS_TOKENIZER } from '../../engine/engines/sqlite-schema.js';
import { toFtsMatch } from '../../engine/engines/sqlite-match.js';
import { Statements } from '../../engine/engines/sqlite-statements.js';
import { expandQuery, Vocabulary } from '../../engine/engines/sqlite-vocab.js';
import { parseQuery } from '../../engine/query.js';
import { ratePerSecond } from '../stats.js';
import type { BenchQuery, QueryClass, QueryFilter } from '../query-mix.js';
import { QUERY_CLASSES } from '../query-mix.js';
import { dateNumber, readPassages, type BenchPassage } from '../work-dir.js';
import { NATIVE, type QueryTarget, type Support } from './query-target.js';

export interface FloorBuild {
  rows: number;
  insertMs: number;
  optimizeMs: number;
  insertPerSecond: number;
  /** Rows per second counting the merge into one b-tree, as our engine's commit does. */
  insertOptimizePerSecond: number;
}

function passesFilter(passage: BenchPassage, filter: QueryFilter): boolean {
  const from = dateNumber(filter.from) ?? 0;
  const to = dateNumber(filter.to) ?? 0;
  return (
    passage.published !== null &&
    passage.published >= from &&
    passage.published <= to &&
    passage.countries.includes(filter.country)
  );
}

/**
 * Loads every passage into memory first, so the timed part is only SQLite: one transaction of
 * plain INSERTs into the FTS5 table, then 'optimize'. Also writes the table of passages that
 * pass `filter`, for the filtered floor queries (not timed).
 */
export async function buildFloor(
  file: string,
  passagesFile: string,
  filter: QueryFilter | null,
): Promise<FloorBuild> {
  const texts: string[] = [];
  const filtered: number[] = [];
  for await (const passage of readPassages(passagesFile)) {
    texts.push(passage.text);
    if (filter !== null && passesFilter(passage, filter)) filtered.push(passage.pid);
  }
  const db = new Database(file);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(`CREATE VIRTUAL TABLE bare USING fts5(text, tokenize = '${FTS_TOKENIZER}', prefix = '2 3')`);
    db.exec('CREATE TABLE filtered (pid INTEGER PRIMARY KEY)');
    const insert = db.prepare<[number, string]>('INSERT INTO bare (rowid, text) VALUES (?, ?)');
    const started = performance.now();
    db.transaction(() => texts.forEach((text, i) => insert.run(i + 1, text)))();
    const insertMs = performance.now() - started;
    const optimizeStarted = performance.now();
    db.exec("INSERT INTO bare (bare) VALUES ('optimize')");
    const optimizeMs = performance.now() - optimizeStarted;
    const addFiltered = db.prepare<[number]>('INSERT INTO filtered (pid) VALUES (?)');
    db.transaction(() => filtered.forEach((pid) => addFiltered.run(pid)))();
    return {
      rows: texts.length,
      insertMs,
      optimizeMs,
      insertPerSecond: ratePerSecond(texts.length, insertMs),
      insertOptimizePerSecond: ratePerSecond(texts.length, insertMs + optimizeMs),
    };
  } finally {
    db.close();
  }
}

const quoted = (word: string): string => `"${word.replaceAll('"', '""')}"`;

/**
 * The query as a plain FTS5 expression: what a developer would write by hand, without our
 * engine's word forms, typo alternatives or prefix completions.
 */
export function plainMatch(query: BenchQuery): string {
  const required = [
    ...query.must.map(quoted),
    ...(query.phrase.length > 0 ? [quoted(query.phrase.join(' '))] : []),
    ...(query.prefix === null ? [] : [`${quoted(query.prefix)}*`]),
    ...(query.typo === null ? [] : [quoted(query.typo)]),
  ].join(' AND ');
  return query.not.length === 0 ? required : `(${required}) NOT (${query.not.map(quoted).join(' OR ')})`;
}

const FLOOR_SUPPORT: Record<QueryClass, Support> = {
  ...(Object.fromEntries(QUERY_CLASSES.map((c) => [c, NATIVE])) as Record<QueryClass, Support>),
  typo: {
    kind: 'n/a',
    why: 'FTS5 has no typo tolerance: the misspelling is matched as typed (finds ~nothing)',
  },
};

function openCounter(file: string): {
  count: (expression: string, filtered: boolean) => number;
  close: () => void;
} {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const all = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM bare WHERE bare MATCH ?');
  const some = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM bare JOIN filtered AS f ON f.pid = bare.rowid WHERE bare MATCH ?',
  );
  return {
    count: (expression, filtered) => (filtered ? some : all).get(expression)?.n ?? 0,
    close: () => db.close(),
  };
}

/** `count(*)` of the plain MATCH on the bare table. */
export function openFloorTarget(file: string): QueryTarget {
  const counter = openCounter(file);
  return {
    name: 'FTS5 floor (plain MATCH)',
    unit: 'passage',
    support: FLOOR_SUPPORT,
    extras: 'count(*) only; the filter is a join with a precomputed table of passing passages',
    search: async (query, filter) => counter.count(plainMatch(query), filter !== null),
    close: async () => counter.close(),
  };
}

/**
 * `count(*)` on the bare table of the very MATCH expression our engine builds (word forms, typo
 * alternatives and prefix completions from its vocabulary): how much of our engine's time is the
 * FTS5 lookup it asks for. The expansion is computed once per query, before timing.
 */
export function openExpandedFloorTarget(file: string, indexFile: string): QueryTarget {
  const counter = openCounter(file);
  const index = new Database(indexFile, { readonly: true, fileMustExist: true });
  const vocabulary = new Vocabulary(new Statements(index));
  const expressions = new Map<string, string>();
  const expressionOf = (q: string): string => {
    let expression = expressions.get(q);
    if (expression === undefined) {
      const parsed = parseQuery(q);
      const match = toFtsMatch(parsed, expandQuery(vocabulary, parsed).tolerant);
      expression = match.kind === 'everything' ? '' : match.expression;
      expressions.set(q, expression);
    }
    return expression;
  };
  return {
    name: "FTS5 floor (our engine's expanded MATCH)",
    unit: 'passage',
    support: Object.fromEntries(QUERY_CLASSES.map((c) => [c, NATIVE])) as Record<QueryClass, Support>,
    extras: 'count(*) only, of the expression our engine sends to FTS5',
    search: async (query, filter) => counter.count(expressionOf(query.q), filter !== null),
    close: async () => {
      counter.close();
      index.close();
    },
  };
}

/** Milliseconds our engine spends expanding a query (vocabulary lookups) before FTS5 runs. */
export function timeExpansion(indexFile: string, q: string, runs: number): number {
  const index = new Database(indexFile, { readonly: true, fileMustExist: true });
  try {
    const vocabulary = new Vocabulary(new Statements(index));
    const parsed = parseQuery(q);
    expandQuery(vocabulary, parsed);
    const started = performance.now();
    for (let i = 0; i < runs; i++) expandQuery(vocabulary, parsed);
    return (performance.now() - started) / runs;
  } finally {
    index.close();
  }
}
