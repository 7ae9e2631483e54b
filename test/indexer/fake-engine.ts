import type { Article, EngineStats, IndexBuild, SearchEngine } from '../../engine/types.js';

/**
 * A recording engine for indexer tests: it keeps the calls and can be told to fail. Only the
 * build side exists (and `stats`, which reports the last committed build), since that is all the
 * indexer uses.
 */
export interface FakeEngine extends Pick<SearchEngine, 'beginBuild' | 'stats' | 'close'> {
  calls: string[];
  /** Batches added to the last build begun. */
  batches: Article[][];
  closed: boolean;
}

export function createFakeEngine(options: { failOnAdd?: number; failOnAbort?: boolean } = {}): FakeEngine {
  let committed: EngineStats = { articles: 0, passages: 0, builtAt: null, corpusFingerprint: null };
  const engine: FakeEngine = {
    calls: [],
    batches: [],
    closed: false,
    beginBuild: ({ corpusFingerprint }) => {
      engine.calls.push(`begin ${corpusFingerprint}`);
      engine.batches = [];
      const build: IndexBuild = {
        add: async (articles) => {
          engine.calls.push(`add ${articles.length}`);
          if (options.failOnAdd === engine.batches.length + 1) throw new Error('disk full');
          engine.batches.push([...articles]);
        },
        commit: async () => {
          engine.calls.push('commit');
          const articles = engine.batches.flat();
          committed = {
            articles: articles.length,
            passages: articles.reduce((sum, article) => sum + article.passages.length, 0),
            builtAt: new Date(0).toISOString(),
            corpusFingerprint,
          };
        },
        abort: async () => {
          engine.calls.push('abort');
          if (options.failOnAbort) throw new Error('abort failed too');
        },
      };
      return Promise.resolve(build);
    },
    stats: async () => committed,
    close: async () => {
      engine.closed = true;
    },
  };
  return engine;
}
