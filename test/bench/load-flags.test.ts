import { describe, expect, it } from 'vitest';
import { DEFAULT_LOAD_OPTIONS, parseLoadFlags } from '../../bench/load-flags.js';

describe('npm run load flags', () => {
  it('defaults to 60 s at 64 connections on a generated corpus, writing the results', () => {
    expect(parseLoadFlags([])).toEqual({ ok: true, options: DEFAULT_LOAD_OPTIONS });
    expect(DEFAULT_LOAD_OPTIONS).toMatchObject({ seconds: 60, connections: 64, corpus: 'generated' });
  });

  it('reads every option', () => {
    const parsed = parseLoadFlags([
      '--seconds',
      '5',
      '--connections',
      '8',
      '--warmup-seconds',
      '0',
      '--corpus',
      'bundled',
      '--max-heap-growth-mb',
      '4',
      '--max-rss-growth-mb',
      '32',
      '--no-write',
    ]);
    expect(parsed).toEqual({
      ok: true,
      options: {
        ...DEFAULT_LOAD_OPTIONS,
        seconds: 5,
        connections: 8,
        warmupSeconds: 0,
        corpus: 'bundled',
        maxHeapGrowthMb: 4,
        maxRssGrowthMb: 32,
        out: null,
      },
    });
  });

  it.each([
    [['--seconds', '0'], /--seconds must be between 1 and 3,600, got 0/],
    [['--connections', 'many'], /--connections must be a whole number, got "many"/],
    [['--corpus', 'huge'], /--corpus must be generated or bundled, got "huge"/],
    [['--corpus', 'bundled', '--passages', '1000'], /--passages is for the generated corpus/],
    [['--out', 'x', '--no-write'], /either --out or --no-write/],
    [['--speed'], /Unknown option '--speed'/],
  ])('refuses %j, saying why', (argv, message) => {
    const parsed = parseLoadFlags(argv);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok === false ? parsed.error : '').toMatch(message);
  });
});
