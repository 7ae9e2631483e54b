import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/config.js';
import { createEngine } from '../../engine/create-engine.js';
import type { SearchEngine } from '../../engine/types.js';
import { EXIT_CODES, runIndexCommand } from '../../indexer/index-command.js';
import { request } from '../engine/fixtures.js';

/** `npm run index` in-process against the real SQLite engine, on a copy of the bundled corpus. */

let root: string;
let corpusDir: string;
let dataDir: string;
let out: string;
let searcher: SearchEngine | null = null;

const env = (extra: Record<string, string> = {}) => ({ DATA_DIR: dataDir, ...extra });

const index = (argv: string[] = [], extra: Record<string, string> = {}) => {
  out = '';
  return runIndexCommand(['--corpus', corpusDir, ...argv], {
    env: env(extra),
    stdout: { write: (chunk) => (out += chunk) },
    stderr: { write: () => true, isTTY: false },
    openEngine: () => createEngine(loadConfig(env(extra)), { role: 'admin' }),
  });
};

async function search(q: string): Promise<{ total: number; ids: string[] }> {
  searcher ??= await createEngine(loadConfig(env()));
  const response = await searcher.search(request(q));
  return { total: response.totalArticles, ids: response.hits.map((hit) => hit.article.id).sort() };
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'reindex-sqlite-'));
  corpusDir = path.join(root, 'corpus');
  dataDir = path.join(root, 'data');
  await cp(path.resolve('corpus'), corpusDir, { recursive: true });
});

afterEach(async () => {
  await searcher?.close();
  searcher = null;
  await rm(root, { recursive: true, force: true });
});

describe('reindexing into the SQLite engine', () => {
  it('--strict leaves the previous index byte for byte as it was', async () => {
    expect(await index()).toBe(EXIT_CODES.ok);
    const indexFile = path.join(dataDir, 'index.sqlite');
    const before = await readFile(indexFile);
    await writeFile(
      path.join(corpusDir, 'new.txt'),
      'Officials said hackers had stolen voter data from the state.',
    );
    await writeFile(path.join(corpusDir, 'broken.md'), '---\ntitle: [unclosed\n---\nBody text.');
    expect(await index(['--strict'])).toBe(EXIT_CODES.rejected);
    expect(out).toContain('--strict: nothing indexed, the previous index is kept.');
    expect((await readFile(indexFile)).equals(before)).toBe(true);
    expect((await search('stolen voter data')).ids).not.toContain('new');
  });

  it('serves every valid article when one file splits into more passages than the engine holds', async () => {
    const paragraph = 'Officials said that hackers had stolen voter data from the state';
    const many = Array.from({ length: 70_000 }, (_, i) => `${paragraph} ${i}.`).join('\n\n');
    await writeFile(path.join(corpusDir, 'dump.txt'), many);
    expect(await index([], { MAX_ARTICLE_BYTES: String(10 * 1024 * 1024) })).toBe(EXIT_CODES.rejected);
    expect(out).toMatch(/dump\.txt — the article splits into 70,000 passages, more than the 10,000/);
    expect((await search('Iran')).total).toBeGreaterThan(0);
  }, 60_000);

  it('serves every valid article when a file is over the size limit', async () => {
    await writeFile(
      path.join(corpusDir, 'dump.txt'),
      'Officials said hackers had stolen voter data.\n\n'.repeat(140_000),
    );
    expect(await index()).toBe(EXIT_CODES.rejected);
    expect(out).toMatch(/dump\.txt — the file is 6\.6 MB \(6,580,000 bytes\), more than the 1\.0 MB/);
    expect(out).toMatch(/^Indexed 5 articles/m);
  });

  it('removes the articles of a deleted file and keeps the others searchable', async () => {
    expect(await index()).toBe(EXIT_CODES.ok);
    const all = await search('election');
    expect(all.ids).toContain('2021-11-18-us-sanctions-six-iranians');
    await unlink(path.join(corpusDir, '2021-11-18-us-sanctions-six-iranians.md'));
    expect(await index()).toBe(EXIT_CODES.ok);
    expect(out).toContain('Extracted 0 articles anew; 4 unchanged came from the extraction cache.');
    const after = await search('election');
    expect(after.ids).toEqual(all.ids.filter((id) => id !== '2021-11-18-us-sanctions-six-iranians'));
    expect(await searcher?.getArticle('2021-11-18-us-sanctions-six-iranians')).toBeUndefined();
  });

  it('builds from the cache the same index a fresh extraction builds', async () => {
    expect(await index()).toBe(EXIT_CODES.ok);
    const fresh = await storedArticles();
    expect(await index(['--force'])).toBe(EXIT_CODES.ok);
    expect(out).toContain('5 unchanged came from the extraction cache');
    expect(await storedArticles()).toEqual(fresh);
  });
});

async function storedArticles() {
  searcher ??= await createEngine(loadConfig(env()));
  const { hits } = await searcher.search(request('election'));
  return Promise.all(hits.map((hit) => searcher?.getArticle(hit.article.id)));
}
