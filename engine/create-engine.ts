import type { Config } from './config.js';
import { ConfigError } from './errors.js';
import type { SearchEngine } from './types.js';

/**
 * Who the engine is for. The portal only searches and gets a search-only key; the indexer writes
 * and gets the admin key. A portal process therefore never holds a key that can change the index.
 */
export type EngineRole = 'search' | 'admin';

export interface CreateEngineOptions {
  /** Default `search` (the portal); the indexer passes `admin`. */
  role?: EngineRole;
}

/**
 * Picks the adapter the configuration names. Adapters are imported lazily so that a deployment
 * on one engine never loads the other's client.
 */
export async function createEngine(config: Config, options: CreateEngineOptions = {}): Promise<SearchEngine> {
  const role = options.role ?? 'search';
  switch (config.engine) {
    case 'sqlite': {
      const { openSqliteEngine } = await import('./engines/sqlite.js');
      return openSqliteEngine({ dataDir: config.dataDir });
    }
    case 'meilisearch': {
      const { url, apiKey, adminKey, index } = config.meili;
      if (url === null)
        throw new ConfigError(
          'Invalid configuration:\n  - MEILI_URL is required when SEARCH_ENGINE=meilisearch',
        );
      const { openMeilisearchEngine } = await import('./engines/meilisearch.js');
      return openMeilisearchEngine({ url, apiKey: role === 'admin' ? adminKey : apiKey, indexUid: index });
    }
  }
}
