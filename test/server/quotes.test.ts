import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuoteResult } from '../../server/quotes-view.js';
import { startPortal, type Portal } from './portal.js';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal.close();
});

async function quotesApi(query: string): Promise<QuoteResult> {
  const response = await portal.get(`/api/quotes?${query}`);
  if (response.status !== 200)
    throw new Error(`/api/quotes?${query} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as QuoteResult;
}

describe('GET /api/quotes', () => {
  it('reads every quote of a speaker whose name is typed, each linked to its passage', async () => {
    const byName = await quotesApi('q=Ratcliffe&per_page=50');
    expect(byName.totalQuotes).toBeGreaterThan(5);
    expect(byName.hits.every((hit) => hit.speaker === 'John Ratcliffe')).toBe(true);
    for (const hit of byName.hits) {
      for (const report of hit.reports) {
        expect(report.link).toBe(`/articles/${report.article.id}#p-${report.passageIndex}`);
        const article = await (
          await portal.get(`/api/articles/${encodeURIComponent(report.article.id)}`)
        ).json();
        const passage = (article as { passages: { index: number; text: string }[] }).passages.find(
          (candidate) => candidate.index === report.passageIndex,
        );
        // The quote's first words are in the passage it links to.
        expect(passage?.text.replace(/\s+/g, ' ')).toContain(report.text.split(' ').slice(0, 4).join(' '));
      }
    }
    const bySpeaker = await quotesApi('speaker=john%20ratcliffe&per_page=50');
    expect(bySpeaker.hits.map((hit) => hit.group).sort()).toEqual(byName.hits.map((hit) => hit.group).sort());
    expect(bySpeaker.facets.speaker['John Ratcliffe']).toBe(byName.totalQuotes);
  });

  it('finds "Vote for Trump or else" as a quote', async () => {
    const result = await quotesApi(`q=${encodeURIComponent('"Vote for Trump or else"')}`);
    expect(result.totalQuotes).toBe(1);
    expect(result.hits[0]?.html).toContain('<mark>Vote</mark>');
  });

  it('groups the same statement reported by two outlets, with a link to each', async () => {
    const result = await quotesApi(`q=${encodeURIComponent('"obtained by Iran"')}`);
    const hit = result.hits[0];
    expect(result.totalQuotes).toBe(1);
    expect(hit?.articleCount).toBe(2);
    expect(new Set(hit?.reports.map((report) => report.article.outlet))).toEqual(
      new Set(['Unknown outlet', 'TRT World']),
    );
  });

  it('filters by accused country and counts statements per speaker and country', async () => {
    const result = await quotesApi('country=Iran&speaker=Chuck%20Schumer');
    expect(result.filters).toEqual({ speaker: ['Chuck Schumer'], country: ['Iran'] });
    expect(result.totalQuotes).toBe(result.facets.speaker['Chuck Schumer']);
    expect(Object.keys(result.facets.speaker).length).toBeGreaterThan(3);
    expect(result.facets.country.Iran).toBe(result.totalQuotes);
  });

  it('refuses bad parameters with a message that names them', async () => {
    for (const [query, name] of [
      ['page=0', 'page'],
      ['per_page=500', 'per_page'],
      ['speaker=' + 'x'.repeat(300), 'speaker'],
      ['q=a&q=b', 'q'],
    ] as const) {
      const response = await portal.get(`/api/quotes?${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: string }).error).toContain(`"${name}"`);
    }
  });
});

describe('GET /quotes', () => {
  it('renders the quotes with their speakers and reports, and only the results region for htmx', async () => {
    const page = await (await portal.get('/quotes?q=spoofed')).text();
    expect(page).toContain('<blockquote class="quote-text">');
    expect(page).toContain('John Ratcliffe');
    expect(page).toMatch(/Quoted in 2 articles/);
    expect(page).toContain('aria-current="page">Quotes');
    const partial = await portal.get('/quotes?q=spoofed', { 'HX-Request': 'true' });
    expect(partial.headers.get('vary')).toContain('HX-Request');
    expect(partial.headers.get('hx-push-url')).toBe('/quotes?q=spoofed');
    const html = await partial.text();
    expect(html).not.toContain('<html');
    expect(html).toContain('id="search-status" hx-swap-oob');
  });

  it('links each report to its passage with the query words marked there', async () => {
    const page = await (await portal.get('/quotes?q=spoofed')).text();
    const link = /href="(\/articles\/[^"]+\?q=spoofed#p-\d+)"/.exec(page)?.[1];
    expect(link).toBeDefined();
    const article = await (await portal.get(link?.replace(/#.*/, '') ?? '')).text();
    expect(article).toContain('<mark>spoofed</mark>');
  });

  it('proposes the full name when a speaker is typed in part', async () => {
    const page = await (await portal.get('/quotes?speaker=ratcliffe')).text();
    expect(page).toContain('No quotes match');
    expect(page).toMatch(/Did you mean <a href="\/quotes\?speaker=John\+Ratcliffe">John Ratcliffe<\/a>/);
  });

  it('ticks a selected speaker whatever case it was typed in, once', async () => {
    const page = await (await portal.get('/quotes?speaker=john%20ratcliffe')).text();
    const boxes = [...page.matchAll(/name="speaker" value="([^"]*)"\s*checked/g)].map((match) => match[1]);
    expect(boxes).toEqual(['John Ratcliffe']);
  });
});
