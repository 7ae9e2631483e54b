/**
 * What searches need of every article, in memory: its facet values (as small integers), its date
 * and its place in each date order. Filters, facet counts and sorting then run over integer arrays
 * in one pass over the matching articles, instead of SQL joins over every match.
 */
import type { FacetName, SearchFilters, SortOrder } from '../types.js';
import { FACET_NAMES } from '../types.js';
import type { Statements } from './sqlite-statements.js';

/** Facet values of all articles, by article: `values.subarray(start[aid], start[aid + 1])`. */
interface FacetTable {
  start: Uint32Array;
  values: Uint32Array;
  /** Per value id: index of its facet in FACET_NAMES, and its text. */
  facetOf: Uint8Array;
  names: string[];
  idOf: Map<string, number>;
  /** Articles holding each value, over the whole index (the unfiltered empty query). */
  totals: Uint32Array;
}

const valueKey = (facet: number, value: string) => `${facet}\u0000${value}`;

/** The filters of one request, compiled to value ids and a bit per filter. */
export interface CompiledFilters {
  /** Number of filters; an article passes all of them when its mask is `all`. */
  count: number;
  all: number;
  /** Per facet (FACET_NAMES order): the bit of the filter that facet's counts ignore (0: none). */
  ownBit: Uint8Array;
  /** Bits of the filters `aid` passes. */
  mask(aid: number): number;
}

/** Date orders: rank 0 first; articles with equal dates share a rank. */
interface DateOrders {
  newest: Uint32Array;
  oldest: Uint32Array;
  /** Dense ranks of the date, newest first / oldest first, undated last in both. */
  newestDate: Uint32Array;
  oldestDate: Uint32Array;
  /** Rank of the article id in BINARY order: the last tie-breaker. */
  idRank: Uint32Array;
}

export class ArticleTable {
  private constructor(
    /** Highest aid (aids run from 1). */
    readonly maxAid: number,
    readonly published: (string | null)[],
    readonly facets: FacetTable,
    readonly orders: DateOrders,
  ) {}

  static load(statements: Statements): ArticleTable {
    const maxAid = statements.get<{ n: number | null }>('SELECT max(aid) AS n FROM articles')?.n ?? 0;
    const published = new Array<string | null>(maxAid + 1).fill(null);
    for (const row of statements.all<{ aid: number; published: string | null }>(
      'SELECT aid, published FROM articles',
    ))
      published[row.aid] = row.published;
    return new ArticleTable(
      maxAid,
      published,
      loadFacets(statements, maxAid),
      loadOrders(statements, published),
    );
  }

  /** The ids of the values selected for each filter; an unknown value selects nothing. */
  compileFilters(filters: SearchFilters): CompiledFilters {
    const tests: { facet: number; test: (aid: number) => boolean }[] = [];
    FACET_NAMES.forEach((facet, index) => {
      if (facet === 'year') return;
      const selected = filters[facet];
      if (selected.length === 0) return;
      const ids = new Set(
        selected
          .map((value) => this.facets.idOf.get(valueKey(index, value)))
          .filter((id) => id !== undefined),
      );
      tests.push({ facet: index, test: (aid) => this.hasAnyValue(aid, ids) });
    });
    const { from, to } = filters;
    if (from !== null || to !== null) {
      // Inclusive, compared as text like SQL did; undated articles never pass.
      tests.push({
        facet: FACET_NAMES.indexOf('year'),
        test: (aid) => {
          const date = this.published[aid];
          return (
            date !== null &&
            date !== undefined &&
            (from === null || date >= from) &&
            (to === null || date <= to)
          );
        },
      });
    }
    const ownBit = new Uint8Array(FACET_NAMES.length);
    tests.forEach(({ facet }, i) => (ownBit[facet] = 1 << i));
    return {
      count: tests.length,
      all: (1 << tests.length) - 1,
      ownBit,
      mask: (aid) => {
        let mask = 0;
        for (let i = 0; i < tests.length; i++) if (tests[i]?.test(aid)) mask |= 1 << i;
        return mask;
      },
    };
  }

  /** Adds the article's values to `counts` (by value id) for each facet whose filters it passes. */
  countValues(aid: number, mask: number, filters: CompiledFilters, counts: Uint32Array): void {
    const { start, values, facetOf } = this.facets;
    const end = start[aid + 1] ?? 0;
    for (let at = start[aid] ?? 0; at < end; at++) {
      const value = values[at] ?? 0;
      if ((mask | (filters.ownBit[facetOf[value] ?? 0] ?? 0)) === filters.all)
        counts[value] = (counts[value] ?? 0) + 1;
    }
  }

