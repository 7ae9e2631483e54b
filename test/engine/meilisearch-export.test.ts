/**
 * The Meilisearch side of exports without a server: the query that lists every matching passage,
 * and passage hits (shaped as in https://www.meilisearch.com/docs/reference/api/search) as our
 * `ExportedPassage`. The contract suite (contract.ts) checks the passages themselves when MEILI_URL is set.
 */
import { describe, expect, it } from 'vitest';
import { exportedPassage, passageDocuments } from '../../engine/engines/meilisearch-mapping.js';
import { planExport, planSearch } from '../../engine/engines/meilisearch-search.js';
import type { ExportRequest } from '../../engine/types.js';
import { article, NO_FILTERS, request } from './fixtures.js';

const exportRequest = (q: string, overrides: Partial<ExportRequest> = {}): ExportRequest => ({
  q,
  filters: NO_FILTERS,
  sort: 'relevance',
  limit: 100,
  ...overrides,
});

describe('Meilisearch export plan', () => {
  it('searches passages like the search does, but without distinct: every passage of an article', () => {
    const filters = { ...NO_FILTERS, country: ['Iran'], from: '2020-01-01', to: null };
    const query = planExport(exportRequest('iran ', { filters }), 'passages');
    const [main] = planSearch(request('iran ', { filters }), 'passages').queries;
    expect(query).toMatchObject({
      indexUid: 'passages',
      q: main?.q,
      matchingStrategy: 'all',
      filter: main?.filter,
    });
    expect(query).not.toHaveProperty('distinct');
    expect(query?.attributesToRetrieve).toEqual(
      expect.arrayContaining(['text', 'index', 'country', 'agency']),
    );
  });

  it('lists every passage, not only lead ones, for the empty query', () => {
    const query = planExport(exportRequest('', { sort: 'oldest' }), 'passages');
    expect(query).not.toHaveProperty('q');
    expect(query?.filter ?? '').not.toContain('lead');
    expect(query?.sort).toEqual(['publishedTs:asc']);
  });

  it('asks nothing when nothing can match', () => {
    expect(planExport(exportRequest('\uE000mark\uE001'), 'passages')).toBeNull();
  });

  it('maps a passage hit to the article, its facets and the passage', () => {
    const source = article('a-1', ['First.', 'Second passage.'], {
      countries: ['Iran'],
      agencies: ['FBI'],
      url: 'https://news.example/a',
    });
    const [, second] = passageDocuments(source);
    expect(exportedPassage({ ...second })).toEqual({
      article: {
        id: 'a-1',
        title: 'Title of a-1',
        outlet: 'Fixture Outlet',
        published: '2020-01-01',
        url: 'https://news.example/a',
        countries: ['Iran'],
        agencies: ['FBI'],
      },
      passage: { index: 2, text: 'Second passage.', countries: ['Iran'], agencies: ['FBI'] },
    });
  });
});
