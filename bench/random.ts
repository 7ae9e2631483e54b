/**
 * A tiny seeded PRNG (mulberry32, seeded through splitmix32) and the samplers the corpus
 * generator needs. Never Math.random: the same seed must give the same corpus, byte for byte.
 */

/** A deterministic source of numbers in [0, 1). */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/** splitmix32: spreads a small integer seed over all 32 bits, so seeds 1 and 2 start far apart. */
function splitmix32(seed: number): number {
  let z = (seed + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A mulberry32 generator: 32-bit state, fast, and good enough for synthetic text. */
export function createRandom(seed: number): Random {
  let state = splitmix32(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
  };
}

/**
 * Samples ranks 0..n-1 with probability proportional to 1 / (rank + 1)^exponent (Zipf's law):
 * a cumulative table and a binary search per draw.
 */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(
    readonly size: number,
    exponent: number,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('a Zipf sampler needs at least one rank');
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let rank = 0; rank < size; rank++) {
      total += 1 / Math.pow(rank + 1, exponent);
      this.cumulative[rank] = total;
    }
    for (let rank = 0; rank < size; rank++) this.cumulative[rank] = (this.cumulative[rank] ?? 0) / total;
  }

  /** A rank, 0 being the most frequent. */
  sample(random: Random): number {
    const target = random.next();
    let low = 0;
    let high = this.size - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.cumulative[middle] ?? 1) > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** The share of draws that land on `rank`. */
  probability(rank: number): number {
    const upTo = this.cumulative[rank] ?? 0;
    return rank === 0 ? upTo : upTo - (this.cumulative[rank - 1] ?? 0);
  }
}
