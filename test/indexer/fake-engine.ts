import type { Article, IndexBuild, SearchEngine } from '../../engine/types.js';

/**
 * A recording engine for indexer tests: it keeps the calls and can be told to fail. Only the
 * build side exists, since that is all the indexer uses.
 */
export interface FakeEngine extends Pick<SearchEngine, 'beginBuild' | 'close'> {
  calls: string[];
  batches: Article[][];
  closed: boolean;
}

export function createFakeEngine(options: { failOnAdd?: number; failOnAbort?: boolean } = {}): FakeEngine {
  const engine: FakeEngine = {
    calls: [],
    batches: [],
    closed: false,
    beginBuild: ({ corpusFingerprint }) => {
      engine.calls.push(`begin ${corpusFingerprint}`);
      const build: IndexBuild = {
        add: async (articles) => {
          engine.calls.push(`add ${articles.length}`);
          if (options.failOnAdd === engine.batches.length + 1) throw new Error('disk full');
          engine.batches.push([...articles]);
        },
        commit: async () => {
          engine.calls.push('commit');
        },
        abort: async () => {
          engine.calls.push('abort');
          if (options.failOnAbort) throw new Error('abort failed too');
        },
      };
      return Promise.resolve(build);
    },
    close: async () => {
      engine.closed = true;
    },
  };
  return engine;
}
