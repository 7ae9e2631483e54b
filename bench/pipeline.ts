/**
 * Indexing throughput of the whole pipeline, timed by phase: loadCorpus (read → clean → split →
 * extract), then indexCorpus into the SQLite engine, its `add` batches and its `commit` (FTS5
 * rebuild and optimize, vocabulary, facet totals, indexes) timed apart through the IndexBuild port.
 */
import { openSqliteEngine } from '../engine/engines/sqlite.js';
import type { Article, IndexBuild, SearchEngine } from '../engine/types.js';
import { indexCorpus } from '../indexer/index-corpus.js';
import { loadCorpus } from '../indexer/load-corpus.js';
import { processMemory } from './memory.js';
import { ratePerSecond } from './stats.js';

export interface PipelineTimes {
  articles: number;
  passages: number;
  rejected: number;
  /** read → clean → split → extract, in ms. */
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
): Pick<SearchEngine, 'beginBuild'> {
  return {
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
  const started = performance.now();
  let lastReport = started;
  const loaded = await loadCorpus(corpusDir);
  const loadMs = performance.now() - started;
  const passages = loaded.articles.reduce((sum, article) => sum + article.passages.length, 0);
  log(`  loaded ${loaded.articles.length} articles, ${passages} passages in ${(loadMs / 1000).toFixed(1)} s`);
  const engine = await openSqliteEngine({ dataDir });
  const phases = { addMs: 0, commitMs: 0 };
  try {
    await indexCorpus(timedBuilds(engine, phases), loaded, (done, total) => {
      const now = performance.now();
      if (now - lastReport > 15_000) {
        lastReport = now;
        log(`  pushed ${done}/${total} articles (${((now - started) / 1000).toFixed(0)} s)`);
      }
    });
  } finally {
    await engine.close();
  }
  const totalMs = performance.now() - started;
  return {
    times: {
      articles: loaded.articles.length,
      passages,
      rejected: loaded.rejected.length,
      loadMs,
      addMs: phases.addMs,
      commitMs: phases.commitMs,
      totalMs,
      passagesPerSecond: ratePerSecond(passages, totalMs),
      peakRssMb: processMemory('self')?.peakRssMb ?? null,
    },
    articles: loaded.articles,
  };
}