  /** Counts by value id as the response's facets, most articles first, then by value. */
  facetCounts(counts: Uint32Array): Record<FacetName, Record<string, number>> {
    const byFacet = FACET_NAMES.map(() => [] as number[]);
    counts.forEach((n, value) => {
      if (n > 0) byFacet[this.facets.facetOf[value] ?? 0]?.push(value);
    });
    const result = {} as Record<FacetName, Record<string, number>>;
    FACET_NAMES.forEach((facet, index) => {
      const ids = (byFacet[index] ?? []).sort(
        (a, b) =>
          (counts[b] ?? 0) - (counts[a] ?? 0) ||
          ((this.facets.names[a] ?? '') < (this.facets.names[b] ?? '') ? -1 : 1),
      );
      result[facet] = Object.fromEntries(ids.map((id) => [this.facets.names[id] ?? '', counts[id] ?? 0]));
    });
    return result;
  }

  /** A zeroed count per value id. */
  newCounts(): Uint32Array {
    return new Uint32Array(this.facets.names.length);
  }

  /** The articles in the order of an empty query (relevance means newest there). */
  browseOrder(sort: SortOrder): Uint32Array {
    return sort === 'oldest' ? this.orders.oldest : this.orders.newest;
  }

  private hasAnyValue(aid: number, ids: ReadonlySet<number>): boolean {
    const { start, values } = this.facets;
    const end = start[aid + 1] ?? 0;
    for (let at = start[aid] ?? 0; at < end; at++) if (ids.has(values[at] ?? 0)) return true;
    return false;
  }
}

function loadFacets(statements: Statements, maxAid: number): FacetTable {
  const idOf = new Map<string, number>();
  const names: string[] = [];
  const facetOfList: number[] = [];
  const perArticle = new Uint32Array(maxAid + 2);
  const ids: number[] = [];
  const rows = statements.db
    .prepare('SELECT aid, facet, value FROM article_facets ORDER BY aid')
    .raw()
    .iterate() as IterableIterator<[number, string, string]>;
  for (const [aid, facetName, value] of rows) {
    const facet = FACET_NAMES.indexOf(facetName as FacetName);
    if (facet < 0) continue;
    const key = valueKey(facet, value);
    let id = idOf.get(key);
    if (id === undefined) {
      id = names.length;
      idOf.set(key, id);
      names.push(value);
      facetOfList.push(facet);
    }
    ids.push(id);
    perArticle[aid + 1] = (perArticle[aid + 1] ?? 0) + 1;
  }
  const start = new Uint32Array(maxAid + 2);
  for (let aid = 1; aid < start.length; aid++) start[aid] = (start[aid - 1] ?? 0) + (perArticle[aid] ?? 0);
  // Rows come by aid, so the values are already grouped in article order.
  const values = Uint32Array.from(ids);
  const totals = new Uint32Array(names.length);
  for (const id of ids) totals[id] = (totals[id] ?? 0) + 1;
  return { start, values, facetOf: Uint8Array.from(facetOfList), names, idOf, totals };
}

function ranks(order: Uint32Array, size: number): Uint32Array {
  const rank = new Uint32Array(size);
  order.forEach((aid, position) => (rank[aid] = position));
  return rank;
}

/** Dense rank of each article's date along `order` (which lists equal dates together). */
function dateRanks(order: Uint32Array, published: readonly (string | null)[], size: number): Uint32Array {
  const rank = new Uint32Array(size);
  let current = -1;
  let previous: string | null | undefined;
  for (const aid of order) {
    const date = published[aid] ?? null;
    if (date !== previous || current < 0) current++;
    previous = date;
    rank[aid] = current;
  }
  return rank;
}

function loadOrders(statements: Statements, published: readonly (string | null)[]): DateOrders {
  const size = published.length;
  const list = (sql: string) => Uint32Array.from(statements.all<{ aid: number }>(sql), (row) => row.aid);
  // The same expressions as the indexes articles_newest and articles_oldest, which answer them.
  const newest = list('SELECT aid FROM articles ORDER BY published DESC, id');
  const oldest = list('SELECT aid FROM articles ORDER BY published IS NULL, published, id');
  const byId = list('SELECT aid FROM articles ORDER BY id');
  return {
    newest,
    oldest,
    newestDate: dateRanks(newest, published, size),
    oldestDate: dateRanks(oldest, published, size),
    idRank: ranks(byId, size),
  };
}
