import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, type Portal } from './portal.js';

const LIMIT = 3;

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal({ rateLimit: { requests: LIMIT, windowMs: 60_000 } });
});
afterAll(async () => {
  await portal.close();
});

/**
 * Requests come from loopback, a proxy `trust proxy` accepts, so X-Forwarded-For names the client:
 * each test is its own client with a budget of its own.
 */
let nextClient = 1;
function newClient(): (path: string, headers?: Record<string, string>) => Promise<Response> {
  const address = `203.0.113.${nextClient++}`;
  return (path, headers = {}) => portal.get(path, { 'X-Forwarded-For': address, ...headers });
}

async function useUp(get: ReturnType<typeof newClient>, path = '/api/search?q=Iran'): Promise<void> {
  for (let i = 0; i < LIMIT; i++) expect((await get(path)).status, `request ${i + 1}`).toBe(200);
}

describe('rate limiting of searches and the API', () => {
  it('answers past the limit with 429, Retry-After and the standard RateLimit headers, in JSON for the API', async () => {
    const get = newClient();
    const first = await get('/api/search?q=Iran');
    // draft-ietf-httpapi-ratelimit-headers-08: the policy (quota q in window w seconds) and what is
    // left of it (r remaining, t seconds until reset); pk is the client's partition key, hashed.
    expect(first.headers.get('ratelimit-policy')).toMatch(
      new RegExp(`^"${LIMIT}-in-1min"; q=${LIMIT}; w=60\\b`),
    );
    expect(first.headers.get('ratelimit')).toMatch(
      new RegExp(`^"${LIMIT}-in-1min"; r=${LIMIT - 1}; t=\\d+\\b`),
    );
    await get('/api/search?q=Iran');
    await get('/api/search?q=Iran');
    const refused = await get('/api/search?q=Iran');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit')).toMatch(/; r=0; t=\d+\b/);
    const { error } = (await refused.json()) as { error: string };
    expect(error).toBe(
      `Too many searches from your address: at most ${LIMIT} in a minute. Try again in ${retryAfter} s.`,
    );
  });

  it('answers a search page past the limit with an error page, and htmx with the error partial', async () => {
    const get = newClient();
    await useUp(get, '/search?q=Iran');
    const page = await get('/search?q=Iran');
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
    const html = await page.text();
    expect(html).toContain('<!doctype html>');
    expect(html).toContain('Too many searches');
    expect(html).toMatch(/at most 3 in a minute\. Try again in \d+ s\./);

    const partial = await get('/search?q=Iran', { 'HX-Request': 'true' });
    expect(partial.status).toBe(429);
    expect(partial.headers.get('vary')).toMatch(/HX-Request/i);
    const fragment = await partial.text();
    expect(fragment).not.toContain('<!doctype html>');
    expect(fragment).toContain('role="alert"');
    expect(fragment).toContain('Too many searches');
  });

  it('counts pages, the home page, exports and the API against one budget', async () => {
    const get = newClient();
    expect((await get('/')).status).toBe(200);
    expect((await get('/search?q=Iran')).status).toBe(200);
    expect((await get('/api/export?format=csv&q=Iran')).status).toBe(200);
    expect((await get('/api/search?q=Iran')).status).toBe(429);
    expect((await get('/')).status).toBe(429);
  });

  it('never limits assets or /healthz, and sends them no RateLimit headers', async () => {
    const get = newClient();
    for (let i = 0; i < LIMIT * 2; i++) {
      for (const path of ['/assets/style.css', '/assets/htmx.min.js', '/healthz']) {
        const response = await get(path);
        expect(response.status, path).toBe(200);
        expect(response.headers.get('ratelimit'), path).toBeNull();
      }
    }
    await useUp(get);
  });

  it('gives each client address its own budget', async () => {
    const spent = newClient();
    await useUp(spent);
    expect((await spent('/api/search?q=Iran')).status).toBe(429);
    expect((await newClient()('/api/search?q=Iran')).status).toBe(200);
  });
});
