import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMeilisearchEngine } from '../../engine/engines/meilisearch.js';
import type { SearchEngine } from '../../engine/types.js';
import { createApp } from '../../server/app.js';

/** A loopback port that was just free: nothing listens there, as when Meilisearch is down. */
async function closedPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('the portal while Meilisearch is down', () => {
  let engine: SearchEngine;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    engine = await openMeilisearchEngine({
      url: `http://127.0.0.1:${await closedPort()}`,
      apiKey: 'search-key',
    });
    server = createApp({ engine }).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await engine.close();
  });

  it('starts, and /healthz answers 503 with the reason', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; engine: string; reason: string };
    expect(body).toMatchObject({ status: 'unavailable', engine: 'meilisearch' });
    expect(body.reason).toMatch(/unreachable/i);
  });

  it('answers pages and the API with 503 and a clear message, never the key', async () => {
    const page = await fetch(`${base}/search?q=Iran`);
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(html).toContain('Search is unavailable');
    expect(html).not.toContain('search-key');
    const api = await fetch(`${base}/api/search?q=Iran`);
    expect(api.status).toBe(503);
    expect(((await api.json()) as { error: string }).error).toMatch(/unavailable/i);
  });
});
