/**
 * From matching passages to a page of articles: group the passages by article (an article ranks by
 * its best passage), apply the filters, count the facets disjunctively and pick the page, all in one
 * pass over the matching articles. Only the page's articles are then read from the file.
 */
import type { FacetCounts, SortOrder } from '../types.js';
import type { CompiledFilters } from './sqlite-articles.js';
import type { MatchSet } from './sqlite-evaluate.js';
import type { IndexMemory } from './sqlite-memory.js';

export interface Paging {
  limit: number;
  offset: number;
}

/** The matching articles, in aid order, each with its best passage's tier and score. */
export interface ArticleGroups {
  aids: Uint32Array;
  tiers: Uint8Array;
  scores: Float64Array;
  /** Where each article's passages start in the match set (`starts[g + 1]` ends them). */
  starts: Uint32Array;
}

export function groupByArticle(memory: IndexMemory, match: MatchSet): ArticleGroups {
  const { rows, tiers, scores } = match;
  const aids: number[] = [];
  const starts: number[] = [];
  const bestTiers: number[] = [];
  const bestScores: number[] = [];
  let current = -1;
  for (let i = 0; i < rows.length; i++) {
    const aid = memory.passageArticle[rows[i] ?? 0] ?? 0;
    const tier = tiers[i] ?? 0;
    const score = scores[i] ?? 0;
    if (aid !== current) {
      current = aid;
      aids.push(aid);
      starts.push(i);
      bestTiers.push(tier);
      bestScores.push(score);
      continue;
    }
    const g = aids.length - 1;
    const bestTier = bestTiers[g] ?? 0;
    if (tier < bestTier || (tier === bestTier && score > (bestScores[g] ?? 0))) {
      bestTiers[g] = tier;
      bestScores[g] = score;
    }
  }
  starts.push(rows.length);
  return {
    aids: Uint32Array.from(aids),
    tiers: Uint8Array.from(bestTiers),
    scores: Float64Array.from(bestScores),
    starts: Uint32Array.from(starts),
  };
}

export interface RankedPage {
  total: number;
  facets: FacetCounts;
  /** Indexes into the groups of the page's articles, in order. */
  page: number[];
}

/** Comparator of two groups for a sort order: relevance ties go to the newer article, then the id. */
function groupOrder(
  memory: IndexMemory,
  groups: ArticleGroups,
  sort: SortOrder,
): (a: number, b: number) => number {
  const { newestDate, oldestDate, idRank } = memory.articles.orders;
  const { aids, tiers, scores } = groups;
  const relevance = (a: number, b: number) =>
    (tiers[a] ?? 0) - (tiers[b] ?? 0) || (scores[b] ?? 0) - (scores[a] ?? 0);
  const id = (a: number, b: number) => (idRank[aids[a] ?? 0] ?? 0) - (idRank[aids[b] ?? 0] ?? 0);
  const date = (ranks: Uint32Array) => (a: number, b: number) =>
    (ranks[aids[a] ?? 0] ?? 0) - (ranks[aids[b] ?? 0] ?? 0);
  const newest = date(newestDate);
  if (sort === 'relevance') return (a, b) => relevance(a, b) || newest(a, b) || id(a, b);
  const byDate = sort === 'newest' ? newest : date(oldestDate);
  return (a, b) => byDate(a, b) || relevance(a, b) || id(a, b);
}

/** The first `count` items of `items` by `compare`, in order, keeping a heap of the best so far. */
export function firstInOrder(
  items: readonly number[],
  count: number,
  compare: (a: number, b: number) => number,
): number[] {
  if (count <= 0) return [];
  if (items.length <= count * 4) return [...items].sort(compare).slice(0, count);
  // A max-heap (the worst kept item on top) of at most `count` items.
  const heap: number[] = [];
  const worse = (i: number, j: number) => compare(heap[i] ?? 0, heap[j] ?? 0) > 0;
  const swap = (i: number, j: number) => {
    const held = heap[i] ?? 0;
    heap[i] = heap[j] ?? 0;
    heap[j] = held;
  };
  const down = (start: number) => {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let top = i;
      if (left < heap.length && worse(left, top)) top = left;
      if (right < heap.length && worse(right, top)) top = right;
      if (top === i) return;
      swap(i, top);
      i = top;
    }
  };
  for (const item of items) {
    if (heap.length < count) {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (compare(item, heap[0] ?? 0) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(compare);
}

/** Total, facet counts and the page of the matching articles that pass the filters. */
export function rankArticles(
  memory: IndexMemory,
  groups: ArticleGroups,
  filters: CompiledFilters,
  sort: SortOrder,
  paging: Paging,
): RankedPage {
  const { articles } = memory;
  const counts = articles.newCounts();
  const passing: number[] = [];
  for (let g = 0; g < groups.aids.length; g++) {
    const aid = groups.aids[g] ?? 0;
    const mask = filters.count === 0 ? 0 : filters.mask(aid);
    articles.countValues(aid, mask, filters, counts);
    if (mask === filters.all) passing.push(g);
  }
  const ordered = firstInOrder(passing, paging.offset + paging.limit, groupOrder(memory, groups, sort));
  return { total: passing.length, facets: articles.facetCounts(counts), page: ordered.slice(paging.offset) };
}

/** The same for the empty query: every article passing the filters, by date. */
export function browseArticles(
  memory: IndexMemory,
  filters: CompiledFilters,
  sort: SortOrder,
  paging: Paging,
): { total: number; facets: FacetCounts; page: number[] } {
  const { articles } = memory;
  const order = articles.browseOrder(sort);
  if (filters.count === 0) {
    return {
      total: order.length,
      facets: articles.facetCounts(articles.facets.totals),
      page: [...order.subarray(paging.offset, paging.offset + paging.limit)],
    };
  }
  const counts = articles.newCounts();
  const passes = new Uint8Array(articles.maxAid + 1);
  let total = 0;
  for (let aid = 1; aid <= articles.maxAid; aid++) {
    const mask = filters.mask(aid);
    articles.countValues(aid, mask, filters, counts);
    if (mask === filters.all) {
      passes[aid] = 1;
      total++;
    }
  }
  const page: number[] = [];
  let skipped = 0;
  for (const aid of order) {
    if (page.length === paging.limit) break;
    if (passes[aid] !== 1) continue;
    if (skipped < paging.offset) skipped++;
    else page.push(aid);
  }
  return { total, facets: articles.facetCounts(counts), page };
}

/** The best `count` passages of one matching article: fewest typos, then bm25, then reading order. */
export function bestPassages(match: MatchSet, groups: ArticleGroups, group: number, count: number): number[] {
  const start = groups.starts[group] ?? 0;
  const end = groups.starts[group + 1] ?? start;
  const indexes = Array.from({ length: end - start }, (_, i) => start + i);
  const { rows, tiers, scores } = match;
  return firstInOrder(
    indexes,
    count,
    (a, b) =>
      (tiers[a] ?? 0) - (tiers[b] ?? 0) ||
      (scores[b] ?? 0) - (scores[a] ?? 0) ||
      (rows[a] ?? 0) - (rows[b] ?? 0),
  ).map((i) => rows[i] ?? 0);
}
