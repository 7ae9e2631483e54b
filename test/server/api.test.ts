import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchApi, startPortal, type Portal } from './portal.js';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal.close();
});

describe('GET /api/search', () => {
  it('finds the one article quoting "Vote for Trump or else", typed with curly quotes, with the phrase marked', async () => {
    const result = await searchApi(portal, `q=${encodeURIComponent('“Vote for Trump or else”')}`);
    expect(result.totalArticles).toBe(1);
    const passage = result.hits[0]?.passages[0];
    expect(passage?.html).toMatch(
      /<mark>Vote<\/mark> <mark>for<\/mark> <mark>Trump<\/mark> <mark>or<\/mark> <mark>else<\/mark>/,
    );
  });

  it('answers the same for the phrase typed with straight quotes', async () => {
    const curly = await searchApi(portal, `q=${encodeURIComponent('“Vote for Trump or else”')}`);
    const straight = await searchApi(portal, `q=${encodeURIComponent('"Vote for Trump or else"')}`);
    expect(straight.hits.map((hit) => hit.article.id)).toEqual(curly.hits.map((hit) => hit.article.id));
  });

  it('returns the documented shape, with passage links to the exact paragraph', async () => {
    const result = await searchApi(portal, 'q=Ratcliffe&per_page=2');
    expect(result).toMatchObject({ query: 'Ratcliffe', page: 1, perPage: 2 });
    expect(typeof result.tookMs).toBe('number');
    expect(result.hits.length).toBeLessThanOrEqual(2);
    expect(result.totalArticles).toBeGreaterThan(2);
    for (const hit of result.hits) {
      expect(Object.keys(hit.article).sort()).toEqual(['id', 'outlet', 'published', 'title', 'url']);
      expect(hit.passages.length).toBeGreaterThan(0);
      expect(hit.passages.length).toBeLessThanOrEqual(3);
      for (const passage of hit.passages) {
        expect(passage.link).toBe(`/articles/${hit.article.id}#p-${passage.index}`);
        expect(passage.html).toContain('<mark>');
      }
    }
    expect(Object.keys(result.facets).sort()).toEqual(['agency', 'country', 'outlet', 'year']);
  });

  it('filters to articles accusing Russia and counts agencies and years among them', async () => {
    const result = await searchApi(portal, 'country=Russia');
    expect(result.totalArticles).toBeGreaterThan(0);
    for (const hit of result.hits) {
      const article = (await (await portal.get(`/api/articles/${hit.article.id}`)).json()) as {
        countries: string[];
      };
      expect(article.countries).toContain('Russia');
    }
    const yearTotal = Object.values(result.facets.year).reduce((sum, count) => sum + count, 0);
    expect(yearTotal).toBe(result.totalArticles);
    expect(Object.keys(result.facets.agency).length).toBeGreaterThan(0);
  });

  it('counts each facet as if its own selection were not made (disjunctive facets)', async () => {
    const all = await searchApi(portal, '');
    const russia = await searchApi(portal, 'country=Russia');
    expect(russia.facets.country).toEqual(all.facets.country);
    expect(russia.totalArticles).toBe(all.facets.country.Russia);
  });

  it('lists every article newest first when there is no query', async () => {
    const result = await searchApi(portal, 'per_page=50');
    const dates = result.hits.map((hit) => hit.article.published ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    const health = (await (await portal.get('/healthz')).json()) as { articles: number };
    expect(result.totalArticles).toBe(health.articles);
  });

  it('pages through results without losing or repeating an article', async () => {
    const all = await searchApi(portal, 'per_page=50');
    const pages = await Promise.all([1, 2, 3].map((page) => searchApi(portal, `per_page=2&page=${page}`)));
    const ids = pages.flatMap((page) => page.hits.map((hit) => hit.article.id));
    expect(ids).toEqual(all.hits.map((hit) => hit.article.id).slice(0, 6));
  });

  it.each([
    ['from=2020-13-40', /"from"/],
    ['to=yesterday', /"to"/],
    ['from=2021-01-01&to=2020-01-01', /after/],
    ['sort=popular', /"sort"/],
    ['page=0', /"page"/],
    ['page=abc', /"page"/],
    ['per_page=51', /"per_page"/],
    ['q=a&q=b', /"q"/],
  ])('rejects %s with a 400 and a message naming the parameter', async (query, message) => {
    const response = await portal.get(`/api/search?${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string };
    expect(body.error).toMatch(message);
  });
});

describe('GET /api/articles/:id', () => {
  it('returns the article with its facets, passages and quotes', async () => {
    const { hits } = await searchApi(portal, `q=${encodeURIComponent('"Vote for Trump or else"')}`);
    const id = hits[0]?.article.id ?? '';
    const response = await portal.get(`/api/articles/${id}`);
    expect(response.status).toBe(200);
    const article = (await response.json()) as Record<string, unknown> & {
      passages: { index: number; text: string }[];
    };
    for (const key of [
      'id',
      'title',
      'outlet',
      'published',
      'url',
      'countries',
      'agencies',
      'passages',
      'quotes',
    ]) {
      expect(article).toHaveProperty(key);
    }
    expect(article.passages.map((passage) => passage.index)).toEqual(article.passages.map((_, i) => i + 1));
    expect(article.passages.some((passage) => passage.text.includes('Vote for Trump or else'))).toBe(true);
  });

  it('answers 404 with a message for an unknown id', async () => {
    const response = await portal.get('/api/articles/no-such-article');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/no-such-article/);
  });
});

describe('GET /healthz', () => {
  it('reports the engine and what it holds', async () => {
    const response = await portal.get('/healthz');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', engine: 'sqlite', articles: 5 });
    expect(body.passages).toBeGreaterThan(50);
  });

  it('answers 503 with a reason when there is no index, and searches say so too', async () => {
    const empty = await startPortal({ indexed: false });
    try {
      const health = await empty.get('/healthz');
      expect(health.status).toBe(503);
      expect(((await health.json()) as { reason: string }).reason).toMatch(/index/);
      const search = await empty.get('/api/search?q=Iran');
      expect(search.status).toBe(503);
      const page = await empty.get('/search?q=Iran');
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('Search is unavailable');
    } finally {
      await empty.close();
    }
  });
});
