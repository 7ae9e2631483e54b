import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../engine/types.js';
import { writeFileAtomically } from '../../indexer/atomic-file.js';
import { CACHE_FILE_NAME, ExtractionCache } from '../../indexer/extraction-cache.js';
import { hashExtractor } from '../../indexer/extractor-version.js';
import { article as fixtureArticle } from '../engine/fixtures.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'extraction-cache-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Any article will do: the cache stores and hands back whatever a unit became. */
const article = (id: string): Article => fixtureArticle(id, ['Iranian hackers.'], { countries: ['Iran'] });

describe('ExtractionCache', () => {
  it('hands back what a unit became, for the same path and content only', async () => {
    const cache = await ExtractionCache.open(dir, 'v1');
    expect(cache.discarded).toBe('there is no cache yet');
    cache.put('a.md', 'hash-a', { article: article('a') });
    cache.put('b.txt', 'hash-b', { rejected: { reason: 'the file is empty' } });
    await cache.save();

    const reopened = await ExtractionCache.open(dir, 'v1');
    expect(reopened.discarded).toBeNull();
    expect(reopened.take('a.md', 'hash-a')).toEqual({ article: article('a') });
    expect(reopened.take('b.txt', 'hash-b')).toEqual({ rejected: { reason: 'the file is empty' } });
    expect(reopened.take('a.md', 'edited')).toBeUndefined();
    expect(reopened.take('moved/a.md', 'hash-a')).toBeUndefined();
    expect([reopened.hits, reopened.misses]).toEqual([2, 2]);
  });

  it('is discarded whole when the extractor version differs', async () => {
    const cache = await ExtractionCache.open(dir, 'v1');
    cache.put('a.md', 'hash-a', { article: article('a') });
    await cache.save();
    const other = await ExtractionCache.open(dir, 'v2');
    expect(other.discarded).toBe('the indexer changed since it was written');
    expect(other.take('a.md', 'hash-a')).toBeUndefined();
  });

  it('keeps only the entries used or added since it was opened, so deleted files leave it', async () => {
    const first = await ExtractionCache.open(dir, 'v1');
    first.put('kept.md', 'k', { article: article('kept') });
    first.put('deleted.md', 'd', { article: article('deleted') });
    await first.save();
    const second = await ExtractionCache.open(dir, 'v1');
    second.take('kept.md', 'k');
    second.put('new.md', 'n', { article: article('new') });
    await second.save();
    const third = await ExtractionCache.open(dir, 'v1');
    expect(third.take('deleted.md', 'd')).toBeUndefined();
    expect(third.take('kept.md', 'k')).toEqual({ article: article('kept') });
    expect(third.take('new.md', 'n')).toEqual({ article: article('new') });
  });

  it('treats a damaged entry as a miss and a damaged header as no cache', async () => {
    const cache = await ExtractionCache.open(dir, 'v1');
    cache.put('a.md', 'h', { article: article('a') });
    await cache.save();
    const file = path.join(dir, CACHE_FILE_NAME);
    const [header, entry] = (await readFile(file, 'utf8')).split('\n');
    await writeFile(file, `${header}\n${entry?.slice(0, 100)}\n`);
    expect((await ExtractionCache.open(dir, 'v1')).take('a.md', 'h')).toBeUndefined();
    await writeFile(file, `{"format"\n${entry}\n`);
    expect((await ExtractionCache.open(dir, 'v1')).discarded).toMatch(/^it cannot be read/);
  });
});

describe('writeFileAtomically', () => {
  it('leaves the previous content and no temporary file when a write fails midway', async () => {
    const file = path.join(dir, 'report.json');
    await writeFileAtomically(file, ['old']);
    const failing = (function* () {
      yield 'x'.repeat(2 << 20);
      throw new Error('disk full');
    })();
    await expect(writeFileAtomically(file, failing)).rejects.toThrow('disk full');
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['report.json']);
  });

  it('removes temporary files left by a process that was killed, but not those of a live one', async () => {
    const file = path.join(dir, 'report.json');
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    await writeFile(`${file}.tmp-${dead}-abc`, 'half');
    await writeFile(`${file}.tmp-${process.pid}-def`, 'being written');
    await writeFileAtomically(file, ['new']);
    expect((await readdir(dir)).sort()).toEqual(['report.json', `report.json.tmp-${process.pid}-def`]);
  });
});

describe('hashExtractor', () => {
  it('changes when any indexer source or data file, or an extraction package, changes', async () => {
    const root = path.join(dir, 'project');
    await mkdir(path.join(root, 'indexer/data'), { recursive: true });
    await mkdir(path.join(root, 'engine'), { recursive: true });
    await mkdir(path.join(root, 'node_modules/chrono-node'), { recursive: true });
    await writeFile(path.join(root, 'indexer/clean.ts'), 'export const a = 1;');
    await writeFile(path.join(root, 'indexer/data/agencies.json'), '[]');
    await writeFile(path.join(root, 'engine/types.ts'), 'export type A = 1;');
    await writeFile(path.join(root, 'node_modules/chrono-node/package.json'), '{"version": "2.0.0"}');
    const before = await hashExtractor(root);
    expect(await hashExtractor(root)).toBe(before);

    const changes: [string, string][] = [
      ['indexer/clean.ts', 'export const a = 2;'],
      ['indexer/data/agencies.json', '["FBI"]'],
      ['engine/types.ts', 'export type A = 2;'],
      ['node_modules/chrono-node/package.json', '{"version": "2.0.1"}'],
    ];
    const seen = new Set([before]);
    for (const [file, content] of changes) {
      await writeFile(path.join(root, file), content);
      seen.add(await hashExtractor(root));
    }
    expect(seen.size).toBe(changes.length + 1);
  });

  it('does not change for files outside what extraction reads', async () => {
    const root = path.join(dir, 'project');
    await cp(path.resolve('indexer'), path.join(root, 'indexer'), { recursive: true });
    const before = await hashExtractor(root);
    await mkdir(path.join(root, 'server'), { recursive: true });
    await writeFile(path.join(root, 'server/app.ts'), 'export {};');
    await writeFile(path.join(root, 'indexer/NOTES.md'), 'notes');
    expect(await hashExtractor(root)).toBe(before);
  });
});
