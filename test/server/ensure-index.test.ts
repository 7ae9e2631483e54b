import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/config.js';
import { createEngine } from '../../engine/create-engine.js';
import type { SearchEngine } from '../../engine/types.js';
import { request } from '../engine/fixtures.js';
import { ensureFreshIndex } from '../../server/ensure-index.js';

let root: string;
let engine: SearchEngine;
let settings: { corpusDir: string; dataDir: string; maxArticleBytes: number };
let out: string;

const output = { stdout: { write: (chunk: string) => (out += chunk) }, stderr: { write: () => true } };

const start = async () => {
  out = '';
  return ensureFreshIndex(engine, settings, output);
};

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'ensure-index-'));
  const corpusDir = path.join(root, 'corpus');
  await cp(path.resolve('corpus'), corpusDir, { recursive: true });
  await writeFile(path.join(corpusDir, 'broken.md'), '---\ntitle: [unclosed\n---\nBody text.');
  settings = { ...loadConfig({ DATA_DIR: path.join(root, 'data') }), corpusDir };
  engine = await createEngine(loadConfig({ DATA_DIR: settings.dataDir }));
});

afterEach(async () => {
  await engine.close();
  await rm(root, { recursive: true, force: true });
});

describe('ensureFreshIndex (npm start)', () => {
  it('indexes a missing index, serving every valid article and naming the rejected file', async () => {
    const { rebuilt, rejected } = await start();
    expect(rebuilt).toBe(true);
    expect(rejected.map((rejection) => path.basename(rejection.path))).toEqual(['broken.md']);
    expect(out).toMatch(/^No index yet: indexing .*\nIndexed 5 articles/);
    expect((await engine.stats()).articles).toBe(5);
  });

  it('lists the rejected files again on a start that finds the index current', async () => {
    await start();
    const { rebuilt, rejected } = await start();
    expect(rebuilt).toBe(false);
    expect(rejected.map((rejection) => path.basename(rejection.path))).toEqual(['broken.md']);
    expect(out).toContain('The index is up to date with');
    expect(out).toContain(
      `Not indexed (1):\n  ${path.join(settings.corpusDir, 'broken.md')}:3 — the front matter cannot be parsed`,
    );
  });

  it('reindexes after an edit, reading only the edited file', async () => {
    await start();
    await writeFile(
      path.join(settings.corpusDir, 'broken.md'),
      '---\ntitle: Fixed\n---\nOfficials said the zanzibarian hackers had stolen voter data.',
    );
    const { rebuilt, rejected } = await start();
    expect([rebuilt, rejected]).toEqual([true, []]);
    expect(out).toContain('Extracted 1 article anew; 5 unchanged came from the extraction cache.');
    expect((await engine.search(request('zanzibarian'))).totalArticles).toBe(1);
  });
});
