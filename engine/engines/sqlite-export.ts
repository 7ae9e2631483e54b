/**
 * Every passage matching a search, for exports. Matching is exactly `searchIndex`'s (same temp
 * tables, same filters); the difference is that all matching passages are listed, not the best
 * three per article on one page.
 *
 * The keys of the matching passages (integers, at most `limit`) are listed at once, while this
 * connection's temp tables are ours; the passages are then read in batches between which other
 * searches may run, so a long export neither holds the connection nor the texts in memory.
 */
import { isEmptyQuery, parseQuery } from '../query.js';
import type { ExportedPassage, ExportRequest, SortOrder } from '../types.js';
import type { ActiveFilter } from './sqlite-filters.js';
import { activeFilters, filteredSet, hitSet } from './sqlite-filters.js';
import { toFtsMatch } from './sqlite-match.js';
import { CLEAR_TEMP_SQL, PASSAGE_KEY_BITS } from './sqlite-schema.js';
import { collectMatches, HIT_ORDER } from './sqlite-search.js';
import type { Statements } from './sqlite-statements.js';
import { expandQuery, Vocabulary } from './sqlite-vocab.js';

/** Passages read per query while exporting. */
export const EXPORT_BATCH_SIZE = 500;

const BROWSE_ORDER: Record<SortOrder, string> = {
  relevance: 'a.published DESC, a.id',
  newest: 'a.published DESC, a.id',
  oldest: 'a.published IS NULL, a.published, a.id',
};

/** Keys of every passage of the articles passing `filters` (the empty query), articles by date. */
function browseKeys(
  statements: Statements,
  filters: readonly ActiveFilter[],
  sort: SortOrder,
  limit: number,
) {
  const set = filters.length > 0 ? filteredSet(filters) : null;
  // An article's passages are one key range (sqlite-schema.ts), read in reading order.
  return statements.all<{ pid: number }>(
    `SELECT p.pid AS pid FROM articles AS a
     CROSS JOIN passages AS p
       ON p.pid BETWEEN (a.aid << ${PASSAGE_KEY_BITS}) AND (a.aid << ${PASSAGE_KEY_BITS}) + ${2 ** PASSAGE_KEY_BITS - 1}
     ${set ? `WHERE a.aid IN (${set.sql})` : ''}
     ORDER BY ${BROWSE_ORDER[sort]}, p.pid LIMIT ?`,
    [...(set?.params ?? []), limit],
  );
}

/** Keys of the passages matching the request, in export order, at most `limit`. FTS5 errors propagate. */
export function exportedPassageKeys(statements: Statements, request: ExportRequest): number[] {
  const parsed = parseQuery(request.q);
  const filters = activeFilters(request.filters);
  const limit = Math.max(0, Math.floor(request.limit));
  if (isEmptyQuery(parsed)) return browseKeys(statements, filters, request.sort, limit).map((row) => row.pid);
  const expansion = expandQuery(new Vocabulary(statements), parsed);
  const match = toFtsMatch(parsed, expansion.tolerant);
  if (match.kind === 'everything')
    return browseKeys(statements, filters, request.sort, limit).map((row) => row.pid);
  const exact = expansion.hasTypos ? toFtsMatch(parsed, expansion.exact) : null;
  try {
    collectMatches(statements, match, exact);
    const articles = hitSet(filters);
    return statements
      .all<{ pid: number }>(
        `SELECT m.pid AS pid FROM temp.matched AS m
         CROSS JOIN temp.hits AS h ON h.aid = (m.pid >> ${PASSAGE_KEY_BITS})
         WHERE h.aid IN (${articles.sql})
         ORDER BY ${HIT_ORDER[request.sort]}, m.pid LIMIT ?`,
        [...articles.params, limit],
      )
      .map((row) => row.pid);
  } finally {
    statements.db.exec(CLEAR_TEMP_SQL);
  }
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
