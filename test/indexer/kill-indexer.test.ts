import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus-generator.js';
import { loadConfig } from '../../engine/config.js';
import { createEngine } from '../../engine/create-engine.js';
import type { SearchEngine } from '../../engine/types.js';
import { request } from '../engine/fixtures.js';

/**
 * The real `npm run index` process, killed with SIGKILL in the middle of a build: searches must
 * keep answering from the previous index, during the build and after the kill, and the next run
 * must finish the job. Big enough (2,000 generated articles) that the build takes a while.
 */

const QUERIES = ['election', 'Russia', '"voter data"', 'interference -Iran'];
const NEW_WORD = 'zanzibarian';

let root: string;
let corpusDir: string;
let dataDir: string;
let before: Record<string, number>;

/** Spawns `npm run index` as node itself (not through npm or tsx's launcher), so its pid is the indexer's. */
function startIndexer(): { child: ChildProcess; exited: Promise<number | null>; stdout: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', '--corpus', corpusDir], {
    env: { ...process.env, DATA_DIR: dataDir, SEARCH_ENGINE: 'sqlite' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== null && code > 1) console.error(stderr);
      resolve(code);
    }),
  );
  return { child, exited, stdout: () => stdout };
}

const buildingFiles = () =>
  fs.readdirSync(dataDir).filter((name) => name.startsWith('index.sqlite.building-'));

/**
 * Resolves with the half-built file once it exists and has data written into it, i.e. once the
 * build is under way; rejects if the indexer exits first. Polls the directory, so it waits on the
 * file, however long the reading phase takes.
 */
async function buildUnderWay(child: ChildProcess): Promise<string> {
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the indexer exited (${child.exitCode}) before the build started`);
    const name = buildingFiles().find((file) => !file.endsWith('-journal'));
    if (
      name !== undefined &&
      (fs.statSync(path.join(dataDir, name), { throwIfNoEntry: false })?.size ?? 0) > 0
    ) {
      return name;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function totals(engine: SearchEngine): Promise<Record<string, number>> {
  const entries = await Promise.all(
    [...QUERIES, NEW_WORD].map(async (q) => [q, (await engine.search(request(q))).totalArticles] as const),
  );
  return Object.fromEntries(entries);
}

async function withEngine<T>(use: (engine: SearchEngine) => Promise<T>): Promise<T> {
  const engine = await createEngine(loadConfig({ DATA_DIR: dataDir }));
  try {
    return await use(engine);
  } finally {
    await engine.close();
  }
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'kill-indexer-'));
  corpusDir = path.join(root, 'corpus');
  dataDir = path.join(root, 'data');
  await cp(path.resolve('corpus'), corpusDir, { recursive: true });
  writeCorpus(path.join(corpusDir, 'generated.jsonl'), { seed: 7, articles: 2000 });
  expect(await startIndexer().exited).toBeLessThanOrEqual(1);
  before = await withEngine(totals);
  for (const q of QUERIES) expect(before[q], q).toBeGreaterThan(0);
  expect(before[NEW_WORD]).toBe(0);
}, 300_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('an indexer killed mid-build', () => {
  it('never takes away what was searchable, during the build or after the kill', async () => {
    await writeFile(
      path.join(corpusDir, 'new.txt'),
      `Officials said the ${NEW_WORD} hackers had stolen voter data.`,
    );
    const { child, exited } = startIndexer();
    const building = await buildUnderWay(child);
    expect(building).toMatch(new RegExp(`^index\\.sqlite\\.building-${child.pid}-`));

    // A reindex is running: searches answer from the previous index, all of it.
    expect(await withEngine(totals)).toEqual(before);

    child.kill('SIGKILL');
    expect(await exited).toBeNull();
    expect(buildingFiles(), 'the build had finished before the kill: the corpus is too small').toContain(
      building,
    );

    // Opening the engine clears the dead build's file and serves the full previous index.
    await withEngine(async (engine) => {
      expect(buildingFiles()).toEqual([]);
      expect(await totals(engine)).toEqual(before);
    });
  }, 300_000);

  it('finishes the job on the next run, with what the killed run extracted still in the cache', async () => {
    const next = startIndexer();
    expect(await next.exited).toBeLessThanOrEqual(1);
    expect(next.stdout()).toMatch(
      /Extracted 0 articles anew; 2,006 unchanged came from the extraction cache/,
    );
    expect(buildingFiles()).toEqual([]);
    const after = await withEngine(totals);
    expect(after[NEW_WORD]).toBe(1);
    expect(after['election']).toBeGreaterThanOrEqual(before['election'] ?? Number.POSITIVE_INFINITY);
  }, 300_000);
});
