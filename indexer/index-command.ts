import { parseArgs } from 'node:util';
import { loadConfig } from '../engine/config.js';
import { ConfigError, messageOf } from '../engine/errors.js';
import type { SearchEngine } from '../engine/types.js';
import { assertCorpusDirectory, CorpusDirectoryError } from './corpus-files.js';
import { CACHE_FILE_NAME } from './extraction-cache.js';
import type { OutputStream } from './progress.js';
import { formatRunSummary } from './run-summary.js';
import { rejectionsOf, updateIndex, type IndexSettings } from './update-index.js';

/** Exit statuses of `npm run index`. */
export const EXIT_CODES = {
  ok: 0,
  /**
   * Some articles or files were rejected: the index holds every valid one, or with `--strict`
   * nothing was indexed and the previous index is kept.
   */
  rejected: 1,
  /** Bad flags, missing corpus directory or invalid configuration: nothing was done. */
  usage: 2,
  /** The engine failed; the previous index is still in place. */
  failed: 3,
} as const;

/** The part of a `SearchEngine` the command uses. */
export type IndexTarget = Pick<SearchEngine, 'beginBuild' | 'stats' | 'close'>;

export interface IndexCommandDeps {
  /** DATA_DIR, CORPUS_DIR and MAX_ARTICLE_BYTES are read from here (through `loadConfig`). */
  env: Readonly<Record<string, string | undefined>>;
  /** The summary. */
  stdout: OutputStream;
  /** Progress and errors. */
  stderr: OutputStream;
  /** Creates the configured engine (the CLI passes `createEngine(loadConfig(env))`). */
  openEngine: () => Promise<IndexTarget>;
  now?: () => number;
}

const USAGE = `Usage: npm run index -- [--corpus DIR] [--strict] [--force]

Reads the articles in DIR (.md, .txt and .jsonl files, recursively) and brings the search index up
to date with them. Files that cannot be indexed are listed with the reason; every valid article is
still indexed. Searches keep answering from the previous index until the new one is complete.

Only new and changed articles are read and extracted: the others come from the extraction cache,
$DATA_DIR/${CACHE_FILE_NAME}. When nothing changed since the last build, nothing is done.

Options:
  --corpus DIR  corpus directory (default: $CORPUS_DIR, else ./corpus)
  --strict      if any file or article is rejected, index nothing and keep the previous index
  --force       rebuild the index even when it is up to date with the corpus
  -h, --help    show this help

Environment: MAX_ARTICLE_BYTES (default 1048576) is the largest article accepted, a whole .md or
.txt file or one JSONL line; DATA_DIR (default ./data) holds the cache.

Exit status: 0 done; 1 some articles were rejected (all valid ones are indexed, or with --strict
nothing is and the previous index is kept); 2 usage or configuration error; 3 indexing failed (the
previous index is kept).
`;

/**
 * Runs the `index` command: parse flags, open the engine, bring the index up to date with
 * progress and print a summary. Returns the exit status instead of exiting, so it can be tested
 * in-process.
 */
export async function runIndexCommand(argv: readonly string[], deps: IndexCommandDeps): Promise<number> {
  const parsed = parseFlags(argv);
  if ('error' in parsed) {
    deps.stderr.write(`error: ${parsed.error}\n\n${USAGE}`);
    return EXIT_CODES.usage;
  }
  if (parsed.help) {
    deps.stdout.write(USAGE);
    return EXIT_CODES.ok;
  }
  const settings = readSettings(parsed.corpus, deps);
  if (typeof settings === 'number') return settings;
  const engine = await openChecked(settings.corpusDir, deps);
  if (typeof engine === 'number') return engine;
  try {
    const run = await updateIndex(engine, settings, parsed, deps);
    deps.stdout.write(formatRunSummary(run, settings.corpusDir));
    if (run.outcome === 'current') deps.stdout.write('(--force rebuilds it anyway.)\n');
    return rejectionsOf(run).length > 0 ? EXIT_CODES.rejected : EXIT_CODES.ok;
  } catch (error) {
    deps.stderr.write(`error: indexing failed, the previous index is kept: ${messageOf(error)}\n`);
    return EXIT_CODES.failed;
  } finally {
    await engine.close();
  }
}

type Flags =
  { corpus: string | undefined; help: boolean; strict: boolean; force: boolean } | { error: string };

function parseFlags(argv: readonly string[]): Flags {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        corpus: { type: 'string' },
        strict: { type: 'boolean' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.corpus !== undefined && values.corpus.trim() === '')
      return { error: '--corpus needs a directory' };
    return {
      corpus: values.corpus,
      help: values.help ?? false,
      strict: values.strict ?? false,
      force: values.force ?? false,
    };
  } catch (error) {
    return { error: messageOf(error) };
  }
}

/** The directories and limit from flags and environment; a configuration error becomes exit 2. */
function readSettings(corpus: string | undefined, deps: IndexCommandDeps): IndexSettings | number {
  try {
    const config = loadConfig(deps.env);
    return {
      // As typed (not resolved), since that is how people recognise it in messages.
      corpusDir: corpus ?? deps.env['CORPUS_DIR'] ?? './corpus',
      dataDir: config.dataDir,
      maxArticleBytes: config.maxArticleBytes,
    };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    deps.stderr.write(`error: ${error.message}\n`);
    return EXIT_CODES.usage;
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
