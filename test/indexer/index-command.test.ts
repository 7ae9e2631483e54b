import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../engine/errors.js';
import { EXIT_CODES, runIndexCommand, type IndexCommandDeps } from '../../indexer/index-command.js';
import { REPORT_FILE_NAME } from '../../indexer/index-report.js';
import { createFakeEngine, type FakeEngine } from './fake-engine.js';

let root: string;
let dir: string;
let dataDir: string;
let engine: FakeEngine;
let out: string;
let err: string;

const deps = (overrides: Partial<IndexCommandDeps> = {}): IndexCommandDeps => ({
  env: { DATA_DIR: dataDir },
  stdout: { write: (chunk) => (out += chunk) },
  stderr: { write: (chunk) => (err += chunk), isTTY: false },
  openEngine: () => Promise.resolve(engine),
  now: () => 0,
  ...overrides,
});

/** Runs the command with `argv` (plus `--corpus dir`), with fresh output. */
const run = async (argv: string[] = [], overrides: Partial<IndexCommandDeps> = {}): Promise<number> => {
  out = '';
  err = '';
  return runIndexCommand(['--corpus', dir, ...argv], deps(overrides));
};

/** Writes a file of the corpus. */
const put = (name: string, content: string) => writeFile(path.join(dir, name), content);

