/** Flags of `npm run load`, pure so that every bad flag's message is tested. */
import { readFlags, readWholeNumbers, type Parsed } from './flags.js';

export interface LoadOptions {
  seconds: number;
  connections: number;
  /** Seconds of the same load before the first memory reading, so caches and JIT are warm. */
  warmupSeconds: number;
  /** The bundled corpus (five articles) or a generated one of `passages` passages. */
  corpus: 'bundled' | 'generated';
  passages: number;
  seed: number;
  /** Largest growth of the heap (after a full GC) from before to after the run that still passes. */
  maxHeapGrowthMb: number;
  /** Largest growth of the resident set (after a full GC) that still passes. */
  maxRssGrowthMb: number;
  /** Results directory; null to write nothing. */
  out: string | null;
}

export const DEFAULT_LOAD_OPTIONS: LoadOptions = {
  seconds: 60,
  connections: 64,
  warmupSeconds: 5,
  corpus: 'generated',
  passages: 20_000,
  seed: 1,
  maxHeapGrowthMb: 10,
  maxRssGrowthMb: 64,
  out: 'bench/results',
};

export const LOAD_USAGE = `Usage: npm run load -- [options]

Starts the portal (server/main.ts, embedded engine) on 127.0.0.1 with rate limiting off, loads it
with autocannon on a mix of searches, htmx partials, API calls, facets, typos, phrases, article
pages and a small export, then reports requests/s, latency, errors, statuses and the portal's
memory before and after (each after a full GC). Exits 1 on any error, timeout, non-2xx answer, or
memory growth beyond the thresholds.

Options:
  --seconds N             seconds of measured load, 1 to 3,600 (default 60)
  --connections N         concurrent connections, 1 to 1,024 (default 64)
  --warmup-seconds N      seconds of load before the first memory reading, 0 to 600 (default 5)
  --corpus KIND           generated (default) or bundled (the five articles in corpus/)
  --passages N            passages of the generated corpus, 100 to 5,000,000 (default 20000)
  --seed S                seed of the generated corpus (default 1)
  --max-heap-growth-mb N  heap growth (after GC) that fails the run, 1 to 4,096 (default 10)
  --max-rss-growth-mb N   resident-set growth (after GC) that fails the run, 1 to 16,384 (default 64)
  --out DIR               results directory (default bench/results)
  --no-write              print the results only
  -h, --help              show this help
`;

export function parseLoadFlags(argv: readonly string[]): Parsed<LoadOptions> | { ok: 'help' } {
  const read = readFlags(argv, {
    seconds: { type: 'string' },
    connections: { type: 'string' },
    'warmup-seconds': { type: 'string' },
    corpus: { type: 'string' },
    passages: { type: 'string' },
    seed: { type: 'string' },
    'max-heap-growth-mb': { type: 'string' },
    'max-rss-growth-mb': { type: 'string' },
    out: { type: 'string' },
    'no-write': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!read.ok) return read;
  const { values } = read;
  if (values['help'] === true) return { ok: 'help' };
  const options: LoadOptions = { ...DEFAULT_LOAD_OPTIONS };
  const badNumber = readWholeNumbers(values, options, [
    ['seconds', 'seconds', 1, 3600],
    ['connections', 'connections', 1, 1024],
    ['warmupSeconds', 'warmup-seconds', 0, 600],
    ['passages', 'passages', 100, 5_000_000],
    ['seed', 'seed', 0, 2 ** 32 - 1],
    ['maxHeapGrowthMb', 'max-heap-growth-mb', 1, 4096],
    ['maxRssGrowthMb', 'max-rss-growth-mb', 1, 16_384],
  ]);
  if (badNumber !== null) return { ok: false, error: badNumber };
  const corpus = values['corpus'];
  if (corpus !== undefined) {
    if (corpus !== 'bundled' && corpus !== 'generated')
      return { ok: false, error: `--corpus must be generated or bundled, got "${String(corpus)}"` };
    if (corpus === 'bundled' && values['passages'] !== undefined)
      return { ok: false, error: '--passages is for the generated corpus, not --corpus bundled' };
    options.corpus = corpus;
  }
  const out = values['out'];
  if (out !== undefined && values['no-write'] === true)
    return { ok: false, error: 'use either --out or --no-write, not both' };
  if (typeof out === 'string') {
    if (out.trim() === '') return { ok: false, error: '--out needs a directory' };
    options.out = out;
  }
  if (values['no-write'] === true) options.out = null;
  return { ok: true, options };
}
