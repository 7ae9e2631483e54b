/**
 * Indexing throughput of the whole pipeline as `npm run index` runs it (`updateIndex`: read →
 * clean → split → extract, extraction cache and build report, then the SQLite engine), timed by
 * phase: the engine's `add` batches and its `commit` (FTS5 rebuild and optimize, term index,
 * vocabulary, facet totals, indexes) apart through the IndexBuild port, the rest is loading.
 * Writing the build report also lets the portal started on this index find it up to date.
 */
import { DEFAULT_MAX_ARTICLE_BYTES } from '../engine/config.js';
import { openSqliteEngine } from '../engine/engines/sqlite.js';
import type { Article, IndexBuild, SearchEngine } from '../engine/types.js';
import { updateIndex } from '../indexer/update-index.js';
import { processMemory } from './memory.js';
import { ratePerSecond } from './stats.js';

export interface PipelineTimes {
  articles: number;
  passages: number;
  rejected: number;
  /** read → clean → split → extract (with the extraction cache and the build report), in ms. */
  loadMs: number;
  /** IndexBuild.add over all batches. */
  addMs: number;
  /** IndexBuild.commit. */
  commitMs: number;
  totalMs: number;
  passagesPerSecond: number;
  /** Peak resident memory of the process by the end of indexing, MB. */
  peakRssMb: number | null;
}

/** Wraps `beginBuild` so the time spent in `add` and in `commit` is added up. */
function timedBuilds(
  engine: SearchEngine,
  times: { addMs: number; commitMs: number },
): Pick<SearchEngine, 'beginBuild' | 'stats'> {
  return {
    stats: () => engine.stats(),
    async beginBuild(options) {
      const build = await engine.beginBuild(options);
      const timed: IndexBuild = {
        async add(articles) {
          const started = performance.now();
          await build.add(articles);
          times.addMs += performance.now() - started;
        },
        async commit() {
          const started = performance.now();
          await build.commit();
          times.commitMs += performance.now() - started;
        },
        abort: () => build.abort(),
      };
      return timed;
    },
  };
}

/** Runs the pipeline over `corpusDir` into a fresh index under `dataDir`; returns the articles too. */
export async function runPipeline(
  corpusDir: string,
  dataDir: string,
  log: (line: string) => void,
): Promise<{ times: PipelineTimes; articles: Article[] }> {
  const engine = await openSqliteEngine({ dataDir });
  const phases = { addMs: 0, commitMs: 0 };
  const quiet = { write: () => true };
  const started = performance.now();
  let run;
  try {
    run = await updateIndex(
      timedBuilds(engine, phases),
      { corpusDir, dataDir, maxArticleBytes: DEFAULT_MAX_ARTICLE_BYTES },
      { force: true },
      { stdout: quiet, stderr: quiet },
    );
  } finally {
    await engine.close();
  }
  const totalMs = performance.now() - started;
  if (run.outcome !== 'built') throw new Error(`indexing did not build an index (${run.outcome})`);
  const { articles, rejected } = run.loaded;
  const passages = articles.reduce((sum, article) => sum + article.passages.length, 0);
  log(`  indexed ${articles.length} articles, ${passages} passages in ${(totalMs / 1000).toFixed(1)} s`);
  return {
    times: {
      articles: articles.length,
      passages,
      rejected: rejected.length,
      loadMs: totalMs - phases.addMs - phases.commitMs,
      addMs: phases.addMs,
      commitMs: phases.commitMs,
      totalMs,
      passagesPerSecond: ratePerSecond(passages, totalMs),
      peakRssMb: processMemory('self')?.peakRssMb ?? null,
    },
    articles,
  };
}
