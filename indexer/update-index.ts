import type { SearchEngine } from '../engine/types.js';
import { fingerprintFiles, listCorpusFiles, type CorpusListing } from './corpus-files.js';
import { ExtractionCache } from './extraction-cache.js';
import { extractorVersion } from './extractor-version.js';
import { indexCorpus } from './index-corpus.js';
import { readIndexReport, writeIndexReport, type IndexReport } from './index-report.js';
import { loadCorpus, type LoadedCorpus } from './load-corpus.js';
import { createProgress, type OutputStream, type Progress } from './progress.js';
import type { Rejection } from './types.js';
import { messageOf } from '../engine/errors.js';

/** Where the corpus is, where the indexer keeps its cache and report, and the article size limit. */
export interface IndexSettings {
  corpusDir: string;
  /** DATA_DIR: the extraction cache and the build report go here (for SQLite, beside the index). */
  dataDir: string;
  maxArticleBytes: number;
}

export interface UpdateOptions {
  /** Rebuild even when the index is up to date with the corpus. */
  force?: boolean;
  /** When anything is rejected, build nothing and keep the previous index. */
  strict?: boolean;
}

export interface RunOutput {
  /** The "why" line and the summary. */
  stdout: OutputStream;
  /** Progress and warnings. */
  stderr: OutputStream;
  now?: () => number;
}

/**
 * What a run did. `current`: the index already matched the corpus and nothing was read; the
 * report is the one its build left. `built`: a new index was swapped in. `refused`: `--strict`
 * found rejections, so nothing was built.
 */
export type IndexRun =
  | { outcome: 'current'; report: IndexReport; articles: number; passages: number; seconds: number }
  | { outcome: 'built' | 'refused'; loaded: LoadedCorpus; seconds: number };

/** The engine calls a run needs. */
export type IndexEngine = Pick<SearchEngine, 'beginBuild' | 'stats'>;

/**
 * Brings the index up to date with the corpus, doing as little as it can:
 * - nothing at all when the index was built from this very state of the corpus, by this version of
 *   the indexer with the same size limit (unless `force`);
 * - otherwise only new and changed articles are read and extracted; unchanged ones come from the
 *   extraction cache in `dataDir`, and the articles of deleted files are gone;
 * - the engine then builds a new index from all of them and swaps it in atomically, so searches
 *   answer from the previous index until the new one is complete, also if the run is killed.
 * Shared by `npm run index` and the server's index-on-start.
 */
export async function updateIndex(
  engine: IndexEngine,
  settings: IndexSettings,
  options: UpdateOptions,
  output: RunOutput,
): Promise<IndexRun> {
  const now = output.now ?? Date.now;
  const started = now();
  const seconds = () => (now() - started) / 1000;
  const listing = await listCorpusFiles(settings.corpusDir);
  const fingerprint = fingerprintFiles(listing.files);
  const extractor = await extractorVersion();
  const expected = { corpusFingerprint: fingerprint, extractor, maxArticleBytes: settings.maxArticleBytes };
  const [stats, report] = await Promise.all([engine.stats(), readIndexReport(settings.dataDir)]);
  const current = stats.builtAt !== null && stats.corpusFingerprint === fingerprint;
  if (current && report !== null && sameBuildInputs(report, expected) && !options.force) {
    return {
      outcome: 'current',
      report,
      articles: stats.articles,
      passages: stats.passages,
      seconds: seconds(),
    };
  }
  output.stdout.write(
    `${whyIndexing(settings.corpusDir, { hasIndex: stats.builtAt !== null, current, force: options.force })}\n`,
  );

  const cache = await ExtractionCache.open(settings.dataDir, extractor);
  const loaded = await loadWithProgress(settings, listing, cache, output.stderr);
  await saveCache(cache, output.stderr);
  if (options.strict && loaded.rejected.length > 0) return { outcome: 'refused', loaded, seconds: seconds() };

  // Written before the build: if the build then fails, the index keeps its old fingerprint, which
  // no longer matches this report, so the next run builds again rather than trusting it.
  await writeIndexReport(settings.dataDir, {
    ...expected,
    rejected: loaded.rejected,
    skipped: loaded.skipped,
  }).catch((error: unknown) =>
    warn(output.stderr, `the build report could not be saved (${messageOf(error)})`),
  );
  await indexWithProgress(engine, loaded, output.stderr);
  return { outcome: 'built', loaded, seconds: seconds() };
}

/** The rejections a run reports: found now, or listed by the build that is still current. */
export function rejectionsOf(run: IndexRun): Rejection[] {
  return run.outcome === 'current' ? run.report.rejected : run.loaded.rejected;
}

function sameBuildInputs(report: IndexReport, expected: Omit<IndexReport, 'rejected' | 'skipped'>): boolean {
  return (
    report.corpusFingerprint === expected.corpusFingerprint &&
    report.extractor === expected.extractor &&
    report.maxArticleBytes === expected.maxArticleBytes
  );
}

function whyIndexing(
  dir: string,
  state: { hasIndex: boolean; current: boolean; force: boolean | undefined },
): string {
  const { hasIndex, current, force } = state;
  if (!hasIndex) return `No index yet: indexing ${dir}`;
  if (!current) return `The corpus changed since the last build: indexing ${dir}`;
  if (force) return `--force: rebuilding the index of ${dir}`;
  return `The indexer or its settings changed since the last build: indexing ${dir}`;
}

function loadWithProgress(
  settings: IndexSettings,
  listing: CorpusListing,
  cache: ExtractionCache,
  stderr: OutputStream,
): Promise<LoadedCorpus> {
  return withProgress(stderr, 'Reading corpus', 'files', (progress) =>
    loadCorpus(settings.corpusDir, {
      listing,
      cache,
      maxArticleBytes: settings.maxArticleBytes,
      onProgress: (done, total, path) => progress.update(done, total, path),
    }),
  );
}

/** A cache that cannot be written costs the next run time, never this run its index. */
async function saveCache(cache: ExtractionCache, stderr: OutputStream): Promise<void> {
  try {
    await cache.save();
  } catch (error) {
    warn(
      stderr,
      `the extraction cache could not be saved, so the next run extracts more (${messageOf(error)})`,
    );
  }
}

function indexWithProgress(engine: IndexEngine, loaded: LoadedCorpus, stderr: OutputStream): Promise<void> {
  return withProgress(stderr, 'Indexing', 'articles', (progress) =>
    indexCorpus(engine, loaded, (done, total) => progress.update(done, total)),
  );
}

/** Runs one phase with its progress display, which is stopped however the phase ends. */
async function withProgress<T>(
  stderr: OutputStream,
  label: string,
  unit: string,
  phase: (progress: Progress) => Promise<T>,
): Promise<T> {
  const progress = createProgress(stderr, label, unit);
  try {
    return await phase(progress);
  } finally {
    progress.stop();
  }
}

function warn(stderr: OutputStream, message: string): void {
  stderr.write(`warning: ${message}\n`);
}
