import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteEngine } from '../../engine/engines/sqlite.js';
import type { Article, SearchEngine } from '../../engine/types.js';
import { linkQuotesAcrossArticles } from '../../indexer/link-quotes.js';
import { loadCorpus } from '../../indexer/load-corpus.js';
import { request } from './fixtures.js';

const root = await mkdtemp(path.join(os.tmpdir(), 'term-worker-test-'));
afterAll(() => rm(root, { recursive: true, force: true }));

let articles: Article[];
beforeAll(async () => {
  articles = linkQuotesAcrossArticles((await loadCorpus(path.resolve('corpus'))).articles);
});

/** Builds the bundled corpus one article per `add`; `termWorkerFrom` 0 always uses the worker. */
async function buildCorpus(name: string, termWorkerFrom: number): Promise<SearchEngine> {
  const engine = await openSqliteEngine({ dataDir: path.join(root, name), termWorkerFrom });
  const build = await engine.beginBuild({ corpusFingerprint: 'seeds' });
  for (const article of articles) await build.add([article]);
  await build.commit();
  return engine;
}

/** Every row of the term index's tables, as SQLite stores them. */
function termIndexTables(name: string): unknown {
  const db = new Database(path.join(root, name, 'index.sqlite'), { readonly: true });
  try {
    return {
      vocab: db.prepare('SELECT * FROM vocab ORDER BY word').all(),
      postings: db.prepare('SELECT * FROM postings ORDER BY sid').all(),
      arrays: db.prepare('SELECT * FROM index_arrays ORDER BY name').all(),
      tokens: db.prepare("SELECT value FROM meta WHERE key = 'passageTokens'").get(),
    };
  } finally {
    db.close();
  }
}

describe('term index built in a worker thread', () => {
  it('writes exactly the rows this thread writes, and answers the same searches', async () => {
    const here = await buildCorpus('here', Infinity);
    const worker = await buildCorpus('worker', 0);
    const inThread = termIndexTables('here');
    expect((inThread as { postings: unknown[] }).postings.length).toBeGreaterThan(500);
    expect(termIndexTables('worker')).toEqual(inThread);
    for (const q of ['Iran', 'sanction*', 'electon', '"voter intimidation"']) {
      expect(await worker.search(request(q))).toEqual(await here.search(request(q)));
    }
    await Promise.all([here.close(), worker.close()]);
  });

  it('stops its worker when the build is aborted, and the next build works', async () => {
    const engine = await openSqliteEngine({ dataDir: path.join(root, 'aborted'), termWorkerFrom: 0 });
    const abandoned = await engine.beginBuild({ corpusFingerprint: 'abandoned' });
    await abandoned.add(articles);
    await abandoned.abort();
    expect((await engine.stats()).builtAt).toBeNull();
    const build = await engine.beginBuild({ corpusFingerprint: 'seeds' });
    await build.add(articles);
    await build.commit();
    expect((await engine.stats()).passages).toBe(articles.reduce((n, a) => n + a.passages.length, 0));
    await engine.close();
  });

  it('ends a commit that waits for the worker with an error when the engine closes meanwhile', async () => {
    const dataDir = path.join(root, 'closed');
    const engine = await openSqliteEngine({ dataDir, termWorkerFrom: 0 });
    const build = await engine.beginBuild({ corpusFingerprint: 'seeds' });
    await build.add(articles);
    const committing = build.commit();
    await engine.close();
    await expect(committing).rejects.toThrow(/abandoned|not open/);
    const reopened = await openSqliteEngine({ dataDir });
    expect((await reopened.stats()).builtAt).toBeNull();
    await reopened.close();
  });
});
