/**
 * Orama (@orama/orama), in memory, one document per passage, with the library's defaults:
 * BM25, prefix matching of every term, no stemming. Facets are computed on every search, as our
 * engine does. https://docs.orama.com/docs/orama-js/search
 */
import { create, insertMultiple, search } from '@orama/orama';
import type { BenchQuery, QueryClass, QueryFilter } from '../query-mix.js';
import { dateNumber, type BenchPassage } from '../work-dir.js';
import { containsNone, containsPhrase } from './phrase-check.js';
import { NATIVE, type QueryTarget, type Support } from './query-target.js';

const SCHEMA = {
  text: 'string',
  published: 'number',
  year: 'enum',
  countries: 'enum[]',
  agencies: 'enum[]',
  outlet: 'enum',
} as const;

const FACETS = { countries: {}, agencies: {}, outlet: {}, year: {} };
/** Most hits a post-filtered search fetches to check them (phrase, negation). */
export const MAX_POST_FILTERED = 1_000_000;

export const ORAMA_SUPPORT: Record<QueryClass, Support> = {
  rare: NATIVE,
  common: NATIVE,
  'two-words': NATIVE,
  phrase: {
    kind: 'approximated',
    how: 'all words (threshold 0), then every hit fetched and checked for the phrase',
  },
  typo: NATIVE,
  prefix: NATIVE,
  negation: {
    kind: 'approximated',
    how: 'the positive word, then every hit fetched and dropped if it holds the word',
  },
};

/** Levenshtein distance allowed for a misspelling, by the same rule as ours (1 from 5 letters, 2 from 9). */
export function typoTolerance(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}

export async function openOramaTarget(passages: AsyncIterable<BenchPassage>): Promise<QueryTarget> {
  const db = create({ schema: SCHEMA });
  let batch: {
    id: string;
    text: string;
    published: number;
    year: string;
    countries: string[];
    agencies: string[];
    outlet: string;
  }[] = [];
  for await (const passage of passages) {
    batch.push({
      id: String(passage.pid),
      text: passage.text,
      published: passage.published ?? 0,
      year: passage.year ?? 'unknown',
      countries: passage.countries,
      agencies: passage.agencies,
      outlet: passage.outlet,
    });
    if (batch.length >= 1000) {
      await insertMultiple(db, batch, 1000);
      batch = [];
    }
  }
  if (batch.length > 0) await insertMultiple(db, batch, 1000);

  const where = (filter: QueryFilter | null) =>
    filter === null
      ? undefined
      : {
          countries: { containsAny: [filter.country] },
          published: {
            between: [dateNumber(filter.from) ?? 0, dateNumber(filter.to) ?? 0] as [number, number],
          },
        };

  const run = async (query: BenchQuery, filter: QueryFilter | null, limit: number) => {
    const words = [...query.must, ...query.phrase, ...(query.prefix === null ? [] : [query.prefix])];
    const term = query.typo ?? words.join(' ');
    return search(db, {
      term,
      properties: ['text'],
      threshold: 0,
      tolerance: query.typo === null ? 0 : typoTolerance(query.typo),
      limit,
      where: where(filter),
      facets: FACETS,
    });
  };

  return {
    name: `Orama`,
    unit: 'passage',
    support: ORAMA_SUPPORT,
    extras: 'count, 4 facets (per passage), 10 hits; no snippets',
    async search(query, filter) {
      const checked = (hits: { document: { text?: unknown } }[]) =>
        hits.filter((hit) => {
          const text = String(hit.document.text);
          return containsPhrase(text, query.phrase) && containsNone(text, query.not);
        }).length;
      const first = await run(query, filter, 10);
      const postFiltered = query.phrase.length > 0 || query.not.length > 0;
      if (!postFiltered || first.count <= first.hits.length)
        return postFiltered ? checked(first.hits) : first.count;
      // A second search for every hit: asking for a huge limit up front costs Orama time per slot.
      return checked((await run(query, filter, Math.min(first.count, MAX_POST_FILTERED))).hits);
    },
    close: async () => undefined,
  };
}
