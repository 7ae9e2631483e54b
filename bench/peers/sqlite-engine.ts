/** Our engine, through the SearchEngine port exactly as the portal calls it. */
import { openSqliteEngine } from '../../engine/engines/sqlite.js';
import type { SearchFilters } from '../../engine/types.js';
import { QUERY_CLASSES, type QueryFilter } from '../query-mix.js';
import { NATIVE, type QueryTarget, type Support } from './query-target.js';

export function engineFilters(filter: QueryFilter | null): SearchFilters {
  return filter === null
    ? { country: [], agency: [], outlet: [], from: null, to: null }
    : { country: [filter.country], agency: [], outlet: [], from: filter.from, to: filter.to };
}

export async function openEngineTarget(dataDir: string): Promise<QueryTarget> {
  const engine = await openSqliteEngine({ dataDir });
  const support = Object.fromEntries(QUERY_CLASSES.map((c) => [c, NATIVE])) as Record<
    (typeof QUERY_CLASSES)[number],
    Support
  >;
  return {
    name: 'our engine (SQLite FTS5)',
    unit: 'article',
    support,
    extras: 'article totals, 4 disjunctive facets, 10 hits with 3 highlighted snippets each',
    async search(query, filter) {
      const response = await engine.search({
        q: query.q,
        filters: engineFilters(filter),
        sort: 'relevance',
        page: 1,
        perPage: 10,
      });
      return response.totalArticles;
    },
    close: () => engine.close(),
  };
}
