import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchApi, startPortal, type Portal } from './portal.js';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal.close();
});

describe('search page', () => {
  it('serves a full page with a plain GET form that works without JavaScript', async () => {
    const response = await portal.get('/');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<!doctype html>/i);
    expect(html).toMatch(/<form[^>]*method="get"[^>]*action="\/search"/);
    expect(html).toContain('name="q"');
    expect(html).toContain('<script src="/assets/htmx.min.js"');
  });

  it('returns only the results region to htmx, and says the answer varies on HX-Request', async () => {
    const full = await portal.get('/search?q=Kremlin');
    const partial = await portal.get('/search?q=Kremlin', { 'HX-Request': 'true' });
    expect(full.headers.get('vary')).toMatch(/HX-Request/i);
    expect(partial.headers.get('vary')).toMatch(/HX-Request/i);
    const partialHtml = await partial.text();
    expect(partialHtml).not.toMatch(/<html/i);
    expect(partialHtml).toContain('class="facets"');
    expect(partialHtml).toContain('<mark>Kremlin</mark>');
    expect(await full.text()).toMatch(/<html/i);
  });

  it('returns the full page when htmx restores history', async () => {
    const response = await portal.get('/search?q=Kremlin', {
      'HX-Request': 'true',
      'HX-History-Restore-Request': 'true',
    });
    expect(await response.text()).toMatch(/<html/i);
  });

  it('shows facet counts for country, agency, outlet and year, with the selected country ticked', async () => {
    const html = await (await portal.get('/search?country=Russia')).text();
    for (const facet of ['country', 'agency', 'outlet', 'year'])
      expect(html).toContain(`data-facet="${facet}"`);
    expect(html).toMatch(/name="country" value="Russia" checked/);
    expect(html).toMatch(/class="facet-count"[^>]*>\d+</);
  });

  it('links each passage to its anchor with the query, so the article page can mark the terms', async () => {
    const html = await (await portal.get('/search?q=Kremlin')).text();
    expect(html).toMatch(/href="\/articles\/[^"?#]+\?q=Kremlin#p-\d+"/);
  });

  it('tells the user when nothing matches and offers to remove the filter that excluded everything', async () => {
    const kremlin = await searchApi(portal, 'q=Kremlin');
    const outlets = Object.keys((await searchApi(portal, '')).facets.outlet);
    let excluding: string | undefined;
    for (const outlet of outlets) {
      if ((await searchApi(portal, `q=Kremlin&outlet=${encodeURIComponent(outlet)}`)).totalArticles === 0) {
        excluding = outlet;
        break;
      }
    }
    if (!excluding) throw new Error('every outlet has an article about the Kremlin; pick another scenario');
    const html = await (await portal.get(`/search?q=Kremlin&outlet=${encodeURIComponent(excluding)}`)).text();
    expect(html).toContain('No articles match');
    expect(html).toContain('Remove a filter:');
    expect(html).toContain(`<a href="/search?q=Kremlin">Outlet: ${excluding}</a>`);
    expect(html).toContain(`→ ${kremlin.totalArticles} articles`);
  });

  it('offers to drop the word that matches nothing, with how many articles the rest finds', async () => {
    const kremlin = await searchApi(portal, 'q=Kremlin');
    const html = await (await portal.get('/search?q=Kremlin+zebracorn')).text();
    expect(html).toContain('<a href="/search?q=Kremlin">without <q>zebracorn</q></a>');
    expect(html).toContain(`→ ${kremlin.totalArticles} articles`);
    // Dropping "Kremlin" would still find nothing, so it is not offered.
    expect(html).not.toContain('without <q>Kremlin</q>');
  });

  it('proposes the nearest indexed spelling of a word that found nothing', async () => {
    const iran = await searchApi(portal, 'q=iran');
    const html = await (await portal.get('/search?q=Irn')).text();
    expect(html).toContain(
      `Did you mean <a href="/search?q=iran">iran</a> (${iran.totalArticles} articles)?`,
    );
  });

  it('keeps filters in pagination links', async () => {
    const html = await (await portal.get('/search?country=Iran&per_page=1')).text();
    expect(html).toMatch(/href="\/search\?country=Iran&amp;page=2&amp;per_page=1"/);
  });
});

