import path from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_INDEX_UID,
  INDEX_UID_PATTERN,
  MAX_INDEX_UID_LENGTH,
  MAX_TOTAL_HITS,
} from './engines/meilisearch-settings.js';
import { ConfigError } from './errors.js';

/** Everything the portal and the indexer read from the environment, validated once. */
export interface Config {
  port: number;
  host: string;
  corpusDir: string;
  dataDir: string;
  /** Largest article the indexer accepts, in bytes: a whole .md/.txt file or one JSONL line. */
  maxArticleBytes: number;
  engine: 'sqlite' | 'meilisearch';
  meili: {
    url: string | null;
    /** Search-only key (`MEILI_API_KEY`): what the portal uses. */
    apiKey: string | null;
    /** Key allowed to write (`MEILI_ADMIN_KEY`, else `MEILI_MASTER_KEY`): what the indexer uses. */
    adminKey: string | null;
    /** Live index uid (`MEILI_INDEX`). */
    index: string;
  };
  limits: PortalLimits;
}

/** How much the portal takes from one client, and how long it waits (README, "Security and limits"). */
export interface PortalLimits {
  /** Searches and API calls one address may make per window; null when rate limiting is off. */
  rateLimit: { requests: number; windowMs: number } | null;
  /** How long the engine may take over one page or API answer before it is a 503 (exports excepted). */
  searchTimeoutMs: number;
  /** How long a client may take to send a request (its headers included) before it is a 408. */
  requestTimeoutMs: number;
  /** After SIGTERM, how long open requests may run before their connections are closed. */
  shutdownGraceMs: number;
  /** Most passages one export writes (server/export.ts); the file says when it was cut there. */
  maxExportPassages: number;
}

/** 1 MiB: a long news article is tens of kilobytes; a file this big is a dump, not an article. */
export const DEFAULT_MAX_ARTICLE_BYTES = 1024 * 1024;

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

/** A duration in seconds (decimals allowed) within [min, max]. */
const seconds = (fallback: number, min: number, max: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ message: 'must be a number of seconds' })
      .min(min, `must be between ${min} and ${max} seconds`)
      .max(max, `must be between ${min} and ${max} seconds`)
      .default(fallback),
  );

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
  MAX_ARTICLE_BYTES: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ message: 'must be a number of bytes' })
      .int('must be a whole number of bytes')
      .min(1, 'must be at least 1')
      .default(DEFAULT_MAX_ARTICLE_BYTES),
  ),
  SEARCH_ENGINE: z.preprocess(
    emptyAsUndefined,
    z.enum(['sqlite', 'meilisearch'], { message: 'must be "sqlite" or "meilisearch"' }).default('sqlite'),
  ),
  MEILI_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ message: 'must be a URL such as http://localhost:7700' }).optional(),
  ),
  MEILI_API_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  MEILI_MASTER_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  MEILI_ADMIN_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  MEILI_INDEX: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(INDEX_UID_PATTERN, 'may hold only letters, digits, "-" and "_"')
      .max(MAX_INDEX_UID_LENGTH, `must be at most ${MAX_INDEX_UID_LENGTH} characters`)
      .default(DEFAULT_INDEX_UID),
  ),
  // A person typing with search-as-you-type makes a request per pause: 300 a minute leaves room for
  // a newsroom sharing one address, and stops a script hammering the engine.
  RATE_LIMIT_REQUESTS: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ message: 'must be a number (0 turns rate limiting off)' })
      .int('must be a whole number (0 turns rate limiting off)')
      .min(0, 'must be 0 (off) or more')
      .default(300),
  ),
  RATE_LIMIT_WINDOW_SECONDS: seconds(60, 1, 86_400),
  SEARCH_TIMEOUT_SECONDS: seconds(10, 0.001, 600),
  REQUEST_TIMEOUT_SECONDS: seconds(15, 0.001, 600),
  SHUTDOWN_GRACE_SECONDS: seconds(10, 0, 600),
  // Exports stream, so memory is not the limit: the time one download may occupy the engine is.
  // At most Meilisearch's `maxTotalHits` (engine/engines/meilisearch-settings.ts), which ends its paging.
  MAX_EXPORT_PASSAGES: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_TOTAL_HITS, `must be at most ${MAX_TOTAL_HITS.toLocaleString('en')}`)
      .default(100_000),
  ),
});

type EnvVars = z.infer<typeof envSchema>;

/** Problems that involve several variables at once. */
function crossChecks(vars: EnvVars): string[] {
  const problems: string[] = [];
  if (vars.SEARCH_ENGINE === 'meilisearch' && !vars.MEILI_URL) {
    problems.push('MEILI_URL is required when SEARCH_ENGINE=meilisearch');
  }
  // The portal's key ends up in every portal process; it must not be able to write or create keys.
  if (
    vars.MEILI_API_KEY !== undefined &&
    [vars.MEILI_MASTER_KEY, vars.MEILI_ADMIN_KEY].includes(vars.MEILI_API_KEY)
  ) {
    problems.push('MEILI_API_KEY must be a search-only key, not the master or admin key');
  }
  return problems;
}

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
  const problems = crossChecks(vars);
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return {
    port: vars.PORT,
    host: vars.HOST,
    corpusDir: path.resolve(vars.CORPUS_DIR),
    dataDir: path.resolve(vars.DATA_DIR),
    maxArticleBytes: vars.MAX_ARTICLE_BYTES,
    engine: vars.SEARCH_ENGINE,
    meili: {
      url: vars.MEILI_URL ?? null,
      apiKey: vars.MEILI_API_KEY ?? null,
      // The narrower key wins when both are set.
      adminKey: vars.MEILI_ADMIN_KEY ?? vars.MEILI_MASTER_KEY ?? null,
      index: vars.MEILI_INDEX,
    },
    limits: {
      rateLimit:
        vars.RATE_LIMIT_REQUESTS === 0
          ? null
          : { requests: vars.RATE_LIMIT_REQUESTS, windowMs: vars.RATE_LIMIT_WINDOW_SECONDS * 1000 },
      searchTimeoutMs: vars.SEARCH_TIMEOUT_SECONDS * 1000,
      requestTimeoutMs: vars.REQUEST_TIMEOUT_SECONDS * 1000,
      shutdownGraceMs: vars.SHUTDOWN_GRACE_SECONDS * 1000,
      maxExportPassages: vars.MAX_EXPORT_PASSAGES,
    },
  };
}

/** The limits with nothing set: what `createApp` and the portal server fall back to. */
export const DEFAULT_LIMITS: PortalLimits = loadConfig({}).limits;
