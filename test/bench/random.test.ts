import { describe, expect, it } from 'vitest';
import { buildVocabulary, FUNCTION_WORDS } from '../../bench/corpus-vocabulary.js';
import { createRandom, ZipfSampler } from '../../bench/random.js';

describe('the seeded random source', () => {
  it('repeats the same numbers for the same seed and others for another', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    for (const value of draw(3)) expect(value >= 0 && value < 1).toBe(true);
  });

  it('draws integers within both bounds', () => {
    const random = createRandom(9);
    const seen = new Set(Array.from({ length: 500 }, () => random.int(2, 5)));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });
});

describe('ZipfSampler', () => {
  it('gives rank r a share proportional to 1 / (r + 1)^s', () => {
    const sampler = new ZipfSampler(1000, 1);
    expect(sampler.probability(0) / sampler.probability(1)).toBeCloseTo(2, 10);
    expect(sampler.probability(0) / sampler.probability(9)).toBeCloseTo(10, 10);
  });

  it('draws the first rank most often, in proportion', () => {
    const sampler = new ZipfSampler(100, 1.07);
    const random = createRandom(5);
    const counts = new Array<number>(100).fill(0);
    for (let i = 0; i < 50_000; i++) {
      const rank = sampler.sample(random);
      counts[rank] = (counts[rank] ?? 0) + 1;
    }
    const [first = 0, second = 0] = counts;
    expect(first / 50_000).toBeCloseTo(sampler.probability(0), 2);
    expect(first).toBeGreaterThan(second);
    expect(second).toBeGreaterThan(counts[10] ?? 0);
  });
});

describe('buildVocabulary', () => {
  it('starts with English function words and appends distinct invented words', () => {
    const words = buildVocabulary(1, 1000);
    expect(words.slice(0, 5)).toEqual(FUNCTION_WORDS.slice(0, 5));
    expect(new Set(words).size).toBe(words.length);
    for (const word of words.slice(-1000)) expect(word).toMatch(/^[a-z]{4,}$/);
    expect(buildVocabulary(1, 1000)).toEqual(words);
  });
});
