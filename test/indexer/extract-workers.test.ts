import { appendFile, cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus-generator.js';
import { listCorpusFiles, type CorpusFile } from '../../indexer/corpus-files.js';
import { CACHE_FILE_NAME, ExtractionCache } from '../../indexer/extraction-cache.js';
import { loadCorpus } from '../../indexer/load-corpus.js';
import { AUTO_WORKERS_FROM_BYTES, type ExtractWorkers } from '../../indexer/ordered-extraction.js';

const REAL_CORPUS = fileURLToPath(new URL('../../corpus', import.meta.url));
/** Small enough that a few lines are refused before extraction, big enough for every real article. */
const MAX_ARTICLE_BYTES = 100_000;

let dir: string;
let corpusDir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'extract-workers-'));
  corpusDir = path.join(dir, 'corpus');
  await cp(REAL_CORPUS, path.join(corpusDir, 'news'), { recursive: true });
  await mkdir(path.join(corpusDir, 'feeds'));
  // Enough articles for many batches per worker, with quotes, dates and accusations.
  writeCorpus(path.join(corpusDir, 'feeds', 'generated.jsonl'), { seed: 7, paragraphs: 4_000 });
  const generated = (await readFile(path.join(corpusDir, 'feeds', 'generated.jsonl'), 'utf8')).split('\n');
  await writeFile(
    path.join(corpusDir, 'feeds', 'mixed.jsonl'),
    [
      generated[3], // an id already used: rejected as a duplicate
      '{"id": "broken", "body": ',
      '',
      JSON.stringify({ id: 'huge', body: 'election '.repeat(MAX_ARTICLE_BYTES / 8) }),
      JSON.stringify({ id: 'own', body: 'Officials said Russia targeted the election, the FBI warned.' }),
      JSON.stringify({ id: 'furniture', body: 'Listen Live\nGet short URL' }),
    ].join('\n'),
  );
  await appendFile(path.join(corpusDir, 'feeds', 'mixed.jsonl'), Buffer.from([0x0a, 0x7b, 0xe9, 0x7d]));
  await writeFile(path.join(corpusDir, 'empty.txt'), '');
  await writeFile(path.join(corpusDir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e]));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A load with the extraction cache in `dataDir`, as `updateIndex` runs it, and what it left behind. */
async function load(extractWorkers: ExtractWorkers, dataDir: string) {
  const cache = await ExtractionCache.open(dataDir, 'test-extractor');
  const progress: [number, number, string][] = [];
  const loaded = await loadCorpus(corpusDir, {
    cache,
    maxArticleBytes: MAX_ARTICLE_BYTES,
    extractWorkers,
    onProgress: (done, total, file) => progress.push([done, total, file]),
  });
  await cache.save();
  return { loaded, progress, cacheFile: await readFile(path.join(dataDir, CACHE_FILE_NAME), 'utf8') };
}

/** A live worker holds a message port open. */
const messagePorts = () => process.getActiveResourcesInfo().filter((kind) => kind === 'MessagePort').length;

describe('extraction in worker threads', () => {
  it('gives the same articles, rejections, progress and cache file as one thread', async () => {
    const one = await load(0, path.join(dir, 'one-thread'));
    const pool = await load(2, path.join(dir, 'workers'));
    expect(one.loaded.articles.length).toBeGreaterThan(200);
    expect(new Set(one.loaded.rejected.map((rejection) => path.basename(rejection.path)))).toEqual(
      new Set(['mixed.jsonl', 'empty.txt', 'latin1.txt']),
    );
    expect(JSON.stringify(pool.loaded)).toBe(JSON.stringify(one.loaded));
    expect(pool.progress).toEqual(one.progress);
    expect(pool.cacheFile).toBe(one.cacheFile);
  });

  it('mixes cached and new articles in corpus order, as one thread does', async () => {
    const warm = path.join(dir, 'warm');
    await load(0, warm);
    // Every other line of the generated feed edited, so cached and new units alternate.
    const feed = path.join(corpusDir, 'feeds', 'generated.jsonl');
    const lines = (await readFile(feed, 'utf8')).split('\n');
    const edited = lines.map((line, i) =>
      i % 2 === 0 && line !== '' ? line.replace('"body":"', '"body":"Edited. ') : line,
    );
    await writeFile(feed, edited.join('\n'));
    await cp(warm, path.join(dir, 'warm-copy'), { recursive: true });
    const one = await load(0, warm);
    const pool = await load(2, path.join(dir, 'warm-copy'));
    expect(one.loaded.reused).toBeGreaterThan(100);
    expect(one.loaded.extracted).toBeGreaterThan(100);
    expect(JSON.stringify(pool.loaded)).toBe(JSON.stringify(one.loaded));
    expect(pool.cacheFile).toBe(one.cacheFile);
  });

  it('fails with the error extraction throws, as one thread does, and stops its workers', async () => {
    const listing = await listCorpusFiles(corpusDir);
    // A format no reader handles: extraction itself throws, which no corpus file can make it do.
    const files = listing.files.map((file): CorpusFile => ({
      ...file,
      format: 'pdf' as CorpusFile['format'],
    }));
    const attempt = (extractWorkers: ExtractWorkers) =>
      loadCorpus(corpusDir, { listing: { files, skipped: [] }, extractWorkers }).then(
        () => null,
        (error: unknown) => error,
      );
    const inThread = await attempt(0);
    const portsBefore = messagePorts();
    const inWorker = await attempt(2);
    expect(messagePorts()).toBe(portsBefore);
    expect(inThread).toBeInstanceOf(TypeError);
    expect(inWorker).toBeInstanceOf(TypeError);
    expect((inWorker as Error).message).toBe((inThread as Error).message);
  });

  it.skipIf(os.availableParallelism() < 2)(
    'starts workers by itself only for a corpus with enough new articles to repay them',
    { timeout: 60_000 },
    async () => {
      // Ports open when the first file is done: a live worker holds one.
      const portsDuringLoad = async (corpus: string) => {
        const before = messagePorts();
        let during: number | null = null;
        await loadCorpus(corpus, { onProgress: () => (during ??= messagePorts()) });
        return (during ?? before) - before;
      };
      expect(await portsDuringLoad(REAL_CORPUS)).toBe(0);
      const big = path.join(dir, 'big');
      await cp(REAL_CORPUS, path.join(big, 'a-news'), { recursive: true });
      const feed = path.join(big, 'b-feed.jsonl');
      writeCorpus(feed, { seed: 3, paragraphs: AUTO_WORKERS_FROM_BYTES / 300 });
      expect((await stat(feed)).size).toBeGreaterThan(AUTO_WORKERS_FROM_BYTES);
      expect(await portsDuringLoad(big)).toBeGreaterThan(0);
    },
  );
});
