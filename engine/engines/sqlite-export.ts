/**
 * Every passage matching a search, for exports. Matching is exactly `searchIndex`'s (same plan,
 * same filters); the difference is that all matching passages are listed, not the best three per
 * article on one page.
 *
 * The keys of the matching passages (integers, at most `limit`) are listed at once; the passages
 * are then read in batches between which other searches may run, so a long export neither holds
 * the connection nor the texts in memory.
 */
import { parseQuery } from '../query.js';
import type { ExportedPassage, ExportRequest } from '../types.js';
import type { OpenIndex } from './sqlite-plan.js';
import { PASSAGE_KEY_BITS } from './sqlite-schema.js';
import { matchingArticles, planOf } from './sqlite-search.js';
import type { Statements } from './sqlite-statements.js';

/** Passages read per query while exporting. */
export const EXPORT_BATCH_SIZE = 500;

/** Keys of the passages matching the request, in export order, at most `limit`. FTS5 errors propagate. */
export function exportedPassageKeys(index: OpenIndex, request: ExportRequest): number[] {
  const { memory } = index;
  const filters = memory.articles.compileFilters(request.filters);
  const limit = Math.max(0, Math.floor(request.limit));
  const keys: number[] = [];
  const plan = planOf(index, parseQuery(request.q));
  if (plan === null) {
    // The empty query: every passage of the articles passing the filters, articles by date, each
    // article's passages together in reading order.
    for (const aid of memory.articles.browseOrder(request.sort)) {
      if (keys.length >= limit) break;
      if (filters.mask(aid) !== filters.all) continue;
      const end = memory.firstPassage[aid + 1] ?? 0;
      for (let row = memory.firstPassage[aid] ?? 0; row < end && keys.length < limit; row++)
        keys.push(memory.passageKey(row));
    }
    return keys;
  }
  const { match, groups, order } = matchingArticles(index, plan, filters, request.sort);
  for (const group of order) {
    const end = groups.starts[group + 1] ?? 0;
    for (let at = groups.starts[group] ?? 0; at < end && keys.length < limit; at++)
      keys.push(memory.passageKey(match.rows[at] ?? 0));
    if (keys.length >= limit) break;
  }
  return keys;
}

interface ExportRow {
  aid: number;
  idx: number;
  text: string;
  countries: string;
  agencies: string;
  id: string;
  title: string;
  outlet: string;
  published: string | null;
  url: string | null;
}

/** The passages with these keys and their articles, in the order of `keys`. */
export function readExportBatch(statements: Statements, keys: readonly number[]): ExportedPassage[] {
  const rows = statements.all<ExportRow>(
    `SELECT a.aid AS aid, p.idx AS idx, p.text AS text, p.countries AS countries, p.agencies AS agencies,
            a.id AS id, a.title AS title, a.outlet AS outlet, a.published AS published, a.url AS url
     FROM json_each(?) AS k
     CROSS JOIN passages AS p ON p.pid = k.value
     CROSS JOIN articles AS a ON a.aid = (p.pid >> ${PASSAGE_KEY_BITS})
     ORDER BY k.key`,
    [JSON.stringify(keys)],
  );
  const facetsOf = articleFacets(statements);
  return rows.map((row) => ({
    article: {
      id: row.id,
      title: row.title,
      outlet: row.outlet,
      published: row.published,
      url: row.url,
      ...facetsOf(row.aid),
    },
    passage: {
      index: row.idx,
      text: row.text,
      countries: JSON.parse(row.countries) as string[],
      agencies: JSON.parse(row.agencies) as string[],
    },
  }));
}

/** An article's countries and agencies, looked up once per article of a batch. */
function articleFacets(statements: Statements): (aid: number) => { countries: string[]; agencies: string[] } {
  const cache = new Map<number, { countries: string[]; agencies: string[] }>();
  return (aid) => {
    let facets = cache.get(aid);
    if (!facets) {
      const rows = statements.all<{ facet: string; value: string }>(
        "SELECT facet, value FROM article_facets WHERE aid = ? AND facet IN ('country', 'agency') ORDER BY value",
        [aid],
      );
      facets = {
        countries: rows.filter((row) => row.facet === 'country').map((row) => row.value),
        agencies: rows.filter((row) => row.facet === 'agency').map((row) => row.value),
      };
      cache.set(aid, facets);
    }
    return facets;
  };
}
