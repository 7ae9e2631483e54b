import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../engine/errors.js';
import { EXIT_CODES, runIndexCommand, type IndexCommandDeps } from '../../indexer/index-command.js';
import { createFakeEngine, type FakeEngine } from './fake-engine.js';

let dir: string;
let engine: FakeEngine;
let out: string;
let err: string;

const deps = (overrides: Partial<IndexCommandDeps> = {}): IndexCommandDeps => ({
  env: {},
  stdout: { write: (chunk) => (out += chunk) },
  stderr: { write: (chunk) => (err += chunk), isTTY: false },
  openEngine: () => Promise.resolve(engine),
  now: () => 0,
  ...overrides,
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'index-command-'));
  engine = createFakeEngine();
  out = '';
  err = '';
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runIndexCommand', () => {
  it('indexes the corpus, prints a summary and exits 0', async () => {
    await writeFile(path.join(dir, 'a.txt'), 'Russian hackers targeted voter databases in several states.');
    const code = await runIndexCommand(['--corpus', dir], deps());
    expect(code).toBe(EXIT_CODES.ok);
    expect(out).toBe('Indexed 1 article (1 passage) from 1 file in 0.0 s.\n');
    expect(err).toContain('Reading corpus 1/1 files');
    expect(engine.calls.at(-1)).toBe('commit');
    expect(engine.closed).toBe(true);
  });

  it('takes the directory from CORPUS_DIR', async () => {
    await writeFile(path.join(dir, 'a.txt'), 'Some article text about the election.');
    expect(await runIndexCommand([], deps({ env: { CORPUS_DIR: dir } }))).toBe(EXIT_CODES.ok);
    expect(engine.batches.flat().map((article) => article.id)).toEqual(['a']);
  });

  it('indexes the valid articles, lists rejected and skipped files, and exits 1', async () => {
    await writeFile(path.join(dir, 'good.txt'), 'Some article text about the election.');
    await writeFile(
      path.join(dir, 'feed.jsonl'),
      '{"id": "x", "body": "Text about the election."}\nnot json\n',
    );
    await writeFile(path.join(dir, 'image.png'), '');
    const code = await runIndexCommand(['--corpus', dir], deps());
    expect(code).toBe(EXIT_CODES.rejected);
    expect(engine.batches.flat().map((article) => article.id)).toEqual(['x', 'good']);
    expect(out).toContain(`Skipped 1 file:\n  ${path.join(dir, 'image.png')} — unsupported file type ".png"`);
    expect(out).toContain(
      `Not indexed (1):\n  ${path.join(dir, 'feed.jsonl')}:2 — the line is not valid JSON`,
    );
  });

  it('exits 2 on an unknown flag, with the usage', async () => {
    expect(await runIndexCommand(['--corpsu', dir], deps())).toBe(EXIT_CODES.usage);
    expect(err).toMatch(/Unknown option '--corpsu'[\s\S]*Usage: npm run index/);
    expect(engine.calls).toEqual([]);
  });

  it('exits 2 when the corpus directory is missing, before opening the engine', async () => {
    let opened = false;
    const code = await runIndexCommand(
      ['--corpus', path.join(dir, 'nope')],
      deps({ openEngine: async () => ((opened = true), engine) }),
    );
    expect(code).toBe(EXIT_CODES.usage);
    expect(err).toBe(`error: corpus directory not found: ${path.join(dir, 'nope')}\n`);
    expect(opened).toBe(false);
  });

  it('exits 2 on a configuration error', async () => {
    const code = await runIndexCommand(
      ['--corpus', dir],
      deps({ openEngine: () => Promise.reject(new ConfigError('PORT must be a number')) }),
    );
    expect(code).toBe(EXIT_CODES.usage);
    expect(err).toContain('PORT must be a number');
  });

  it('exits 3 and keeps the previous index when the engine fails', async () => {
    engine = createFakeEngine({ failOnAdd: 1 });
    await writeFile(path.join(dir, 'a.txt'), 'Some article text about the election.');
    expect(await runIndexCommand(['--corpus', dir], deps())).toBe(EXIT_CODES.failed);
    expect(err).toContain('indexing failed, the previous index is kept: disk full');
    expect(engine.calls.at(-1)).toBe('abort');
    expect(engine.closed).toBe(true);
  });

  it('prints the usage for --help', async () => {
    expect(await runIndexCommand(['--help'], deps())).toBe(EXIT_CODES.ok);
    expect(out).toMatch(/^Usage: npm run index -- \[--corpus DIR\]/);
  });
});
