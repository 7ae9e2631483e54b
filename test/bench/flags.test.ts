import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BENCH_OPTIONS,
  parseBenchFlags,
  parseGenerateFlags,
  SMOKE_DEFAULTS,
  SMOKE_OUT,
} from '../../bench/flags.js';

const errorOf = (result: ReturnType<typeof parseGenerateFlags> | ReturnType<typeof parseBenchFlags>) =>
  result.ok === false ? result.error : null;

describe('corpus:generate flags', () => {
  it('reads articles, seed and output file', () => {
    expect(parseGenerateFlags(['--articles', '1_000', '--seed', '7', '--out', 'x.jsonl'])).toEqual({
      ok: true,
      options: { articles: 1000, seed: 7, out: 'x.jsonl' },
    });
  });

  it('defaults the seed to 1', () => {
    expect(parseGenerateFlags(['--articles', '5', '--out', 'x.jsonl'])).toMatchObject({
      options: { seed: 1 },
    });
  });

  it('says which flag is missing', () => {
    expect(errorOf(parseGenerateFlags(['--out', 'x.jsonl']))).toBe('--articles is required');
    expect(errorOf(parseGenerateFlags(['--articles', '5']))).toBe('--out FILE is required');
  });

  it('rejects numbers that are not whole, positive or in range, naming the flag and the value', () => {
    expect(errorOf(parseGenerateFlags(['--articles', 'ten', '--out', 'x']))).toBe(
      '--articles must be a whole number, got "ten"',
    );
    expect(errorOf(parseGenerateFlags(['--articles', '1.5', '--out', 'x']))).toMatch(
      /--articles must be a whole number/,
    );
    expect(errorOf(parseGenerateFlags(['--articles', '0', '--out', 'x']))).toBe(
      '--articles must be between 1 and 10,000,000, got 0',
    );
    expect(errorOf(parseGenerateFlags(['--articles', '3', '--seed', '-1', '--out', 'x']))).toMatch(/--seed/);
  });

  it('rejects unknown flags, flags without a value and stray arguments', () => {
    expect(errorOf(parseGenerateFlags(['--articles', '3', '--out', 'x', '--size', '3']))).toMatch(/--size/);
    expect(errorOf(parseGenerateFlags(['--articles']))).toMatch(/--articles/);
    expect(errorOf(parseGenerateFlags(['--articles', '3', '--out', 'x', 'extra']))).toMatch(/extra/);
  });

  it('answers -h with help', () => {
    expect(parseGenerateFlags(['-h'])).toEqual({ ok: 'help' });
  });
});

describe('bench flags', () => {
  it('runs the quick bench with every peer by default', () => {
    expect(parseBenchFlags([])).toEqual({ ok: true, options: DEFAULT_BENCH_OPTIONS });
    expect(DEFAULT_BENCH_OPTIONS.passages).toBe(20_000);
  });

  it('takes a million passages written with separators', () => {
    expect(parseBenchFlags(['--passages', '1,000,000'])).toMatchObject({ options: { passages: 1_000_000 } });
  });

  it('takes a JSONL corpus instead, but not together with --passages', () => {
    expect(parseBenchFlags(['--corpus', 'mine.jsonl'])).toMatchObject({ options: { corpus: 'mine.jsonl' } });
    expect(errorOf(parseBenchFlags(['--corpus', 'mine.jsonl', '--passages', '100']))).toBe(
      'use either --passages or --corpus, not both',
    );
    expect(errorOf(parseBenchFlags(['--corpus', 'mine.csv']))).toBe(
      '--corpus must be a .jsonl file, got "mine.csv"',
    );
  });

  it('runs a smoke bench on a tiny corpus with short budgets, writing outside bench/results', () => {
    const parsed = parseBenchFlags(['--smoke']);
    expect(parsed).toMatchObject({ ok: true, options: { ...SMOKE_DEFAULTS, smoke: true, out: SMOKE_OUT } });
    expect(SMOKE_OUT).not.toContain('bench/results');
    expect(parseBenchFlags(['--smoke', '--passages', '500', '--out', 'here'])).toMatchObject({
      options: { passages: 500, out: 'here', querySeconds: SMOKE_DEFAULTS.querySeconds },
    });
  });

  it('chooses peers by name, or none', () => {
    expect(parseBenchFlags(['--peers', 'minisearch'])).toMatchObject({ options: { peers: ['minisearch'] } });
    expect(parseBenchFlags(['--peers', 'none'])).toMatchObject({ options: { peers: [] } });
    expect(errorOf(parseBenchFlags(['--peers', 'lunr']))).toMatch(/--peers takes orama, minisearch/);
  });

  it('bounds the seconds of load and of timed queries', () => {
    expect(errorOf(parseBenchFlags(['--http-seconds', '0']))).toBe(
      '--http-seconds must be between 1 and 120, got 0',
    );
    expect(errorOf(parseBenchFlags(['--query-seconds', '600']))).toMatch(
      /--query-seconds must be between 1 and 120/,
    );
    expect(errorOf(parseBenchFlags(['--passages', '10']))).toMatch(
      /--passages must be between 100 and 5,000,000/,
    );
  });
});
