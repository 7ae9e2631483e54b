/**
 * What went wrong talking to Meilisearch, in our terms. The portal needs `EngineUnavailableError`
 * (→ 503, /healthz 503) for anything an operator must fix or wait out, and a plain error (→ 500)
 * only for a request Meilisearch refused because of our own bug. The indexer needs a message that
 * says what to check. Nothing is cached: the next call simply tries again, so recovery is automatic.
 *
 * Errors are recognised by the client's `name`s (meilisearch-js `MeilisearchRequestError`,
 * `MeilisearchApiError`, …) rather than `instanceof`, so this module needs no client import.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import { EngineUnavailableError } from '../errors.js';

export const NO_INDEX_MESSAGE = 'no index yet: run npm run index';
export const OUTDATED_INDEX_MESSAGE = 'the index was built by an older version: run npm run index';

export type FailureKind =
  /** No answer: connection refused, DNS, timeout. */
  | 'unreachable'
  /** The index does not exist (nothing was built yet). */
  | 'no-index'
  /** The key is missing, unknown, or lacks the permission. */
  | 'auth'
  /** Meilisearch (or a proxy in front of it) failed: 5xx. */
  | 'server'
  /** Something answered that is not Meilisearch (not JSON). */
  | 'not-meilisearch'
  /** Meilisearch refused the request itself: a bug on our side. */
  | 'rejected'
  | 'other';

export interface Failure {
  kind: FailureKind;
  /** A short reason, safe to show: never the URL or a key. */
  detail: string;
  /** Meilisearch's error code when it sent one (`index_not_found`, `invalid_api_key`, …). */
  code?: string;
}

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  timeout?: unknown;
  response?: { status?: unknown };
}

const shape = (value: unknown): ErrorShape => (typeof value === 'object' && value !== null ? value : {});
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The innermost useful words of a network failure: `ECONNREFUSED`, `no answer within 10000 ms`. */
function networkDetail(cause: unknown): string {
  const outer = shape(cause);
  if (outer.name === 'MeilisearchRequestTimeOutError') {
    const timeout = shape(outer.cause).timeout;
    return typeof timeout === 'number' ? `no answer within ${timeout} ms` : 'no answer in time';
  }
  const inner = shape(outer.cause);
  return (
    text(inner.code) || text(outer.code) || text(inner.message) || text(outer.message) || 'no connection'
  );
}

const AUTH_CODES = new Set(['missing_authorization_header', 'invalid_api_key']);

/** Classifies anything thrown by the meilisearch client. */
export function classify(error: unknown): Failure {
  const err = shape(error);
  if (err.name === 'MeilisearchRequestError')
    return { kind: 'unreachable', detail: networkDetail(err.cause) };
  if (err.name === 'MeilisearchApiError') {
    const body = shape(err.cause);
    const code = text(body.code) || undefined;
    const status = typeof err.response?.status === 'number' ? err.response.status : 0;
    const detail = text(body.message) || text(err.message) || `HTTP ${status}`;
    const withCode = { detail, ...(code ? { code } : {}) };
    if (code === 'index_not_found') return { kind: 'no-index', ...withCode };
    if ((code !== undefined && AUTH_CODES.has(code)) || status === 401 || status === 403)
      return { kind: 'auth', ...withCode };
    if (status >= 500) return { kind: 'server', ...withCode };
    return { kind: 'rejected', ...withCode };
  }
  // The client JSON.parses every body: an HTML error page from something else ends up here.
  if (error instanceof SyntaxError) return { kind: 'not-meilisearch', detail: 'the answer was not JSON' };
  return { kind: 'other', detail: text(err.message) || String(error) };
}

/**
 * Meilisearch refused a search parameter (`invalid_search_filter`, `invalid_search_distinct`,
 * `invalid_search_sort`, …). Our requests are valid for the settings we apply, so this means either
 * our bug or indexes built with other settings (an older version), which the schema version tells.
 */
export function isSearchParameterRejection(failure: Failure): boolean {
  return failure.kind === 'rejected' && (failure.code?.startsWith('invalid_search_') ?? false);
}

/** Failures worth retrying: Meilisearch may just be starting (compose brings it up in parallel). */
export function isTransient(failure: Failure): boolean {
  return failure.kind === 'unreachable' || failure.kind === 'server' || failure.kind === 'not-meilisearch';
}

/** For searches, articles and stats: what the portal reports, 503 unless it is our bug. */
export function toSearchError(error: unknown): Error {
  const failure = classify(error);
  switch (failure.kind) {
    case 'unreachable':
      return new EngineUnavailableError(`Meilisearch is unreachable (${failure.detail})`, { cause: error });
    case 'no-index':
      return new EngineUnavailableError(NO_INDEX_MESSAGE, { cause: error });
    case 'auth':
      return new EngineUnavailableError(
        'Meilisearch refused the API key: set MEILI_API_KEY to a search key of this Meilisearch',
        { cause: error },
      );
    case 'server':
      return new EngineUnavailableError(`Meilisearch failed: ${failure.detail}`, { cause: error });
    case 'not-meilisearch':
      return new EngineUnavailableError(
        'the search server did not answer like Meilisearch (check MEILI_URL)',
        {
          cause: error,
        },
      );
    case 'rejected':
      return new Error(`Meilisearch rejected a request: ${failure.detail} (${failure.code ?? 'no code'})`, {
        cause: error,
      });
    case 'other':
      return error instanceof Error ? error : new Error(failure.detail);
  }
}

/** For the indexer: what happened and what to check. `url` is shown (the operator's terminal). */
export function toBuildError(error: unknown, url: string): Error {
  const failure = classify(error);
  switch (failure.kind) {
    case 'unreachable':
    case 'not-meilisearch':
      return new Error(
        `cannot reach Meilisearch at ${url} (${failure.detail}). Check MEILI_URL, that Meilisearch is running ` +
          'and healthy (docker compose ps meilisearch), and that this machine can reach it.',
        { cause: error },
      );
    case 'auth':
      return new Error(
        `Meilisearch at ${url} refused the key (${failure.detail}). The indexer needs an admin key: ` +
          'set MEILI_MASTER_KEY or MEILI_ADMIN_KEY (MEILI_API_KEY is the search-only key for the portal).',
        { cause: error },
      );
    default:
      return error instanceof Error && failure.kind === 'other'
        ? error
        : new Error(`Meilisearch: ${failure.detail}${failure.code ? ` (${failure.code})` : ''}`, {
            cause: error,
          });
  }
}

export interface RetryOptions {
  attempts: number;
  /** Wait before the second attempt; doubled before each later one. */
  firstDelayMs: number;
  sleep?: (ms: number) => Promise<unknown>;
}

export const CONNECT_RETRIES: RetryOptions = { attempts: 5, firstDelayMs: 500 };

/**
 * Runs `attempt` until it succeeds, retrying transient failures with exponential backoff
 * (0.5 s, 1 s, 2 s, 4 s by default); any other failure, or the last one, is thrown.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  options: RetryOptions = CONNECT_RETRIES,
): Promise<T> {
  const sleep = options.sleep ?? sleepFor;
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= options.attempts || !isTransient(classify(error))) throw error;
      await sleep(options.firstDelayMs * 2 ** (i - 1));
    }
  }
}
