/** Times the query mix on one target: every class, without and with the filter. */
import type { QueryTarget, Support } from './peers/query-target.js';
import { QUERY_CLASSES, type QueryClass, type QueryMix } from './query-mix.js';
import type { LatencySummary } from './stats.js';
import { timeRuns, type RunLimits } from './timing.js';

export interface ClassResult {
  class: QueryClass;
  filtered: boolean;
  /** The queries, as typed, that the runs cycled through. */
  queries: string[];
  /** Hits of each query (articles for our engine, passages for the others). */
  hits: number[];
  latency: LatencySummary;
  support: Support;
}

/** Timed runs after the warm-up (each query once); at least 5 unless four budgets are spent first. */
export function limitsFor(querySeconds: number): RunLimits {
  const budgetMs = querySeconds * 1000;
  return { warmupRuns: 0, maxRuns: 2000, budgetMs, minRuns: 5, hardLimitMs: budgetMs * 4 };
}

/** Runs every class; `onClass` sees the results so far after each one (for partial reports). */
export async function runQueryMix(
  target: QueryTarget,
  mix: QueryMix,
  limits: RunLimits,
  log: (line: string) => void,
  onClass: (results: readonly ClassResult[]) => void = () => undefined,
): Promise<ClassResult[]> {
  const results: ClassResult[] = [];
  for (const filtered of mix.filter === null ? [false] : [false, true]) {
    const filter = filtered ? mix.filter : null;
    for (const queryClass of QUERY_CLASSES) {
      const queries = mix.classes[queryClass];
      if (queries.length === 0) continue;
      // The warm-up: each query once, keeping what it found.
      const hits: number[] = [];
      const warmupStarted = performance.now();
      for (const query of queries) {
        if (hits.length > 0 && performance.now() - warmupStarted > limits.hardLimitMs) break;
        hits.push(await target.search(query, filter));
      }
      const latency = await timeRuns(
        (i) => {
          const query = queries[i % queries.length];
          return query ? target.search(query, filter) : Promise.resolve(0);
        },
        { ...limits, warmupRuns: 0 },
      );
      log(
        `  ${target.name}: ${queryClass}${filtered ? ' +filter' : ''}: p50 ${latency.p50.toFixed(2)} ms, ` +
          `p95 ${latency.p95.toFixed(2)} ms (${latency.runs} runs)`,
      );
      results.push({
        class: queryClass,
        filtered,
        queries: queries.map((query) => query.q),
        hits,
        latency,
        support: target.support[queryClass],
      });
      onClass(results);
    }
  }
  return results;
}
