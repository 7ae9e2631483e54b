/**
 * The Meilisearch adapter against a real Meilisearch (the contract, ordering, rebuilds, keys),
 * skipped with a reason when MEILI_URL is not set; and its fault handling against a stand-in HTTP
 * server, which always runs.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Meilisearch } from 'meilisearch';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/config.js';
import { createEngine } from '../../engine/create-engine.js';
import { openMeilisearchEngine } from '../../engine/engines/meilisearch.js';
import { startBuild } from '../../engine/engines/meilisearch-build.js';
import { OUTDATED_INDEX_MESSAGE } from '../../engine/engines/meilisearch-errors.js';
import { SCHEMA_VERSION } from '../../engine/engines/meilisearch-mapping.js';
import { liveIndexNames } from '../../engine/engines/meilisearch-settings.js';
import { BadRequestError, EngineUnavailableError } from '../../engine/errors.js';
import type { Article, SearchEngine } from '../../engine/types.js';
import { runEngineContract } from './contract.js';
import { article, QUOTE_ORDERING_FIXTURES, quoteRequest, request } from './fixtures.js';

const MEILI_URL = process.env['MEILI_URL'];
const ADMIN_KEY = process.env['MEILI_ADMIN_KEY'] || process.env['MEILI_MASTER_KEY'] || undefined;
const SKIP = MEILI_URL
  ? undefined
  : 'MEILI_URL is not set: start Meilisearch (docker compose up meilisearch) and run MEILI_URL=http://localhost:7700 MEILI_MASTER_KEY=… npm test';
// Said once per run, so the summary of every run without a server shows why this part did not run.
if (SKIP) console.warn(`Meilisearch contract, ordering and rebuild tests skipped: ${SKIP}`);

/** Every test index gets its own uid, deleted at the end, so runs never see each other's data. */
const createdUids: string[] = [];
function freshUid(label: string): string {
  const uid = `test_${label}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  createdUids.push(uid);
  return uid;
}

async function openTestEngine(uid = freshUid('engine'), apiKey = ADMIN_KEY): Promise<SearchEngine> {
  return openMeilisearchEngine({ url: MEILI_URL ?? '', apiKey, indexUid: uid });
}

afterAll(async () => {
  if (!MEILI_URL || createdUids.length === 0) return;
  const client = new Meilisearch({ host: MEILI_URL, apiKey: ADMIN_KEY });
  const { results } = await client.getRawIndexes({ limit: 1000 });
  const ours = results
    .map((index) => index.uid)
    .filter((uid) => createdUids.some((created) => uid.startsWith(created)));
  await Promise.all(ours.map((uid) => client.deleteIndex(uid).waitTask()));
});

runEngineContract('meilisearch', { create: () => openTestEngine(freshUid('contract')), skip: SKIP });

async function rebuild(
  engine: SearchEngine,
  articles: readonly Article[],
  fingerprint = 'fixtures',
): Promise<void> {
  const build = await engine.beginBuild({ corpusFingerprint: fingerprint });
  await build.add(articles);
  await build.commit();
}

const ids = async (engine: SearchEngine, q: string, sort: 'relevance' | 'newest' | 'oldest' = 'relevance') =>
  (await engine.search(request(q, { sort }))).hits.map((hit) => hit.article.id);

const FILLER = 'The statement was issued on Thursday by officials who asked not to be named in the report';

describe.skipIf(!!SKIP)(SKIP ? `meilisearch ordering (skipped: ${SKIP})` : 'meilisearch ordering', () => {
  let engine: SearchEngine;

  beforeAll(async () => {
    engine = await openTestEngine();
    await rebuild(engine, [
      article('exact-but-long', [`${FILLER}. ${FILLER}, and Ratcliffe was mentioned once. ${FILLER}.`], {
        published: '2020-05-01',
      }),
      article('typo-but-dense', ['Ratclife, Ratclife, Ratclife!'], { published: '2021-05-01' }),
      article(
        'best-passage-second',
        [
          `${FILLER}; sanctions were mentioned in passing. ${FILLER}.`,
          'Sanctions, sanctions and more sanctions.',
        ],
        { published: '2019-05-01' },
      ),
      article('undated', ['Sanctions again, but undated.'], { published: null }),
      article('old', ['Sanctions in an old article.'], { published: '2010-01-01' }),
      article('many-passages', ['Sanctions one.', 'Sanctions two.', 'Sanctions three.', 'Sanctions four.'], {
        published: '2015-01-01',
        countries: ['Iran'],
      }),
    ]);
  });

  afterAll(async () => {
    await engine.close();
  });

  it('ranks articles matching without typos before those needing one', async () => {
    expect(await ids(engine, 'ratcliffe ')).toEqual(['exact-but-long', 'typo-but-dense']);
  });

  it('ranks a prefix match like an exact one', async () => {
    expect(await ids(engine, 'ratcliff')).toEqual(['exact-but-long', 'typo-but-dense']);
  });

  it('returns the best passage of an article first', async () => {
    const response = await engine.search(request('sanctions '));
    const hit = response.hits.find((candidate) => candidate.article.id === 'best-passage-second');
    expect(hit?.passages.map((passage) => passage.index)).toEqual([2, 1]);
  });

  it('sorts by date, newest or oldest first, undated last either way', async () => {
    expect(await ids(engine, 'sanctions ', 'newest')).toEqual([
      'best-passage-second',
      'many-passages',
      'old',
      'undated',
    ]);
    expect(await ids(engine, 'sanctions ', 'oldest')).toEqual([
      'old',
      'many-passages',
      'best-passage-second',
      'undated',
    ]);
    expect(await ids(engine, '', 'oldest')).toEqual([
      'old',
      'many-passages',
      'best-passage-second',
      'exact-but-long',
      'typo-but-dense',
      'undated',
    ]);
  });

  it('lists the empty query newest first even when asked for relevance', async () => {
    expect(await ids(engine, '', 'relevance')).toEqual([
      'typo-but-dense',
      'exact-but-long',
      'best-passage-second',
      'many-passages',
      'old',
      'undated',
    ]);
  });

  it('counts articles, not passages, in totals and facets, and shows at most 3 passages', async () => {
    const response = await engine.search(request('sanctions '));
    expect(response.totalArticles).toBe(4);
    expect(response.facets.country).toEqual({ Iran: 1 });
    expect(response.facets.year).toEqual({ '2010': 1, '2015': 1, '2019': 1 });
    const many = response.hits.find((hit) => hit.article.id === 'many-passages');
    expect(many?.passages).toHaveLength(3);
  });

  it('crops a snippet around the match', async () => {
    const response = await engine.search(request('ratcliffe '));
    const html = response.hits[0]?.passages[0]?.html ?? '';
    expect(html).toContain('<mark>Ratcliffe</mark>');
    expect(html.split(/\s+/).length).toBeLessThan(40);
    expect(html.startsWith('…')).toBe(true);
  });
});

describe.skipIf(!!SKIP)(
  SKIP ? `meilisearch quote ordering (skipped: ${SKIP})` : 'meilisearch quote ordering',
  () => {
    let engine: SearchEngine;

    beforeAll(async () => {
      engine = await openTestEngine();
      await rebuild(engine, QUOTE_ORDERING_FIXTURES);
    });

    afterAll(async () => {
      await engine.close();
    });

    const groups = async (q: string) =>
      (await engine.searchQuotes(quoteRequest(q))).hits.map((hit) => hit.group);

    it('lists statements most recently reported first without a query, undated last', async () => {
      const listed = await groups('');
      expect(listed[0]).toBe('new#q0');
      // Both last reported on 2020-01-01: their order is not defined.
      expect(listed.slice(1, 3).sort()).toEqual(['middle#q1', 'shared#q0']);
      expect(listed.slice(3)).toEqual(['old#q0', 'undated#q0']);
    });

    it("ranks a quote whose words match above one that matches only by its speaker's name, then newest", async () => {
      const ranked = await groups('yellen');
      expect(ranked.slice(0, 2).sort()).toEqual(['middle#q1', 'undated#q0']);
      expect(ranked.slice(2)).toEqual(['new#q0', 'shared#q0', 'old#q0']);
    });
  },
);

describe.skipIf(!!SKIP)(
  SKIP ? `meilisearch article ids (skipped: ${SKIP})` : 'meilisearch article ids',
  () => {
    // Meilisearch lowercases, trims and NFKD-normalises filter and distinct values: these would be one.
    const lookalikes = ['Case-A', 'case-a', ' case-a', '\uFF43ase-a'];
    let engine: SearchEngine;

    beforeAll(async () => {
      engine = await openTestEngine();
      await rebuild(
        engine,
        lookalikes.map((id) => article(id, [`Kremlin statement number ${id.trim()}.`, 'Second passage.'])),
      );
    });

    afterAll(async () => {
      await engine.close();
    });

    it('keeps articles apart whose ids differ only by case, spaces or compatibility form', async () => {
      const response = await engine.search(request('kremlin '));
      expect(response.totalArticles).toBe(lookalikes.length);
      expect(response.hits.map((hit) => hit.article.id).sort()).toEqual([...lookalikes].sort());
      for (const hit of response.hits) expect(hit.passages.map((passage) => passage.index)).toEqual([1]);
      for (const id of lookalikes) expect((await engine.getArticle(id))?.id).toBe(id);
      const marked = await engine.highlightArticle('case-a', 'kremlin');
      expect([...marked.keys()]).toEqual([1]);
    });
  },
);

describe.skipIf(!!SKIP)(SKIP ? `meilisearch rebuilds (skipped: ${SKIP})` : 'meilisearch rebuilds', () => {
  const before = [article('before', ['Kremlin statement before the rebuild.'])];
  const after = [article('after', ['Kremlin statement after the rebuild.'])];
  let uid: string;
  let engine: SearchEngine;
  const admin = () => new Meilisearch({ host: MEILI_URL ?? '', apiKey: ADMIN_KEY });
  const buildIndexes = async () =>
    (await admin().getRawIndexes({ limit: 1000 })).results
      .map((index) => index.uid)
      .filter((name) => name.startsWith(`${uid}-build-`));

  beforeAll(async () => {
    uid = freshUid('rebuilds');
    engine = await openTestEngine(uid);
  });

  afterEach(async () => {
    await rebuild(engine, before, 'before');
  });

  afterAll(async () => {
    await engine.close();
  });

  it('reports no index before the first build, and refuses to search', async () => {
    const fresh = await openTestEngine();
    expect(await fresh.stats()).toEqual({ articles: 0, passages: 0, builtAt: null, corpusFingerprint: null });
    await expect(fresh.search(request('iran'))).rejects.toThrow(EngineUnavailableError);
    await expect(fresh.search(request('iran'))).rejects.toThrow('no index yet: run npm run index');
    await fresh.close();
  });

  it('keeps answering from the old index during a build, then swaps atomically', async () => {
    await rebuild(engine, before, 'before');
    const build = await engine.beginBuild({ corpusFingerprint: 'after' });
    await build.add(after);
    expect(await ids(engine, 'kremlin ')).toEqual(['before']);
    expect((await engine.stats()).corpusFingerprint).toBe('before');
    await build.commit();
    expect(await ids(engine, 'kremlin ')).toEqual(['after']);
    expect(await engine.stats()).toMatchObject({ corpusFingerprint: 'after', articles: 1, passages: 1 });
    expect(await engine.getArticle('after')).toEqual(after[0]);
    expect(await engine.getArticle('before')).toBeUndefined();
    expect(await buildIndexes()).toEqual([]);
  });

  it('leaves the old index in place when a build is aborted', async () => {
    await rebuild(engine, before, 'before');
    const build = await engine.beginBuild({ corpusFingerprint: 'after' });
    await build.add(after);
    await build.abort();
    expect(await ids(engine, 'kremlin ')).toEqual(['before']);
    expect(await buildIndexes()).toEqual([]);
    await expect(build.add(after)).rejects.toThrow('aborted');
  });

  it('refuses an article id twice in one build and keeps the old index', async () => {
    await rebuild(engine, before, 'before');
    const build = await engine.beginBuild({ corpusFingerprint: 'dup' });
    await expect(build.add([...after, ...after])).rejects.toThrow('"after"');
    await build.abort();
    expect(await ids(engine, 'kremlin ')).toEqual(['before']);
  });

  it('serves the portal with a search-only key, which cannot build', async () => {
    let searchKey: string;
    try {
      const key = await admin().createKey({
        description: 'interference-search test: search only',
        actions: ['search'],
        indexes: [`${uid}*`],
        expiresAt: new Date(Date.now() + 60 * 60 * 1000),
      });
      searchKey = key.key;
    } catch {
      // Only the master key may create keys; with an admin key this check cannot run.
      return;
    }
    const portal = await openTestEngine(uid, searchKey);
    expect(await ids(portal, 'kremlin ')).toEqual(['before']);
    expect((await portal.stats()).corpusFingerprint).toBe('before');
    expect(await portal.getArticle('before')).toEqual(before[0]);
    await expect(portal.beginBuild({ corpusFingerprint: 'x' })).rejects.toThrow(
      /MEILI_MASTER_KEY or MEILI_ADMIN_KEY/,
    );
    await portal.close();
  });
});

/** A stand-in for Meilisearch: answers /multi-search from `respond`, records what it was sent. */
class StandIn {
  readonly requests: { path: string; authorization: string | undefined; body: unknown }[] = [];
  private server: http.Server | null = null;

  constructor(
    public port: number,
    private readonly respond: (path: string, body: unknown) => { status: number; json: unknown },
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      req.on('end', () => {
        const body: unknown = raw ? JSON.parse(raw) : null;
        this.requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
        const { status, json } = this.respond(req.url ?? '', body);
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(json));
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

type Queries = { indexUid: string }[];
const queriesOf = (body: unknown): Queries => (body as { queries?: Queries } | null)?.queries ?? [];

const metaDocument = (schemaVersion: string) => ({
  id: 'build',
  schemaVersion,
  builtAt: '2024-01-01T00:00:00.000Z',
  corpusFingerprint: 'stand-in',
  articles: 0,
  passages: 0,
});

/**
 * An empty answer per query, shaped like Meilisearch's multi-search response; the meta index holds
 * a build of `schemaVersion`.
 */
function emptyResults(body: unknown, schemaVersion = SCHEMA_VERSION): { status: number; json: unknown } {
  return {
    status: 200,
    json: {
      results: queriesOf(body).map((query) => ({
        indexUid: query.indexUid,
        hits: query.indexUid.endsWith('-meta') ? [metaDocument(schemaVersion)] : [],
        query: '',
        processingTimeMs: 0,
        hitsPerPage: 10,
        page: 1,
        totalPages: 0,
        totalHits: 0,
        facetDistribution: {},
      })),
    },
  };
}

describe('meilisearch faults (no server needed)', () => {
  it('answers EngineUnavailableError while Meilisearch is down and recovers by itself', async () => {
    const standIn = new StandIn(0, (_, body) => emptyResults(body));
    await standIn.start();
    await standIn.stop(); // the port is now known and closed
    const engine = await openMeilisearchEngine({ url: standIn.url, apiKey: 'search-key' });
    await expect(engine.search(request('iran '))).rejects.toThrow(EngineUnavailableError);
    await expect(engine.stats()).rejects.toThrow(/Meilisearch is unreachable/);
    await standIn.start();
    try {
      expect((await engine.search(request('iran '))).totalArticles).toBe(0);
      expect(standIn.requests[0]).toMatchObject({
        path: '/multi-search',
        authorization: 'Bearer search-key',
      });
    } finally {
      await standIn.stop();
      await engine.close();
    }
  });

  it('reports "no index yet" when the index does not exist, and empty stats', async () => {
    const standIn = new StandIn(0, () => ({
      status: 404,
      json: {
        message: 'Inside `.queries[0]`: Index `passages` not found.',
        code: 'index_not_found',
        type: 'invalid_request',
        link: 'https://docs.meilisearch.com/errors#index_not_found',
      },
    }));
    await standIn.start();
    const engine = await openMeilisearchEngine({ url: standIn.url });
    try {
      await expect(engine.search(request(''))).rejects.toThrow('no index yet: run npm run index');
      expect(await engine.stats()).toEqual({
        articles: 0,
        passages: 0,
        builtAt: null,
        corpusFingerprint: null,
      });
    } finally {
      await standIn.stop();
      await engine.close();
    }
  });

  it('asks for a rebuild when the index was built by an older version', async () => {
    const standIn = new StandIn(0, (_, body) => emptyResults(body, '1'));
    await standIn.start();
    const engine = await openMeilisearchEngine({ url: standIn.url });
    try {
      await expect(engine.search(request('iran '))).rejects.toThrow(EngineUnavailableError);
      await expect(engine.search(request(''))).rejects.toThrow(OUTDATED_INDEX_MESSAGE);
      expect(await engine.stats()).toMatchObject({ builtAt: null });
    } finally {
      await standIn.stop();
      await engine.close();
    }
  });

  it.each([
    ['asks for a rebuild', '1', OUTDATED_INDEX_MESSAGE],
    ['reports our own bug', SCHEMA_VERSION, /Meilisearch rejected a request.*invalid_search_filter/],
  ])(
    '%s when Meilisearch refuses a filter and the build is of version %s',
    async (_, schemaVersion, message) => {
      // Older settings: `articleKey` is not filterable, so only the meta lookup alone succeeds.
      const standIn = new StandIn(0, (__, body) => {
        const queries = queriesOf(body);
        if (queries.length === 1 && queries[0]?.indexUid.endsWith('-meta'))
          return emptyResults(body, schemaVersion);
        return {
          status: 400,
          json: {
            message: 'Inside `.queries[0]`: Attribute `articleKey` is not filterable.',
            code: 'invalid_search_filter',
            type: 'invalid_request',
            link: '',
          },
        };
      });
      await standIn.start();
      const engine = await openMeilisearchEngine({ url: standIn.url });
      try {
        await expect(engine.search(request('iran '))).rejects.toThrow(message);
        await expect(engine.getArticle('a')).rejects.toThrow(message);
        await expect(engine.highlightArticle('a', 'iran')).rejects.toThrow(message);
        if (schemaVersion === SCHEMA_VERSION) {
          await expect(engine.getArticle('a')).rejects.not.toBeInstanceOf(EngineUnavailableError);
        }
      } finally {
        await standIn.stop();
        await engine.close();
      }
    },
  );

  it('refuses more than 10 words before asking Meilisearch', async () => {
    const standIn = new StandIn(0, (_, body) => emptyResults(body));
    await standIn.start();
    const engine = await openMeilisearchEngine({ url: standIn.url });
    try {
      const q = 'one two three four five six seven eight nine ten eleven';
      await expect(engine.search(request(q))).rejects.toThrow(BadRequestError);
      await expect(engine.search(request(q))).rejects.toThrow('at most 10 words and phrases');
      expect(standIn.requests).toEqual([]);
    } finally {
      await standIn.stop();
      await engine.close();
    }
  });

  it('says the key was refused, as a 503 and not a crash', async () => {
    const standIn = new StandIn(0, () => ({
      status: 403,
      json: { message: 'The provided API key is invalid.', code: 'invalid_api_key', type: 'auth', link: '' },
    }));
    await standIn.start();
    const engine = await openMeilisearchEngine({ url: standIn.url, apiKey: 'wrong' });
    try {
      await expect(engine.search(request('iran '))).rejects.toThrow(EngineUnavailableError);
      await expect(engine.stats()).rejects.toThrow(/MEILI_API_KEY/);
    } finally {
      await standIn.stop();
      await engine.close();
    }
  });

  it('gives up a build after bounded retries and says what to check', async () => {
    const standIn = new StandIn(0, () => ({ status: 200, json: {} }));
    await standIn.start();
    await standIn.stop();
    const client = new Meilisearch({ host: standIn.url, timeout: 2_000 });
    const delays: number[] = [];
    const attempt = startBuild(
      {
        client,
        uid: 'passages',
        url: standIn.url,
        retries: { attempts: 3, firstDelayMs: 10, sleep: async (ms) => void delays.push(ms) },
      },
      'fingerprint',
      () => undefined,
    );
    await expect(attempt).rejects.toThrow(
      /cannot reach Meilisearch at http:\/\/127\.0\.0\.1:\d+.*MEILI_URL.*after 3 attempts/s,
    );
    expect(delays).toEqual([10, 20]);
  });

  it('keeps every Meilisearch index of a deployment under MEILI_INDEX', () => {
    expect(Object.values(liveIndexNames('news')).every((name) => name.startsWith('news'))).toBe(true);
  });
});

describe('createEngine with SEARCH_ENGINE=meilisearch (no server needed)', () => {
  it('gives the portal the search key and the indexer the admin key', async () => {
    const standIn = new StandIn(0, (_, body) => emptyResults(body));
    await standIn.start();
    const config = loadConfig({
      SEARCH_ENGINE: 'meilisearch',
      MEILI_URL: standIn.url,
      MEILI_API_KEY: 'search-key',
      MEILI_MASTER_KEY: 'master-key-0123456789',
      MEILI_INDEX: 'news',
    });
    try {
      const portal = await createEngine(config);
      const indexer = await createEngine(config, { role: 'admin' });
      expect([portal.name, indexer.name]).toEqual(['meilisearch', 'meilisearch']);
      await portal.search(request('iran '));
      await indexer.search(request('iran '));
      expect(standIn.requests.map((sent) => sent.authorization)).toEqual([
        'Bearer search-key',
        'Bearer master-key-0123456789',
      ]);
      const [first] = (standIn.requests[0]?.body as { queries: { indexUid: string }[] }).queries;
      expect(first?.indexUid).toBe('news');
      await Promise.all([portal.close(), indexer.close()]);
    } finally {
      await standIn.stop();
    }
  });
});
