/**
 * Flag parsing for the two bench entry points, pure so that every bad flag's message is tested.
 * Each parser returns the options or a message that names the flag and says what it wants.
 * `readFlags` and `readWholeNumbers` are shared with the load run's flags (load-flags.ts).
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { messageOf } from '../engine/errors.js';

export type Parsed<T> = { ok: true; options: T } | { ok: false; error: string };

export interface GenerateOptions {
  articles: number;
  seed: number;
  out: string;
}

export const GENERATE_USAGE = `Usage: npm run corpus:generate -- --articles N --out FILE [--seed S]

Writes a deterministic synthetic corpus as JSONL (id, title, outlet, url, published, body):
the same seed always gives the same bytes.

Options:
  --articles N  number of articles, 1 to 10,000,000 (about 17 passages each)
  --out FILE    where to write, e.g. /tmp/synthetic.jsonl (the directory must exist)
  --seed S      whole number from 0 to 4294967295 (default 1)
  -h, --help    show this help
`;

export type BenchPeer = 'orama' | 'minisearch';
export const BENCH_PEERS: readonly BenchPeer[] = ['orama', 'minisearch'];

export interface BenchOptions {
  /** Passages to generate (ignored with `corpus`). */
  passages: number;
  /** A JSONL corpus of the user's instead of a generated one. */
  corpus: string | null;
  seed: number;
  peers: BenchPeer[];
  /** Seconds of load per HTTP route. */
  httpSeconds: number;
  /** Most seconds of measured runs per query class and engine. */
  querySeconds: number;
  /** Where the Markdown and JSON results go. */
  out: string;
  /** Keep the work directory (corpus, index, query mix) for profiling. */
  keep: boolean;
  /** The CI smoke run: a tiny corpus, short budgets, results outside the repository. */
  smoke: boolean;
}

/** What `--smoke` changes, unless the same flag is given explicitly. */
export const SMOKE_DEFAULTS = { passages: 2_000, querySeconds: 0.25, httpSeconds: 1 } as const;
/** Where a smoke run writes its results: never bench/results, which holds measured runs. */
export const SMOKE_OUT = path.join(os.tmpdir(), 'interference-bench-smoke');

export const BENCH_USAGE = `Usage: npm run bench -- [--passages N | --corpus FILE.jsonl] [options]

Indexes a corpus through the whole pipeline, times a fixed query mix in-process on our engine,
the raw FTS5 floor, Orama and MiniSearch, load-tests the portal over HTTP on 127.0.0.1, and
writes bench/results/<date>-<passages>.md and .json.

Options:
  --passages N       passages of synthetic corpus, 100 to 5,000,000 (default 20000)
  --corpus FILE      bench this JSONL corpus instead of a generated one
  --seed S           seed of the synthetic corpus (default 1)
  --peers LIST       peers to run: orama,minisearch (default) or none
  --http-seconds S   seconds of load per HTTP route, 1 to 120 (default 5)
  --query-seconds S  most seconds of timed runs per query class and engine, 1 to 120 (default 3)
  --out DIR          results directory (default bench/results)
  --keep             keep the work directory (corpus, index, queries) and print its path
  --smoke            the CI smoke run: 2,000 passages, 0.25 s per query class, 1 s per route,
                     results in a temporary directory unless --out is given; fails if any step
                     fails (it proves the bench runs: its times mean little)
  -h, --help         show this help
`;

export const DEFAULT_BENCH_OPTIONS: BenchOptions = {
  passages: 20_000,
  corpus: null,
  seed: 1,
  peers: [...BENCH_PEERS],
  httpSeconds: 5,
  querySeconds: 3,
  out: 'bench/results',
  keep: false,
  smoke: false,
};

const MAX_SEED = 2 ** 32 - 1;

/** A whole number in [min, max] written in digits (underscores and commas allowed: 1_000_000). */
export function wholeNumber(
  flag: string,
  text: string | undefined,
  min: number,
  max: number,
): number | string {
  const cleaned = (text ?? '').trim().replace(/[_,]/g, '');
  if (!/^\d+$/.test(cleaned)) return `--${flag} must be a whole number, got "${text ?? ''}"`;
  const value = Number(cleaned);
  if (value < min || value > max)
    return `--${flag} must be between ${min.toLocaleString('en')} and ${max.toLocaleString('en')}, got ${value}`;
  return value;
}

export type FlagValues = Record<string, string | boolean | undefined>;

