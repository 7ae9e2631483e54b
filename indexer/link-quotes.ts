/**
 * What only the whole corpus can tell about quotes, run once over every article before indexing:
 * - one name per person across articles ("Chris Krebs" in one outlet, "Christopher Krebs" in
 *   another), so the speaker facet lists each person once;
 * - which quotes are the same statement reported by several outlets, even in slightly different
 *   words or cut shorter ("quoted in 3 articles"): `Quote.group`.
 * Extraction works one article at a time (indexer/extract/quotes.ts) and cannot know either.
 */
import type { Article, Quote } from '../engine/types.js';
import { canonicalSpeakers } from './speaker-names.js';

/** The group of a quote reported nowhere else: its own place, `<article id>#q<ordinal>`. */
export function ownQuoteGroup(articleId: string, ordinal: number): string {
  return `${articleId}#q${ordinal}`;
}

/** Words of a quote as compared across outlets: case, accents, punctuation and quote styles ignored. */
export function quoteWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** Words per shingle: three-word runs tell a shared sentence from shared vocabulary. */
const SHINGLE_WORDS = 3;
/**
 * A quote this short (in words) is only the same as another with exactly its words and the same
 * named speaker: "baseless" from Iran and "baseless" from a US official are different statements.
 */
const SHORT_QUOTE_WORDS = 5;
/**
 * Share of the shorter quote's shingles the longer one must hold. High, so that two officials'
 * similar boilerplate ("We will not tolerate foreign interference in our elections" and "We are not
 * going to tolerate foreign interference in our elections or …") stay apart, while a quote cut
 * shorter, or punctuated differently, joins the full one.
 */
const MIN_CONTAINMENT = 0.8;
/**
 * Shingles in more quotes than this are set phrases ("in our elections"), not evidence of one
 * statement; skipping them bounds the work per quote however large the corpus.
 */
const MAX_SHINGLE_POSTINGS = 500;

interface QuoteRef {
  article: number;
  ordinal: number;
  words: string[];
  speaker: string | null;
}

/**
 * The articles with their quotes linked across the corpus: each speaker under the name used for
 * that person everywhere, and each quote in the group of the same statement elsewhere. The group
 * is named after its earliest report (oldest article, then article id), so it stays put when
 * later articles repeat the quote. Articles are returned as new objects; the input is untouched.
 */
export function linkQuotesAcrossArticles(articles: readonly Article[]): Article[] {
  const names = canonicalSpeakers(
    articles.flatMap((article) =>
      article.quotes.flatMap((quote) =>
        quote.speaker === null ? [] : [{ name: quote.speaker, role: quote.speakerRole }],
      ),
    ),
  );
  const renamed = articles.map((article) => ({
    ...article,
    quotes: article.quotes.map((quote) =>
      quote.speaker === null ? quote : { ...quote, speaker: names.get(quote.speaker) ?? quote.speaker },
    ),
  }));
  const refs = renamed.flatMap((article, a) =>
    article.quotes.map((quote, ordinal): QuoteRef => ({
      article: a,
      ordinal,
      words: quoteWords(quote.text),
      speaker: quote.speaker,
    })),
  );
  const groups = groupQuotes(refs);
  // Each group is named after its earliest report: oldest article (undated last), then id, then place.
  const earliest = new Map<number, { name: string; key: string }>();
  refs.forEach((ref, i) => {
    const article = renamed[ref.article];
    if (!article) return;
    const key = `${article.published ?? '9999-99-99'}\u0000${article.id}\u0000${String(ref.ordinal).padStart(6, '0')}`;
    const root = groups.find(i);
    const current = earliest.get(root);
    if (!current || key < current.key)
      earliest.set(root, { name: ownQuoteGroup(article.id, ref.ordinal), key });
  });
  let position = 0;
  return renamed.map((article) => ({
    ...article,
    quotes: article.quotes.map((quote): Quote => {
      const group = earliest.get(groups.find(position++))?.name;
      return group === undefined ? quote : { ...quote, group };
    }),
  }));
}

/** Union-find over quote positions. */
class Groups {
  private readonly parent: number[];

  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }

  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] ?? root;
    // Path halving keeps later finds short.
    let node = i;
    while (this.parent[node] !== root) {
      const up = this.parent[node] ?? root;
      this.parent[node] = root;
      node = up;
    }
    return root;
  }

  union(a: number, b: number): void {
    const [x, y] = [this.find(a), this.find(b)];
    if (x !== y) this.parent[Math.max(x, y)] = Math.min(x, y);
  }
}

function shingles(words: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++)
    set.add(words.slice(i, i + SHINGLE_WORDS).join(' '));
  return set;
}

/** Two reports can be one statement unless they name different speakers. */
function speakersAgree(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b;
}

function groupQuotes(refs: readonly QuoteRef[]): Groups {
  const groups = new Groups(refs.length);
  // Short quotes: the same words and the same named speaker.
  const shortKeys = new Map<string, number>();
  // Longer quotes: shared three-word runs, found through an inverted index of shingles.
  const postings = new Map<string, number[]>();
  const sets: (Set<string> | null)[] = refs.map((ref, i) => {
    if (ref.words.length < SHORT_QUOTE_WORDS) {
      if (ref.speaker === null) return null;
      const key = `${ref.speaker}\u0000${ref.words.join(' ')}`;
      const seen = shortKeys.get(key);
      if (seen === undefined) shortKeys.set(key, i);
      else groups.union(seen, i);
      return null;
    }
    const set = shingles(ref.words);
    for (const shingle of set) {
      const list = postings.get(shingle);
      if (list) list.push(i);
      else postings.set(shingle, [i]);
    }
    return set;
  });
  sets.forEach((set, i) => {
    if (!set) return;
    const shared = new Map<number, number>();
    for (const shingle of set) {
      const list = postings.get(shingle) ?? [];
      if (list.length > MAX_SHINGLE_POSTINGS) continue;
      for (const other of list) if (other > i) shared.set(other, (shared.get(other) ?? 0) + 1);
    }
    for (const [other, count] of shared) {
      const otherSet = sets[other];
      if (!otherSet || !speakersAgree(refs[i]?.speaker ?? null, refs[other]?.speaker ?? null)) continue;
      if (count / Math.min(set.size, otherSet.size) >= MIN_CONTAINMENT) groups.union(i, other);
    }
  });
  return groups;
}
