/**
 * MiniSearch, in memory, one document per passage, with the library's defaults (exact words,
 * BM25+, no stemming) and its options for prefixes, typos and AND_NOT. It has no facets.
 * https://lucaong.github.io/minisearch/
 */
import MiniSearch, { type SearchOptions } from 'minisearch';
import type { BenchQuery, QueryClass, QueryFilter } from '../query-mix.js';
import { dateNumber, type BenchPassage } from '../work-dir.js';
import { typoTolerance } from './orama.js';
import { containsPhrase } from './phrase-check.js';
import { NATIVE, type QueryTarget, type Support } from './query-target.js';

interface Stored {
  text: string;
  published: number | null;
  countries: string[];
}

export const MINISEARCH_SUPPORT: Record<QueryClass, Support> = {
  rare: NATIVE,
  common: NATIVE,
  'two-words': NATIVE,
  phrase: {
    kind: 'approximated',
    how: 'all words (AND), then each hit checked for the phrase in its stored text',
  },
  typo: NATIVE,
  prefix: NATIVE,
  negation: NATIVE,
};

export async function openMiniSearchTarget(passages: AsyncIterable<BenchPassage>): Promise<QueryTarget> {
  const index = new MiniSearch<{ id: number } & Stored>({
    fields: ['text'],
    storeFields: ['text', 'published', 'countries'],
  });
  for await (const passage of passages) {
    index.add({
      id: passage.pid,
      text: passage.text,
      published: passage.published,
      countries: passage.countries,
    });
  }

  const filterOf = (filter: QueryFilter | null): SearchOptions['filter'] => {
    if (filter === null) return undefined;
    const from = dateNumber(filter.from) ?? 0;
    const to = dateNumber(filter.to) ?? 0;
    return (result) => {
      const published = result['published'] as number | null;
      const countries = result['countries'] as string[];
      return published !== null && published >= from && published <= to && countries.includes(filter.country);
    };
  };

  return {
    name: 'MiniSearch',
    unit: 'passage',
    support: MINISEARCH_SUPPORT,
    extras: 'all hits ranked (MiniSearch always returns every match); no facets, no snippets',
    async search(query: BenchQuery, filter) {
      const base: SearchOptions = { combineWith: 'AND', filter: filterOf(filter) };
      if (query.typo !== null)
        return index.search(query.typo, { ...base, fuzzy: typoTolerance(query.typo) }).length;
      if (query.prefix !== null) return index.search(query.prefix, { ...base, prefix: true }).length;
      if (query.not.length > 0) {
        return index.search(
          { combineWith: 'AND_NOT', queries: [query.must.join(' '), ...query.not] },
          { filter: filterOf(filter) },
        ).length;
      }
      const results = index.search([...query.must, ...query.phrase].join(' '), base);
      if (query.phrase.length === 0) return results.length;
      return results.filter((result) => containsPhrase(String(result['text']), query.phrase)).length;
    },
    close: async () => undefined,
  };
}