/** `parseArgs` as every bench entry point uses it (strict, no positionals), or its message. */
export function readFlags(
  argv: readonly string[],
  options: ParseArgsConfig['options'],
): { ok: true; values: FlagValues } | { ok: false; error: string } {
  try {
    const { values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
    return { ok: true, values: values as FlagValues };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

/** The option keys of `T` that hold a number. */
type NumberKey<T> = { [K in keyof T]: T[K] extends number ? K : never }[keyof T];

/**
 * Sets each whole-number flag that was given, `[key, flag, min, max]`, on `options`; returns the
 * first bad flag's message, or null when all were good.
 */
export function readWholeNumbers<T>(
  values: FlagValues,
  options: T,
  flags: readonly [NumberKey<T>, string, number, number][],
): string | null {
  for (const [key, flag, min, max] of flags) {
    const text = values[flag];
    if (text === undefined) continue;
    const value = wholeNumber(flag, text as string, min, max);
    if (typeof value === 'string') return value;
    (options[key] as number) = value;
  }
  return null;
}

/** Flags of `npm run corpus:generate`; `help` when -h was given. */
export function parseGenerateFlags(argv: readonly string[]): Parsed<GenerateOptions> | { ok: 'help' } {
  const read = readFlags(argv, {
    articles: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!read.ok) return read;
  const { values } = read;
  if (values['help'] === true) return { ok: 'help' };
  if (values['articles'] === undefined) return { ok: false, error: '--articles is required' };
  const articles = wholeNumber('articles', values['articles'] as string, 1, 10_000_000);
  if (typeof articles === 'string') return { ok: false, error: articles };
  const seed = wholeNumber('seed', (values['seed'] as string | undefined) ?? '1', 0, MAX_SEED);
  if (typeof seed === 'string') return { ok: false, error: seed };
  const out = values['out'];
  if (typeof out !== 'string' || out.trim() === '') return { ok: false, error: '--out FILE is required' };
  return { ok: true, options: { articles, seed, out } };
}

/** Flags of `npm run bench`; `help` when -h was given. */
export function parseBenchFlags(argv: readonly string[]): Parsed<BenchOptions> | { ok: 'help' } {
  const read = readFlags(argv, {
    passages: { type: 'string' },
    corpus: { type: 'string' },
    seed: { type: 'string' },
    peers: { type: 'string' },
    'http-seconds': { type: 'string' },
    'query-seconds': { type: 'string' },
    out: { type: 'string' },
    keep: { type: 'boolean' },
    smoke: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!read.ok) return read;
  const { values } = read;
  if (values['help'] === true) return { ok: 'help' };
  const smoke = values['smoke'] === true;
  const options: BenchOptions = {
    ...DEFAULT_BENCH_OPTIONS,
    ...(smoke ? SMOKE_DEFAULTS : {}),
    peers: [...BENCH_PEERS],
    smoke,
  };
  const badNumber = readWholeNumbers(values, options, [
    ['passages', 'passages', 100, 5_000_000],
    ['seed', 'seed', 0, MAX_SEED],
    ['httpSeconds', 'http-seconds', 1, 120],
    ['querySeconds', 'query-seconds', 1, 120],
  ]);
  if (badNumber !== null) return { ok: false, error: badNumber };
  const corpus = values['corpus'] as string | undefined;
  if (corpus !== undefined) {
    if (values['passages'] !== undefined)
      return { ok: false, error: 'use either --passages or --corpus, not both' };
    if (!corpus.endsWith('.jsonl'))
      return { ok: false, error: `--corpus must be a .jsonl file, got "${corpus}"` };
    options.corpus = corpus;
  }
  const peers = values['peers'] as string | undefined;
  if (peers !== undefined) {
    const parsed = parsePeers(peers);
    if (typeof parsed === 'string') return { ok: false, error: parsed };
    options.peers = parsed;
  }
  const out = values['out'] as string | undefined;
  if (out !== undefined) {
    if (out.trim() === '') return { ok: false, error: '--out needs a directory' };
    options.out = out;
  } else if (smoke) {
    options.out = SMOKE_OUT;
  }
  options.keep = values['keep'] === true;
  return { ok: true, options };
}

function parsePeers(text: string): BenchPeer[] | string {
  if (text.trim() === 'none') return [];
  const names = text.split(',').map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !(BENCH_PEERS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0)
    return `--peers takes orama, minisearch (comma-separated) or none, got "${text}"`;
  return [...new Set(names)] as BenchPeer[];
}
