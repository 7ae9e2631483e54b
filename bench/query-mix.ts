/**
 * The fixed query mix: seven classes of query a reader types, each picked from the corpus's own
 * statistics so the mix means the same on a generated corpus and on a user's one. Every class is
 * run without and with the same filter (the most accused country and a three-year date range).
 */

export const QUERY_CLASSES = ['rare', 'common', 'two-words', 'phrase', 'typo', 'prefix', 'negation'] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

/** One query, as typed and as parts each peer translates into its own syntax. */
export interface BenchQuery {
  /** What a user types (our engine and the HTTP run get this). */
  q: string;
  /** Words that must all match. */
  must: string[];
  /** Tokens of an exact phrase that must match; empty when none. */
  phrase: string[];
  /** Words that must not match. */
  not: string[];
  /** A last word typed only in part. */
  prefix: string | null;
  /** A misspelt word, to be matched with typo tolerance. */
  typo: string | null;
}

export interface QueryFilter {
  country: string;
  /** Inclusive ISO dates. */
  from: string;
  to: string;
}

export interface QueryMix {
  classes: Record<QueryClass, BenchQuery[]>;
  /** The filter of the filtered runs; null when the corpus has no accused country or no dates. */
  filter: QueryFilter | null;
}

/** What the mix is chosen from: document frequencies over passages and a few article counts. */
export interface CorpusStats {
  passages: number;
  /** Lowercase ASCII word → number of passages containing it. */
  df: ReadonlyMap<string, number>;
  /** Adjacent pairs of content words with their counts, most frequent first. */
  bigrams: readonly { words: [string, string]; count: number }[];
  /** Accused country → number of articles. */
  countries: ReadonlyMap<string, number>;
  /** Year → number of articles. */
  years: ReadonlyMap<number, number>;
}

/** Share of passages a word of each class is in (rare: a handful, common: one in ten). */
export const DF_TARGETS = { rare: 0.00002, common: 0.1, medium: 0.02, typo: 0.001 } as const;
/** Fewest passages a "rare" word is in, so that it finds something on small corpora. */
const MIN_RARE_DF = 3;

interface Candidate {
  word: string;
  df: number;
}

/**
 * `count` words of at least `minLetters` letters whose passage frequency is closest to `target`
 * passages (ties: more frequent, then alphabetical), skipping `exclude`.
 */
export function wordsNear(
  stats: CorpusStats,
  target: number,
  count: number,
  options: { minLetters: number; exclude?: ReadonlySet<string> },
): string[] {
  const candidates: Candidate[] = [];
  for (const [word, df] of stats.df) {
    if (word.length < options.minLetters || options.exclude?.has(word)) continue;
    candidates.push({ word, df });
  }
  const distance = (c: Candidate) => Math.abs(Math.log(c.df / target));
  candidates.sort((a, b) => distance(a) - distance(b) || b.df - a.df || (a.word < b.word ? -1 : 1));
  return candidates.slice(0, count).map((c) => c.word);
}

/** A misspelling that is not itself a word of the corpus: one inner letter dropped. */
export function misspell(word: string, df: ReadonlyMap<string, number>): string | null {
  for (let at = Math.floor(word.length / 2); at < word.length - 1; at++) {
    const typo = word.slice(0, at) + word.slice(at + 1);
    if (!df.has(typo) && typo !== word) return typo;
  }
  return null;
}

const plain = (overrides: Partial<BenchQuery> & { q: string }): BenchQuery => ({
  must: [],
  phrase: [],
  not: [],
  prefix: null,
  typo: null,
  ...overrides,
});

/** Picks `perClass` queries per class from the corpus statistics; deterministic for given stats. */
export function chooseQueryMix(
  stats: CorpusStats,
  perClass: number,
  stopWords: ReadonlySet<string>,
): QueryMix {
  const n = stats.passages;
  const used = new Set(stopWords);
  const take = (target: number, minLetters: number, count = perClass) => {
    const words = wordsNear(stats, target, count, { minLetters, exclude: used });
    for (const word of words) used.add(word);
    return words;
  };
  const rare = take(Math.max(MIN_RARE_DF, n * DF_TARGETS.rare), 7);
  const common = take(n * DF_TARGETS.common, 5);
  const medium = take(n * DF_TARGETS.medium, 5);
  const typoSources = take(Math.max(MIN_RARE_DF, n * DF_TARGETS.typo), 7, perClass * 3);
  const prefixSources = wordsNear(stats, n * DF_TARGETS.common, perClass, {
    minLetters: 7,
    exclude: stopWords,
  });
  const pairs = zip(common, medium);
  const typos = typoSources
    .flatMap((word) => {
      const typo = misspell(word, stats.df);
      return typo === null ? [] : [typo];
    })
    .slice(0, perClass);
  const phrases = stats.bigrams
    .filter(({ words }) => !stopWords.has(words[0]) && !stopWords.has(words[1]))
    .slice(0, perClass)
    .map(({ words }) => words);
  return {
    classes: {
      rare: rare.map((word) => plain({ q: word, must: [word] })),
      common: common.map((word) => plain({ q: word, must: [word] })),
      'two-words': pairs.map(([a, b]) => plain({ q: `${a} ${b}`, must: [a, b] })),
      phrase: phrases.map((words) => plain({ q: `"${words.join(' ')}"`, phrase: words })),
      typo: typos.map((typo) => plain({ q: typo, typo })),
      prefix: prefixSources.map((word) => {
        const prefix = word.slice(0, 4);
        return plain({ q: prefix, prefix });
      }),
      negation: pairs.map(([a, b]) => plain({ q: `${a} -${b}`, must: [a], not: [b] })),
    },
    filter: chooseFilter(stats),
  };
}

function zip(a: readonly string[], b: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const first = a[i];
    const second = b[i];
    if (first !== undefined && second !== undefined) pairs.push([first, second]);
  }
  return pairs;
}

/** The most accused country and the middle three years of the corpus. */
export function chooseFilter(stats: CorpusStats): QueryFilter | null {
  const country = [...stats.countries].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]?.[0];
  const years = [...stats.years.keys()].sort((a, b) => a - b);
  const first = years[0];
  const last = years.at(-1);
  if (country === undefined || first === undefined || last === undefined) return null;
  const start = Math.max(first, Math.floor((first + last) / 2) - 1);
  return { country, from: `${start}-01-01`, to: `${Math.min(last, start + 2)}-12-31` };
}
