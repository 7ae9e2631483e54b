import { parseArgs } from 'node:util';
import { ConfigError } from '../engine/errors.js';
import type { SearchEngine } from '../engine/types.js';
import { assertCorpusDirectory, CorpusDirectoryError } from './corpus-files.js';
import { indexCorpus } from './index-corpus.js';
import { loadCorpus, type LoadedCorpus } from './load-corpus.js';
import { createProgress, type OutputStream } from './progress.js';
import { formatRejection } from './types.js';

/** Exit statuses of `npm run index`. */
export const EXIT_CODES = {
  ok: 0,
  /** The index was built, but some articles or files were rejected. */
  rejected: 1,
  /** Bad flags, missing corpus directory or invalid configuration: nothing was done. */
  usage: 2,
  /** The engine failed; the previous index is still in place. */
  failed: 3,
} as const;

/** The part of a `SearchEngine` the command uses. */
export type IndexTarget = Pick<SearchEngine, 'beginBuild' | 'close'>;

export interface IndexCommandDeps {
  env: Readonly<Record<string, string | undefined>>;
  /** The summary. */
  stdout: OutputStream;
  /** Progress and errors. */
  stderr: OutputStream;
  /** Creates the configured engine (the CLI passes `createEngine(loadConfig(env))`). */
  openEngine: () => Promise<IndexTarget>;
  now?: () => number;
}

const USAGE = `Usage: npm run index -- [--corpus DIR]

Reads the articles in DIR (.md, .txt and .jsonl files, recursively) and rebuilds the search index.

Options:
  --corpus DIR  corpus directory (default: $CORPUS_DIR, else ./corpus)
  -h, --help    show this help

Exit status: 0 done; 1 done, but some articles were rejected; 2 usage or configuration error;
3 indexing failed (the previous index is kept).
`;

/**
 * Runs the `index` command: parse flags, open the engine, load the corpus with progress, push
 * it into the engine and print a summary. Returns the exit status instead of exiting, so it can
 * be tested in-process.
 */
export async function runIndexCommand(argv: readonly string[], deps: IndexCommandDeps): Promise<number> {
  const now = deps.now ?? Date.now;
  const parsed = parseFlags(argv);
  if ('error' in parsed) {
    deps.stderr.write(`error: ${parsed.error}\n\n${USAGE}`);
    return EXIT_CODES.usage;
  }
  if (parsed.help) {
    deps.stdout.write(USAGE);
    return EXIT_CODES.ok;
  }
  const dir = parsed.corpus ?? deps.env['CORPUS_DIR'] ?? './corpus';
  const engine = await openChecked(dir, deps);
  if (typeof engine === 'number') return engine;
  try {
    const loaded = await rebuildIndex(engine, dir, { ...deps, now });
    return loaded.rejected.length > 0 ? EXIT_CODES.rejected : EXIT_CODES.ok;
  } catch (error) {
    deps.stderr.write(`error: indexing failed, the previous index is kept: ${messageOf(error)}\n`);
    return EXIT_CODES.failed;
  } finally {
    await engine.close();
  }
}

type Flags = { corpus: string | undefined; help: boolean } | { error: string };

function parseFlags(argv: readonly string[]): Flags {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { corpus: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.corpus !== undefined && values.corpus.trim() === '')
      return { error: '--corpus needs a directory' };
    return { corpus: values.corpus, help: values.help ?? false };
  } catch (error) {
    return { error: messageOf(error) };
  }
}

/** Checks the corpus directory, then opens the engine; a failure becomes an exit status. */
async function openChecked(dir: string, deps: IndexCommandDeps): Promise<IndexTarget | number> {
  try {
    await assertCorpusDirectory(dir);
    return await deps.openEngine();
  } catch (error) {
    const usage = error instanceof CorpusDirectoryError || error instanceof ConfigError;
    deps.stderr.write(`error: ${messageOf(error)}\n`);
    return usage ? EXIT_CODES.usage : EXIT_CODES.failed;
  }
}

/**
 * Loads the corpus and rebuilds the index from it, showing progress on `stderr` and the summary on
 * `stdout`. Shared by the CLI and by the server's index-on-start.
 */
export async function rebuildIndex(
  engine: Pick<SearchEngine, 'beginBuild'>,
  dir: string,
  output: { stdout: OutputStream; stderr: OutputStream; now?: () => number },
): Promise<LoadedCorpus> {
  const now = output.now ?? Date.now;
  const started = now();
  const loaded = await loadWithProgress(dir, output.stderr);
  await indexWithProgress(engine, loaded, output.stderr);
  output.stdout.write(formatSummary(loaded, (now() - started) / 1000));
  return loaded;
}

async function loadWithProgress(dir: string, stderr: OutputStream): Promise<LoadedCorpus> {
  const progress = createProgress(stderr, 'Reading corpus', 'files');
  try {
    return await loadCorpus(dir, { onProgress: (done, total, path) => progress.update(done, total, path) });
  } finally {
    progress.stop();
  }
}

async function indexWithProgress(
  engine: Pick<SearchEngine, 'beginBuild'>,
  loaded: LoadedCorpus,
  stderr: OutputStream,
): Promise<void> {
  const progress = createProgress(stderr, 'Indexing', 'articles');
  try {
    await indexCorpus(engine, loaded, (done, total) => progress.update(done, total));
  } finally {
    progress.stop();
  }
}

/** The end-of-run report: counts, time, and every skipped or rejected file with its reason. */
export function formatSummary(loaded: LoadedCorpus, seconds: number): string {
  const passages = loaded.articles.reduce((sum, article) => sum + article.passages.length, 0);
  const lines = [
    `Indexed ${plural(loaded.articles.length, 'article')} (${plural(passages, 'passage')}) ` +
      `from ${plural(loaded.files, 'file')} in ${seconds.toFixed(1)} s.`,
  ];
  if (loaded.skipped.length > 0) {
    lines.push(`Skipped ${plural(loaded.skipped.length, 'file')}:`);
    lines.push(...loaded.skipped.map((skipped) => `  ${skipped.path} — ${skipped.reason}`));
  }
  if (loaded.rejected.length > 0) {
    lines.push(`Not indexed (${loaded.rejected.length}):`);
    lines.push(...loaded.rejected.map((rejection) => `  ${formatRejection(rejection)}`));
  }
  return `${lines.join('\n')}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