const indexedIds = () => engine.batches.flat().map((article) => article.id);
const builds = () => engine.calls.filter((call) => call.startsWith('begin')).length;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'index-command-'));
  dir = path.join(root, 'corpus');
  dataDir = path.join(root, 'data');
  await mkdir(dir);
  engine = createFakeEngine();
  out = '';
  err = '';
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('runIndexCommand', () => {
  it('indexes the corpus, says why, prints a summary and exits 0', async () => {
    await put('a.txt', 'Russian hackers targeted voter databases in several states.');
    expect(await run()).toBe(EXIT_CODES.ok);
    expect(out).toBe(`No index yet: indexing ${dir}\nIndexed 1 article (1 passage) from 1 file in 0.0 s.\n`);
    expect(err).toContain('Reading corpus 1/1 files');
    expect(engine.calls.at(-1)).toBe('commit');
    expect(engine.closed).toBe(true);
  });

  it('takes the directory from CORPUS_DIR', async () => {
    await put('a.txt', 'Some article text about the election.');
    const code = await runIndexCommand([], deps({ env: { CORPUS_DIR: dir, DATA_DIR: dataDir } }));
    expect(code).toBe(EXIT_CODES.ok);
    expect(indexedIds()).toEqual(['a']);
  });

  it('indexes the valid articles, lists rejected and skipped files, and exits 1', async () => {
    await put('good.txt', 'Some article text about the election.');
    await put('feed.jsonl', '{"id": "x", "body": "Text about the election."}\nnot json\n');
    await put('image.png', '');
    expect(await run()).toBe(EXIT_CODES.rejected);
    expect(indexedIds()).toEqual(['x', 'good']);
    expect(out).toContain(`Skipped 1 file:\n  ${path.join(dir, 'image.png')} — unsupported file type ".png"`);
    expect(out).toContain(
      `Not indexed (1):\n  ${path.join(dir, 'feed.jsonl')}:2 — the line is not valid JSON`,
    );
  });

  it('indexes every valid article when a file is over the size limit, and exits 1 rather than 3', async () => {
    await put('good.txt', 'Some article text about the election.');
    await put('dump.txt', 'Officials said hackers had stolen voter data.\n\n'.repeat(50));
    const code = await run([], { env: { DATA_DIR: dataDir, MAX_ARTICLE_BYTES: '1000' } });
    expect(code).toBe(EXIT_CODES.rejected);
    expect(indexedIds()).toEqual(['good']);
    expect(out).toContain(
      `${path.join(dir, 'dump.txt')} — the file is 2.4 kB (2,350 bytes), more than the 1.0 kB`,
    );
  });

  describe('--strict', () => {
    it('builds nothing when anything is rejected, says so and exits 1', async () => {
      await put('good.txt', 'Some article text about the election.');
      await put('empty.txt', '');
      expect(await run(['--strict'])).toBe(EXIT_CODES.rejected);
      expect(engine.calls).toEqual([]);
      expect(out).toContain(`Not indexed (1):\n  ${path.join(dir, 'empty.txt')} — the file is empty`);
      expect(out).toMatch(/--strict: nothing indexed, the previous index is kept\.\n$/);
    });

    it('builds as usual when nothing is rejected', async () => {
      await put('good.txt', 'Some article text about the election.');
      expect(await run(['--strict'])).toBe(EXIT_CODES.ok);
      expect(indexedIds()).toEqual(['good']);
    });

    it('still refuses on an unchanged corpus whose index left files out', async () => {
      await put('good.txt', 'Some article text about the election.');
      await put('empty.txt', '');
      expect(await run()).toBe(EXIT_CODES.rejected);
      expect(await run(['--strict'])).toBe(EXIT_CODES.rejected);
      expect(builds()).toBe(1);
    });
  });

  describe('re-runs', () => {
    beforeEach(async () => {
      await put('a.txt', 'Russian hackers targeted voter databases in several states.');
      await put('b.txt', 'Iranian hackers sent threatening emails to voters in Florida.');
      await put('c.txt', 'The FBI issued an alert about election security last week.');
      expect(await run()).toBe(EXIT_CODES.ok);
    });

    it('does nothing when the corpus is unchanged, and says so', async () => {
      expect(await run()).toBe(EXIT_CODES.ok);
      expect(builds()).toBe(1);
      expect(out).toBe(
        `The index is up to date with ${dir} (3 articles, 3 passages): nothing was read or rebuilt.\n` +
          '(--force rebuilds it anyway.)\n',
      );
      expect(err).not.toContain('Reading corpus');
    });

    it('rebuilds an unchanged corpus with --force, from the cache', async () => {
      expect(await run(['--force'])).toBe(EXIT_CODES.ok);
      expect(builds()).toBe(2);
      expect(indexedIds()).toEqual(['a', 'b', 'c']);
      expect(out).toContain('Extracted 0 articles anew; 3 unchanged came from the extraction cache.');
    });

    it('extracts only the changed file and takes the others from the cache', async () => {
      await put('b.txt', 'Iranian hackers sent threatening emails to voters in Alaska.');
      expect(await run()).toBe(EXIT_CODES.ok);
      expect(out).toContain(`The corpus changed since the last build: indexing ${dir}`);
      expect(out).toContain('Extracted 1 article anew; 2 unchanged came from the extraction cache.');
      const b = engine.batches.flat().find((article) => article.id === 'b');
      expect(b?.passages[0]?.text).toContain('Alaska');
    });

    it('drops the articles of deleted files', async () => {
      await unlink(path.join(dir, 'b.txt'));
      expect(await run()).toBe(EXIT_CODES.ok);
      expect(indexedIds()).toEqual(['a', 'c']);
      expect(out).toContain('Extracted 0 articles anew; 2 unchanged came from the extraction cache.');
    });

    it('extracts everything again when the cache is gone', async () => {
      await rm(path.join(dataDir, 'extraction-cache.jsonl'));
      expect(await run(['--force'])).toBe(EXIT_CODES.ok);
      expect(out).not.toContain('extraction cache');
      expect(indexedIds()).toEqual(['a', 'b', 'c']);
    });

    it('rebuilds when the size limit changed, even though the corpus did not', async () => {
      expect(await run([], { env: { DATA_DIR: dataDir, MAX_ARTICLE_BYTES: '58' } })).toBe(
        EXIT_CODES.rejected,
      );
      expect(out).toContain(`The indexer or its settings changed since the last build: indexing ${dir}`);
      expect(builds()).toBe(2);
      expect(indexedIds()).toEqual(['c']);
    });

    it('rebuilds when the build report is missing, rather than guessing what was left out', async () => {
      await rm(path.join(dataDir, REPORT_FILE_NAME));
      expect(await run()).toBe(EXIT_CODES.ok);
      expect(builds()).toBe(2);
    });
  });

  it('lists the files the current index left out on an unchanged re-run, and exits 1', async () => {
    await put('good.txt', 'Some article text about the election.');
    await put('bare.md', 'Some article text without front matter.');
    await put('notes.pdf', '');
    expect(await run()).toBe(EXIT_CODES.rejected);
    expect(await run()).toBe(EXIT_CODES.rejected);
    expect(builds()).toBe(1);
    expect(out).toContain(`Skipped 1 file:\n  ${path.join(dir, 'notes.pdf')} — unsupported file type ".pdf"`);
    expect(out).toContain(`Not indexed (1):\n  ${path.join(dir, 'bare.md')}:1 — there is no front matter`);
    const report = JSON.parse(await readFile(path.join(dataDir, REPORT_FILE_NAME), 'utf8')) as {
      rejected: unknown[];
    };
    expect(report.rejected).toHaveLength(1);
  });

  it('exits 2 on an unknown flag, with the usage', async () => {
    expect(await run(['--corpsu', dir])).toBe(EXIT_CODES.usage);
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
    const code = await run([], {
      openEngine: () => Promise.reject(new ConfigError('PORT must be a number')),
    });
    expect(code).toBe(EXIT_CODES.usage);
    expect(err).toContain('PORT must be a number');
  });

  it('exits 2 on a size limit that is not a number of bytes', async () => {
    expect(await run([], { env: { DATA_DIR: dataDir, MAX_ARTICLE_BYTES: '1MB' } })).toBe(EXIT_CODES.usage);
    expect(err).toContain('MAX_ARTICLE_BYTES must be a number of bytes');
    expect(engine.calls).toEqual([]);
  });

  it('exits 3 and keeps the previous index when the engine fails', async () => {
    engine = createFakeEngine({ failOnAdd: 1 });
    await put('a.txt', 'Some article text about the election.');
    expect(await run()).toBe(EXIT_CODES.failed);
    expect(err).toContain('indexing failed, the previous index is kept: disk full');
    expect(engine.calls.at(-1)).toBe('abort');
    expect(engine.closed).toBe(true);
  });

  it('prints the usage for --help, with every flag and the exit statuses', async () => {
    expect(await runIndexCommand(['--help'], deps())).toBe(EXIT_CODES.ok);
    expect(out).toMatch(/^Usage: npm run index -- \[--corpus DIR\] \[--strict\] \[--force\]/);
    expect(out).toMatch(/--strict[\s\S]*--force[\s\S]*MAX_ARTICLE_BYTES[\s\S]*Exit status: 0/);
  });
});
