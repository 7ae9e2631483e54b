import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteEngine } from '../../engine/engines/sqlite.js';
import type { Article, SearchEngine } from '../../engine/types.js';
import { indexCorpus } from '../../indexer/index-corpus.js';
import { loadCorpus } from '../../indexer/load-corpus.js';
import { DEFAULT_LIMITS } from '../../engine/config.js';
import { createApp } from '../../server/app.js';
import { createPortalServer } from '../../server/http-server.js';
import type { RateLimitOptions } from '../../server/rate-limit.js';
import type { SearchResult } from '../../server/present.js';

export const corpusDir = fileURLToPath(new URL('../../corpus', import.meta.url));

export interface Portal {
  port: number;
  url: (pathAndQuery: string) => string;
  get: (pathAndQuery: string, headers?: Record<string, string>) => Promise<Response>;
  engine: SearchEngine;
  close: () => Promise<void>;
}

/**
 * The real portal over the real embedded engine and the bundled corpus, listening on an
 * ephemeral loopback port. `indexed: false` starts it on an empty data dir (no index yet);
 * `extraArticles` are indexed along with the corpus (e.g. one whose source address is known);
 * `maxExportPassages` lowers the export cap so a test can reach it; `rateLimit` and the timeouts
 * set the limits of server/rate-limit.ts, server/search-deadline.ts and server/http-server.ts.
 */
export async function startPortal({
  indexed = true,
  extraArticles = [] as readonly Article[],
  maxExportPassages = undefined as number | undefined,
  rateLimit = null as RateLimitOptions | null,
  searchTimeoutMs = DEFAULT_LIMITS.searchTimeoutMs,
  requestTimeoutMs = DEFAULT_LIMITS.requestTimeoutMs,
} = {}): Promise<Portal> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portal-test-'));
  const engine = await openSqliteEngine({ dataDir });
  if (indexed) {
    const loaded = await loadCorpus(corpusDir);
    await indexCorpus(engine, { ...loaded, articles: [...loaded.articles, ...extraArticles] });
  }
  const app = createApp({ engine, maxExportPassages, rateLimit, searchTimeoutMs });
  const server = createPortalServer(app, { requestTimeoutMs }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const url = (pathAndQuery: string) => `http://127.0.0.1:${port}${pathAndQuery}`;
  return {
    port,
    url,
    get: (pathAndQuery, headers = {}) => fetch(url(pathAndQuery), { headers }),
    engine,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function searchApi(portal: Portal, query: string): Promise<SearchResult> {
  const response = await portal.get(`/api/search?${query}`);
  if (response.status !== 200)
    throw new Error(`GET /api/search?${query} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as SearchResult;
}
