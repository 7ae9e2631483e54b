/**
 * A deadline per request for the engine's work: a page or an API answer that the engine has not
 * produced in time becomes a 503 with a clear message, instead of a connection that hangs until
 * the browser gives up. Exports are exempt: they stream for as long as the file is long.
 *
 * The deadline cuts the *wait*. Meilisearch is asked over HTTP, so a slow or wedged server is cut
 * off. The embedded engine runs each SQLite query synchronously on this thread (better-sqlite3
 * cannot interrupt a running statement: github.com/WiseLibs/better-sqlite3/issues/568), so one slow
 * query still finishes; the deadline then stops the request before its next engine call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import { EngineUnavailableError } from '../engine/errors.js';
import type { SearchEngine } from '../engine/types.js';

/** The engine took longer than the request's deadline → 503 (it is an EngineUnavailableError). */
export class SearchTimeoutError extends EngineUnavailableError {
  override name = 'SearchTimeoutError';
}

interface Deadline {
  expiresAt: number;
  timeoutMs: number;
}

/** Engine methods that are not one bounded piece of work: streams, builds, shutdown. */
const EXEMPT = new Set<PropertyKey>(['exportPassages', 'beginBuild', 'close']);

function timeoutError({ timeoutMs }: Deadline): SearchTimeoutError {
  const seconds = Number((timeoutMs / 1000).toPrecision(3));
  return new SearchTimeoutError(
    `the search engine did not answer within ${seconds} s. Try again in a moment, or narrow the search.`,
  );
}

function raceDeadline<T>(work: Promise<T>, deadline: Deadline): Promise<T> {
  const remaining = deadline.expiresAt - performance.now();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(deadline)), remaining);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/**
 * `middleware` starts each request's deadline; `engine` is the given engine whose calls made during
 * a request fail with a SearchTimeoutError once that request's deadline has passed. Calls made
 * outside a request (start-up indexing, health checks from the process itself) are not limited.
 */
export function searchDeadline(
  engine: SearchEngine,
  timeoutMs: number,
): { middleware: RequestHandler; engine: SearchEngine } {
  const deadlines = new AsyncLocalStorage<Deadline>();
  const middleware: RequestHandler = (_req, _res, next) => {
    deadlines.run({ expiresAt: performance.now() + timeoutMs, timeoutMs }, next);
  };
  // A Proxy rather than a wrapper class, so methods the engine port gains later are covered too.
  const limited = new Proxy(engine, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      // Called on the engine itself, so that its calls to its own methods are not limited again.
      if (EXEMPT.has(property)) return (value as (...args: unknown[]) => unknown).bind(target);
      return (...args: unknown[]): unknown => {
        const deadline = deadlines.getStore();
        if (!deadline) return Reflect.apply(value, target, args);
        // Past the deadline, do not even start: the answer could no longer be sent.
        if (performance.now() >= deadline.expiresAt) return Promise.reject(timeoutError(deadline));
        const result: unknown = Reflect.apply(value, target, args);
        return result instanceof Promise ? raceDeadline(result, deadline) : result;
      };
    },
  });
  return { middleware, engine: limited };
}