describe('search page with htmx', () => {
  const htmx = { 'HX-Request': 'true' };

  it('pushes the canonical address of the search into the history, without empty parameters', async () => {
    const response = await portal.get('/search?q=Kremlin&sort=relevance&from=&to=', htmx);
    expect(response.headers.get('hx-push-url')).toBe('/search?q=Kremlin');
  });

  it('replaces the history entry while the person is still typing, or when the state did not change', async () => {
    const typing = await portal.get('/search?q=Kreml', { ...htmx, 'X-History': 'replace' });
    expect(typing.headers.get('hx-replace-url')).toBe('/search?q=Kreml');
    expect(typing.headers.get('hx-push-url')).toBeNull();
    const same = await portal.get('/search?q=Kremlin', {
      ...htmx,
      'HX-Current-URL': portal.url('/search?q=Kremlin'),
    });
    expect(same.headers.get('hx-replace-url')).toBe('/search?q=Kremlin');
  });

  it('updates the title and the announced result count out of band', async () => {
    const { totalArticles } = await searchApi(portal, 'q=Ratcliffe');
    const partial = await (await portal.get('/search?q=Ratcliffe', htmx)).text();
    expect(partial).toContain('<title>Ratcliffe · Interference Search</title>');
    expect(partial).toContain(
      `<p id="search-status" hx-swap-oob="innerHTML">${totalArticles} articles for Ratcliffe</p>`,
    );
    const full = await (await portal.get('/search?q=Ratcliffe')).text();
    expect(full).toMatch(
      /<p id="search-status"[^>]*role="status"[^>]*aria-live="polite"[^>]*>\d+ articles for Ratcliffe</,
    );
    expect(full).not.toContain('hx-swap-oob');
  });

  it('gives each facet checkbox an id from its value, so focus survives the swap when counts reorder', async () => {
    const idOf = (html: string, value: string) =>
      html.match(
        new RegExp(`id="([^"]+)" class="facet-input" type="checkbox" name="country" value="${value}"`),
      )?.[1];
    const a = await (await portal.get('/search', htmx)).text();
    const b = await (await portal.get('/search?q=Kremlin&country=Iran', htmx)).text();
    expect(idOf(a, 'Iran')).toBeDefined();
    expect(idOf(a, 'Iran')).toBe(idOf(b, 'Iran'));
    expect(idOf(a, 'Iran')).not.toBe(idOf(a, 'Russia'));
  });

  it('shows the months of a selected year, counted for the same query and filters', async () => {
    const all = await searchApi(portal, '');
    const [year, count] = Object.entries(all.facets.year)[0] ?? [];
    if (!year) throw new Error('no dated article');
    const html = await (await portal.get(`/search?from=${year}-01-01&to=${year}-12-31`)).text();
    const months = [...html.matchAll(/<span class="visually-hidden">(\w+) (\d{4}): (\d+) articles?/g)];
    expect(months).toHaveLength(12);
    expect(months.reduce((sum, match) => sum + Number(match[3]), 0)).toBe(count);
  });

  it('answers an htmx request that fails with the message alone, not a page inside the page', async () => {
    const response = await portal.get('/search?from=2020-02-30', htmx);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).not.toMatch(/<html/);
    expect(html).toContain('role="alert"');
    expect(html).toContain('&quot;from&quot; is not a real calendar date');
  });
});

describe('article page', () => {
  it('links back to the exact results it was opened from', async () => {
    const html = await (await portal.get('/search?q=Iran&country=Russia&sort=newest')).text();
    const link = html.match(/class="passage-link" href="([^"]+)"/)?.[1]?.replaceAll('&amp;', '&') ?? '';
    expect(link).toMatch(/^\/articles\/[^?]+\?q=Iran&country=Russia&sort=newest#p-\d+$/);
    const article = await (await portal.get(link.split('#')[0] ?? '')).text();
    expect(article).toContain('href="/search?q=Iran&amp;country=Russia&amp;sort=newest" data-back');
  });

  it('ignores a malformed search in the article address and still marks the query', async () => {
    const { hits } = await searchApi(portal, 'q=Kremlin');
    const id = hits[0]?.article.id ?? '';
    const response = await portal.get(`/articles/${id}?q=Kremlin&from=not-a-date`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<mark>Kremlin</mark>');
    expect(html).toContain('href="/search?q=Kremlin" data-back');
  });

  it('renders every passage with its anchor and highlights the query terms and the target passage', async () => {
    const { hits } = await searchApi(portal, 'q=Kremlin');
    const hit = hits[0];
    if (!hit) throw new Error('no hit for Kremlin');
    const passage = hit.passages[0];
    if (!passage) throw new Error('no passage');
    const response = await portal.get(`/articles/${hit.article.id}?q=Kremlin`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const article = (await (await portal.get(`/api/articles/${hit.article.id}`)).json()) as {
      passages: unknown[];
    };
    for (let index = 1; index <= article.passages.length; index++) expect(html).toContain(`id="p-${index}"`);
    expect(html).toMatch(new RegExp(`id="p-${passage.index}" class="passage has-marks"`));
    expect(html).toContain('<mark>Kremlin</mark>');
    // The target passage is highlighted by CSS :target, which needs no script.
    const css = await (await portal.get('/assets/style.css')).text();
    expect(css).toContain('.passage:target');
  });

  it('answers 404 for an unknown article', async () => {
    const response = await portal.get('/articles/nope');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Not found');
  });
});

describe('assets', () => {
  it('serves htmx itself, and pages load nothing from another host', async () => {
    const htmx = await portal.get('/assets/htmx.min.js');
    expect(htmx.status).toBe(200);
    expect(await htmx.text()).toContain('htmx');
    const html = await (await portal.get('/search?q=Iran')).text();
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});
