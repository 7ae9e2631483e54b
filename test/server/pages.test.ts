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

  it('tells the user when nothing matches and offers to remove the filters', async () => {
    const html = await (await portal.get('/search?q=zebracorn&country=Iran')).text();
    expect(html).toContain('No articles match');
    expect(html).toContain('remove the filters');
  });

  it('keeps filters in pagination links', async () => {
    const html = await (await portal.get('/search?country=Iran&per_page=1')).text();
    expect(html).toMatch(/href="\/search\?country=Iran&amp;page=2&amp;per_page=1"/);
  });
});

describe('article page', () => {
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
