import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openSqliteEngine, translateFtsErrors } from '../../engine/engines/sqlite.js';
import { BadRequestError, EngineUnavailableError } from '../../engine/errors.js';
import type { Article, SearchEngine } from '../../engine/types.js';
import { runEngineContract } from './contract.js';
import { article, request } from './fixtures.js';

const tempDirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sqlite-engine-test-'));
  tempDirs.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

runEngineContract('sqlite', { create: async () => openSqliteEngine({ dataDir: await tempDir() }) });

async function engineWith(articles: readonly Article[]): Promise<SearchEngine> {
  const engine = await openSqliteEngine({ dataDir: await tempDir() });
  await rebuild(engine, articles);
  return engine;
}

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

describe('sqlite ordering', () => {
  let engine: SearchEngine;

  beforeAll(async () => {
    engine = await engineWith([
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
    ]);
  });

  afterAll(async () => {
    await engine.close();
  });

  it('ranks articles matching without typos before those needing one', async () => {
    expect(await ids(engine, 'ratcliffe ')).toEqual(['exact-but-long', 'typo-but-dense']);
  });

  it('ranks a prefix match like an exact one', async () => {
    // `ratclife` does not start with `ratcliff`: it is only reached as a typo.
    expect(await ids(engine, 'ratcliff')).toEqual(['exact-but-long', 'typo-but-dense']);
  });

  it('returns the best passage of an article first', async () => {
    const response = await engine.search(request('sanctions '));
    const hit = response.hits.find((candidate) => candidate.article.id === 'best-passage-second');
    expect(hit?.passages.map((passage) => passage.index)).toEqual([2, 1]);
  });

  it('sorts by date, newest or oldest first, undated last either way', async () => {
    expect(await ids(engine, 'sanctions ', 'newest')).toEqual(['best-passage-second', 'old', 'undated']);
    expect(await ids(engine, 'sanctions ', 'oldest')).toEqual(['old', 'best-passage-second', 'undated']);
    expect(await ids(engine, '', 'oldest')).toEqual([
      'old',
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
      'old',
      'undated',
    ]);
  });

  it('crops a snippet around the match', async () => {
    const response = await engine.search(request('ratcliffe '));
    const html = response.hits[0]?.passages[0]?.html ?? '';
    expect(html).toContain('<mark>Ratcliffe</mark>');
    expect(html.split(/\s+/).length).toBeLessThan(40);
    expect(html.startsWith('…')).toBe(true);
  });
});

describe('sqlite without an index', () => {
  it('reports empty stats and refuses to search', async () => {
    const engine = await openSqliteEngine({ dataDir: await tempDir() });
    expect(await engine.stats()).toEqual({
      articles: 0,
      passages: 0,
      builtAt: null,
      corpusFingerprint: null,
    });
    await expect(engine.search(request('iran'))).rejects.toThrow(EngineUnavailableError);
    await expect(engine.search(request('iran'))).rejects.toThrow('no index yet: run npm run index');
    await expect(engine.getArticle('x')).rejects.toThrow(EngineUnavailableError);
    await expect(engine.highlightArticle('x', 'iran')).rejects.toThrow(EngineUnavailableError);
    await engine.close();
  });

  it('treats a file that is not an index as no index', async () => {
    const dataDir = await tempDir();
    fs.writeFileSync(path.join(dataDir, 'index.sqlite'), 'not a database');
    const engine = await openSqliteEngine({ dataDir });
    expect((await engine.stats()).builtAt).toBeNull();
    await engine.close();
  });
});

describe('sqlite rebuilds', () => {
  const before = [article('before', ['Kremlin statement before the rebuild.'])];
  const after = [article('after', ['Kremlin statement after the rebuild.'])];
  let dataDir: string;
  let engine: SearchEngine;

  beforeAll(async () => {
    dataDir = await tempDir();
    engine = await openSqliteEngine({ dataDir });
  });

  afterEach(async () => {
    await rebuild(engine, before, 'before');
  });

  afterAll(async () => {
    await engine.close();
  });

  const leftovers = () => fs.readdirSync(dataDir).filter((name) => name !== 'index.sqlite');

  it('keeps answering from the old index during a build, then swaps atomically', async () => {
    await rebuild(engine, before, 'before');
    const build = await engine.beginBuild({ corpusFingerprint: 'after' });
    await build.add(after);
    expect(await ids(engine, 'kremlin ')).toEqual(['before']);
    expect((await engine.stats()).corpusFingerprint).toBe('before');
    await build.commit();
    expect(await ids(engine, 'kremlin ')).toEqual(['after']);
    expect((await engine.stats()).corpusFingerprint).toBe('after');
    expect(leftovers()).toEqual([]);
  });

  it('leaves the old index in place when a build is aborted', async () => {
    await rebuild(engine, before, 'before');
    const build = await engine.beginBuild({ corpusFingerprint: 'after' });
    await build.add(after);
    await build.abort();
    expect(await ids(engine, 'kremlin ')).toEqual(['before']);
    expect(leftovers()).toEqual([]);
    await expect(build.add(after)).rejects.toThrow('aborted');
  });

  it('is noticed by another engine on the same directory (the server while npm run index runs)', async () => {
    await rebuild(engine, before, 'before');
    const server = await openSqliteEngine({ dataDir });
    expect(await ids(server, 'kremlin ')).toEqual(['before']);
    await rebuild(engine, after, 'after');
    expect(await ids(server, 'kremlin ')).toEqual(['after']);
    await server.close();
  });

  it('refuses an article id twice in one build and keeps the old index', async () => {
    await rebuild(engine, before, 'before');
    const build = await engine.beginBuild({ corpusFingerprint: 'dup' });
    await expect(build.add([...after, ...after])).rejects.toThrow('"after"');
    await expect(build.commit()).rejects.toThrow('failed');
    await build.abort();
    expect(leftovers()).toEqual([]);
    expect(await ids(engine, 'kremlin ')).toEqual(['before']);
  });

  it('removes files left by a build whose process died', async () => {
    const orphan = path.join(dataDir, 'index.sqlite.building-999999999-dead');
    fs.writeFileSync(orphan, '');
    const build = await engine.beginBuild({ corpusFingerprint: 'x' });
    expect(fs.existsSync(orphan)).toBe(false);
    await build.abort();
  });
});

describe('translateFtsErrors', () => {
  const db = new Database(':memory:');
  db.exec('CREATE VIRTUAL TABLE t USING fts5(x)');
  afterAll(() => db.close());

  it('turns an FTS5 syntax error into a BadRequestError', () => {
    expect(() => translateFtsErrors(() => db.prepare("SELECT * FROM t WHERE t MATCH 'AND ('").all())).toThrow(
      BadRequestError,
    );
    expect(() => translateFtsErrors(() => db.prepare(`SELECT * FROM t WHERE t MATCH '"open'`).all())).toThrow(
      BadRequestError,
    );
  });

  it('lets other errors through', () => {
    const run = () => translateFtsErrors(() => db.prepare('SELECT * FROM missing_table').all());
    expect(run).toThrow(Database.SqliteError);
    expect(run).not.toThrow(BadRequestError);
  });
});
