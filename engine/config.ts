import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.js';

/** Everything the portal and the indexer read from the environment, validated once. */
export interface Config {
  port: number;
  host: string;
  corpusDir: string;
  dataDir: string;
  engine: 'sqlite' | 'meilisearch';
  meili: { url: string | null; apiKey: string | null };
}

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const envSchema = z.object({
  PORT: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(3000),
  ),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('localhost')),
  CORPUS_DIR: z.preprocess(emptyAsUndefined, z.string().default('./corpus')),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  SEARCH_ENGINE: z.preprocess(
    emptyAsUndefined,
    z.enum(['sqlite', 'meilisearch'], { message: 'must be "sqlite" or "meilisearch"' }).default('sqlite'),
  ),
  MEILI_URL: z.preprocess(emptyAsUndefined, z.url({ message: 'must be a URL such as http://localhost:7700' }).optional()),
  MEILI_API_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
});

/**
 * Reads and validates the environment. Throws one `ConfigError` that lists every problem,
 * so a misconfigured deployment is fixed in one go rather than one variable per restart.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  const vars = parsed.data;
  if (vars.SEARCH_ENGINE === 'meilisearch' && !vars.MEILI_URL) {
    throw new ConfigError('Invalid configuration:\n  - MEILI_URL is required when SEARCH_ENGINE=meilisearch');
  }
  return {
    port: vars.PORT,
    host: vars.HOST,
    corpusDir: path.resolve(vars.CORPUS_DIR),
    dataDir: path.resolve(vars.DATA_DIR),
    engine: vars.SEARCH_ENGINE,
    meili: { url: vars.MEILI_URL ?? null, apiKey: vars.MEILI_API_KEY ?? null },
  };
}
