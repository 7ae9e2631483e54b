import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, type Portal } from './portal.js';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal.close();
});

const hostileQueries = [
  '"unbalanced',
  'AND OR NOT (',
  '*',
  'NEAR(a b)',
  'title:foo',
  "'; DROP TABLE passages; --",
  'x'.repeat(5000),
  '🗳️ Iran 🇮🇷',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '-',
  '-"',
  '""',
  'Iran\u0000\u0007\u001b',
  '^Iran',
  'col:"x" OR rowid',
];

describe('hostile queries', () => {
  it.each(hostileQueries)('answers %j without an error and without live markup', async (q) => {
    for (const route of ['/api/search', '/search']) {
      const response = await portal.get(`${route}?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(body).not.toContain('<script>alert');
      expect(body).not.toContain('<img src=x');
    }
  });

  it.each(hostileQueries)('exports, and answers htmx, for %j without an error or live markup', async (q) => {
    const encoded = encodeURIComponent(q);
    // CSV keeps the query as typed (it is data, not markup): a download that is never rendered.
    const csv = await portal.get(`/api/export?format=csv&q=${encoded}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(csv.headers.get('x-content-type-options')).toBe('nosniff');
    for (const [path, headers] of [
      [`/api/export?format=json&q=${encoded}`, {}],
      [`/search?q=${encoded}`, { 'HX-Request': 'true' }],
    ] as const) {
      const response = await portal.get(path, headers);
      expect(response.status, path).toBe(200);
      const body = await response.text();
      expect(body).not.toContain('<script>alert');
      expect(body).not.toContain('<img src=x');
    }
  });

  it('keeps a hostile value out of the pushed address header and the export stamp as markup', async () => {
    const value = '"><script>alert(1)</script>\r\nSet-Cookie: x=1';
    const response = await portal.get(`/search?country=${encodeURIComponent(value)}`, {
      'HX-Request': 'true',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toBeNull();
    const csv = await (await portal.get(`/api/export?format=csv&q=${encodeURIComponent(value)}`)).text();
    // The stamp is one comment line: a line break in the query cannot start a row of its own.
    expect(csv.split('\r\n').filter((line) => line.startsWith('# query:'))).toHaveLength(1);
    expect(csv).not.toMatch(/^Set-Cookie/m);
  });

  it('cuts a very long query and says so', async () => {
    const html = await (await portal.get(`/search?q=${'Iran '.repeat(400)}`)).text();
    expect(html).toContain('only its first 1,000 characters were searched');
  });

  it('escapes hostile filter values in the page', async () => {
    const response = await portal.get(`/search?country=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;');
  });

  it('escapes a hostile query echoed on the article page', async () => {
    const { hits } = (await (await portal.get('/api/search')).json()) as {
      hits: { article: { id: string } }[];
    };
    const id = hits[0]?.article.id ?? '';
    const response = await portal.get(
      `/articles/${id}?q=${encodeURIComponent('"><script>alert(1)</script>')}`,
    );
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain('<script>alert');
  });

  it('answers a malformed URL with a 400, not a 500', async () => {
    const response = await portal.get('/articles/%E0%A4%A');
    expect(response.status).toBe(400);
  });
});
