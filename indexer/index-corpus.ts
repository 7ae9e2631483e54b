import type { SearchEngine } from '../engine/types.js';
import { linkQuotesAcrossArticles } from './link-quotes.js';
import type { LoadedCorpus } from './load-corpus.js';

/** Articles per `IndexBuild.add` call: big enough to amortise a round trip, small enough for one request. */
export const DEFAULT_BATCH_SIZE = 500;

export interface IndexCorpusOptions {
  batchSize?: number;
}

/**
 * Pushes a loaded corpus into a search engine as one atomic rebuild: `beginBuild`, `add` in
 * batches, `commit`. On any error the build is aborted, so searches keep answering from the
 * previous index, and the error is rethrown.
 */
export async function indexCorpus(
  engine: Pick<SearchEngine, 'beginBuild'>,
  loaded: Pick<LoadedCorpus, 'articles' | 'fingerprint'>,
  onProgress?: (done: number, total: number) => void,
  options: IndexCorpusOptions = {},
): Promise<void> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer`);
  // Speakers and quote groups are settled over the whole corpus before anything is pushed.
  const articles = linkQuotesAcrossArticles(loaded.articles);
  const build = await engine.beginBuild({ corpusFingerprint: loaded.fingerprint });
  try {
    for (let start = 0; start < articles.length; start += batchSize) {
      const batch = articles.slice(start, start + batchSize);
      await build.add(batch);
      onProgress?.(start + batch.length, articles.length);
    }
    await build.commit();
  } catch (error) {
    // The original error is the one worth reporting; a failing abort must not hide it.
    await build.abort().catch(() => undefined);
    throw error;
  }
}
