import { describe, expect, it } from 'vitest';
import { percentile, ratePerSecond, summarize } from '../../bench/stats.js';
import { timeRuns } from '../../bench/timing.js';

describe('percentile', () => {
  it('interpolates between the two nearest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 25)).toBe(20);
    expect(percentile([10, 20], 75)).toBe(17.5);
  });

  it('gives the smallest sample at p0 and the largest at p100', () => {
    expect(percentile([3, 5, 9], 0)).toBe(3);
    expect(percentile([3, 5, 9], 100)).toBe(9);
  });

  it('gives the only sample for every percentile of one', () => {
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
  });

  it('puts p95 and p99 of 1..100 just below the top', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 95)).toBeCloseTo(95.05, 10);
    expect(percentile(samples, 99)).toBeCloseTo(99.01, 10);
  });

  it('refuses no samples and percentiles outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
    expect(() => percentile([1], 101)).toThrow(/0\.\.100/);
    expect(() => percentile([1], Number.NaN)).toThrow(/0\.\.100/);
  });
});

describe('summarize', () => {
  it('sorts the samples itself and reports runs, mean, min and max', () => {
    const summary = summarize([4, 1, 3, 2]);
    expect(summary).toMatchObject({ runs: 4, mean: 2.5, p50: 2.5, min: 1, max: 4 });
    expect(summary.p95).toBeCloseTo(3.85, 10);
    expect(summary.p99).toBeCloseTo(3.97, 10);
  });

  it('refuses an empty list', () => {
    expect(() => summarize([])).toThrow(/no samples/);
  });
});

describe('ratePerSecond', () => {
  it('turns a count over milliseconds into a rate, and no time into zero', () => {
    expect(ratePerSecond(500, 250)).toBe(2000);
    expect(ratePerSecond(500, 0)).toBe(0);
  });
});

describe('timeRuns', () => {
  it('warms up first, then stops at the most runs allowed', async () => {
    const calls: number[] = [];
    const summary = await timeRuns(
      async (i) => {
        calls.push(i);
      },
      { warmupRuns: 3, maxRuns: 10, budgetMs: 60_000, minRuns: 1, hardLimitMs: 60_000 },
    );
    expect(summary.runs).toBe(10);
    expect(calls).toEqual([0, 1, 2, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('stops when the time budget is spent and the fewest runs are done', async () => {
    const summary = await timeRuns(() => new Promise((resolve) => setTimeout(resolve, 20)), {
      warmupRuns: 0,
      maxRuns: 1000,
      budgetMs: 50,
      minRuns: 2,
      hardLimitMs: 10_000,
    });
    expect(summary.runs).toBeGreaterThanOrEqual(2);
    expect(summary.runs).toBeLessThanOrEqual(5);
  });

  it('never runs past the hard limit, even short of the fewest runs', async () => {
    const summary = await timeRuns(() => new Promise((resolve) => setTimeout(resolve, 30)), {
      warmupRuns: 0,
      maxRuns: 1000,
      budgetMs: 10,
      minRuns: 100,
      hardLimitMs: 60,
    });
    expect(summary.runs).toBeLessThanOrEqual(3);
  });
});
