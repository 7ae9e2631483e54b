/**
 * One pass over the pipeline's articles: writes every passage (with its article's metadata) to
 * passages.jsonl for the peers, and counts what the query mix is chosen from.
 */
import fs from 'node:fs';
import type { Article } from '../engine/types.js';
import type { CorpusStats } from './query-mix.js';
import { dateNumber, type BenchPassage } from './work-dir.js';

/** Passages whose word pairs are counted for phrase queries (the first ones, in corpus order). */
export const BIGRAM_SAMPLE = 20_000;
const WORD_RUN = /[\p{L}\p{N}]+/gu;
const ASCII_WORD = /^[a-z]+$/;

/**
 * Lowercase words of a text that are plain ASCII letters (other runs are skipped, so a word next
 * to an accented letter is never miscounted: the engine would tokenise it differently).
 */
export function asciiWords(text: string): string[] {
  const found: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD_RUN)) {
    if (ASCII_WORD.test(match[0])) found.push(match[0]);
  }
  return found;
}

export class StatsCollector {
  private readonly df = new Map<string, number>();
  private readonly pairs = new Map<string, number>();
  private readonly countries = new Map<string, number>();
  private readonly years = new Map<number, number>();
  private passages = 0;

  constructor(private readonly stopWords: ReadonlySet<string>) {}

  addArticle(article: Pick<Article, 'countries' | 'published'>): void {
    for (const country of article.countries)
      this.countries.set(country, (this.countries.get(country) ?? 0) + 1);
    if (article.published !== null) {
      const year = Number(article.published.slice(0, 4));
      this.years.set(year, (this.years.get(year) ?? 0) + 1);
    }
  }

  addPassage(text: string): void {
    const words = asciiWords(text);
    for (const word of new Set(words)) this.df.set(word, (this.df.get(word) ?? 0) + 1);
    if (this.passages < BIGRAM_SAMPLE) {
      for (let i = 0; i + 1 < words.length; i++) {
        const a = words[i] ?? '';
        const b = words[i + 1] ?? '';
        if (a.length < 4 || b.length < 4 || this.stopWords.has(a) || this.stopWords.has(b)) continue;
        const key = `${a} ${b}`;
        this.pairs.set(key, (this.pairs.get(key) ?? 0) + 1);
      }
    }
    this.passages++;
  }

  stats(): CorpusStats {
    const bigrams = [...this.pairs]
      .filter(([, count]) => count >= 2)
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, 100)
      .map(([key, count]) => ({ words: key.split(' ') as [string, string], count }));
    return { passages: this.passages, df: this.df, bigrams, countries: this.countries, years: this.years };
  }
}

/** Writes passages.jsonl (pid from 1, in pipeline order) and returns the corpus statistics. */
export function exportPassages(
  articles: readonly Article[],
  file: string,
  stopWords: ReadonlySet<string>,
): CorpusStats {
  const collector = new StatsCollector(stopWords);
  const fd = fs.openSync(file, 'w');
  try {
    let pid = 0;
    let chunk: string[] = [];
    for (const article of articles) {
      collector.addArticle(article);
      for (const passage of article.passages) {
        collector.addPassage(passage.text);
        const row: BenchPassage = {
          pid: ++pid,
          article: article.id,
          text: passage.text,
          published: dateNumber(article.published),
          year: article.published?.slice(0, 4) ?? null,
          countries: article.countries,
          agencies: article.agencies,
          outlet: article.outlet,
        };
        chunk.push(`${JSON.stringify(row)}\n`);
      }
      if (chunk.length >= 2000) {
        fs.writeSync(fd, chunk.join(''));
        chunk = [];
      }
    }
    fs.writeSync(fd, chunk.join(''));
  } finally {
    fs.closeSync(fd);
  }
  return collector.stats();
}
