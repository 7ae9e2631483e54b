/** Timed runs of an async operation, bounded in count and in time. */
import { summarize, type LatencySummary } from './stats.js';

export interface RunLimits {
  /** Untimed runs first (JIT, SQLite page cache). */
  warmupRuns: number;
  /** Stop after this many timed runs. */
  maxRuns: number;
  /** Stop once this much time went into timed runs and `minRuns` are done. */
  budgetMs: number;
  /** Timed runs wanted even past the budget (a slow class still gets a p50). */
  minRuns: number;
  /** Never spend more than this on timed runs, whatever `minRuns` says. */
  hardLimitMs: number;
}

/**
 * Runs `operation(i)` for i = 0, 1, 2, … (callers cycle through their queries with it): the
 * warm-up runs, then timed runs until a limit is reached. Returns the latency summary in ms.
 */
export async function timeRuns(
  operation: (i: number) => Promise<unknown>,
  limits: RunLimits,
): Promise<LatencySummary> {
  const warmupStarted = performance.now();
  for (let i = 0; i < limits.warmupRuns && performance.now() - warmupStarted < limits.hardLimitMs; i++) {
    await operation(i);
  }
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < limits.maxRuns; i++) {
    const elapsed = performance.now() - started;
    if (elapsed >= limits.hardLimitMs) break;
    if (elapsed >= limits.budgetMs && samples.length >= limits.minRuns) break;
    const before = performance.now();
    await operation(i);
    samples.push(performance.now() - before);
  }
  return summarize(samples);
}
