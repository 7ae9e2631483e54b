import type { Config } from './config.js';
import { ConfigError } from './errors.js';
import type { SearchEngine } from './types.js';

/**
 * Picks the adapter the configuration names. Adapters are imported lazily so that a deployment
 * on one engine never loads the other's client.
 */
export async function createEngine(config: Config): Promise<SearchEngine> {
  switch (config.engine) {
    case 'sqlite': {
      const { openSqliteEngine } = await import('./engines/sqlite.js');
      return openSqliteEngine({ dataDir: config.dataDir });
    }
    case 'meilisearch':
      throw new ConfigError(
        'SEARCH_ENGINE=meilisearch is not available yet: the Meilisearch adapter is being built. Use SEARCH_ENGINE=sqlite.',
      );
  }
}
