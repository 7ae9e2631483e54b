import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMeilisearchEngine } from '../../engine/engines/meilisearch.js';
import type { SearchEngine } from '../../engine/types.js';
import { createApp } from '../../server/app.js';
import { article } from '../engine/fixtures.js';
import { startPortal, type Portal } from './portal.js';

const DEADLINE_MS = 300;

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the search deadline, on a Meilisearch that accepts requests and never answers', () => {
  let wedged: http.Server;
  const held = new Set<Socket>();
  let engine: SearchEngine;
  let portal: http.Server;
  let base: string;

  beforeAll(async () => {
    // Reads every request and answers none, like a server stuck on a huge query.
    wedged = http.createServer(() => undefined);
    wedged.on('connection', (socket) => held.add(socket));
    engine = await openMeilisearchEngine({ url: await listen(wedged), apiKey: 'search-key' });
    portal = createApp({ engine, searchTimeoutMs: DEADLINE_MS }).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => portal.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => portal.close(resolve));
    await engine.close();
    held.forEach((socket) => socket.destroy());
    await new Promise((resolve) => wedged.close(resolve));
  });

  it('answers the API with 503 and says how long it waited', async () => {
    const response = await fetch(`${base}/api/search?q=Iran`);
    expect(response.status).toBe(503);
    const { error } = (await response.json()) as { error: string };
    expect(error).toBe(
      'Search is unavailable right now: the search engine did not answer within 0.3 s. Try again in a moment, or narrow the search.',
    );
  });

  it('answers a search page and its htmx partial with 503 and the message', async () => {
    const page = await fetch(`${base}/search?q=Iran`);
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(html).toContain('Search is unavailable');
    expect(html).toContain('did not answer within 0.3 s');
    expect(html).not.toContain('search-key');
    const partial = await fetch(`${base}/search?q=Iran`, { headers: { 'HX-Request': 'true' } });
    expect(partial.status).toBe(503);
    expect(await partial.text()).toContain('role="alert"');
  });
});

describe('the search deadline, the request timeout and exports', () => {
  let portal: Portal;
  // Enough passages (megabytes of CSV) that the export waits for its reader many times.
  const long = article(
    'zz-deadline-long-export',
    Array.from({ length: 3000 }, (_, i) => `Passage ${i} on election interference, ${'detail '.repeat(60)}`),
  );

  beforeAll(async () => {
    // The request timeout bounds receiving the request, never sending the answer.
    portal = await startPortal({ extraArticles: [long], searchTimeoutMs: 50, requestTimeoutMs: 50 });
  });
  afterAll(async () => {
    await portal.close();
  });

  it('lets an export stream for longer than the search deadline and the request timeout', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    const body = await new Promise<string>((resolve, reject) => {
      http
        .get(portal.url('/api/export?format=csv&q=election'), (response) => {
          expect(response.statusCode).toBe(200);
          // A reader slower than the deadline: nothing is read until well after it has passed.
          response.pause();
          const chunks: Buffer[] = [];
          void sleep(250).then(() => {
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
            response.resume();
          });
        })
        .on('error', reject);
    });
    expect(body.trimEnd().split('\r\n').at(-1)).toMatch(/^# complete: \d+ passages$/);
    expect(body).toContain('Passage 2999 on election interference');
    // Waiting for a slow reader leaves no listener behind (Node warns past ten on one response).
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(warnings.filter((warning) => warning.startsWith('MaxListenersExceededWarning'))).toEqual([]);
  });
});
