/**
 * A deterministic synthetic corpus in the JSONL format indexer/read-jsonl.ts reads
 * (`id, title, outlet, url, published, body`): news-like articles with paragraphs separated by
 * blank lines, a Zipf vocabulary, accusations the extractor recognises, agencies, quotes with
 * speakers, subheadings, bylines (boilerplate the cleaner drops), and dates over nine years.
 * Everything comes from one seeded PRNG, so a seed always gives the same bytes.
 */
import fs from 'node:fs';
import { buildVocabulary } from './corpus-vocabulary.js';
import type { AgencyNames, CountryNames } from './corpus-lexicon.js';
import {
  AGENCIES,
  COUNTRIES,
  FIRST_NAMES,
  HEADLINE_ACTS,
  LAST_NAMES,
  OUTLETS,
  SPEAKER_ROLES,
} from './corpus-lexicon.js';
import type { Random } from './random.js';
import { createRandom, ZipfSampler } from './random.js';

/** One JSONL line, fields in the order they are written. */
export interface CorpusRecord {
  id: string;
  title: string;
  outlet: string;
  url: string;
  published: string;
  body: string;
}

export interface GeneratedArticle {
  record: CorpusRecord;
  /** Body paragraphs (each becomes one passage: none is longer than the splitter's limit). */
  paragraphs: number;
  /** Countries the article's accusation sentences name (what the country facet should show). */
  accused: string[];
}

/** Words in the invented tail of the vocabulary: enough for rare words at a million passages. */
export const VOCABULARY_TAIL = 200_000;
/** Zipf exponent of word frequencies (about 1 in English text). */
export const ZIPF_EXPONENT = 1.07;
/** Longest paragraph in characters, under indexer/split.ts's 1,200 so a paragraph is a passage. */
export const MAX_PARAGRAPH_CHARS = 1100;
const FIRST_DAY = Date.UTC(2016, 0, 1);
const DAYS = 9 * 365 + 2;
const ELECTION_YEARS = [2016, 2018, 2020, 2022, 2024];
const DAY_MS = 86_400_000;

type Template = (country: CountryNames, year: number, agency: string) => string;

/** Sentences that accuse `country`, each checked against indexer/extract by the tests. */
export const ACCUSATION_TEMPLATES: readonly Template[] = [
  (c, year, agency) => `${c.name} interfered in the ${year} election, according to the ${agency}.`,
  (c) => `Federal officials accused ${c.name} of running a disinformation campaign aimed at voters.`,
  (c) => `${c.demonym} hackers targeted voter registration systems in several states.`,
  (c) => `Investigators traced the phishing emails back to ${c.name}.`,
  (c) => `Analysts said ${c.name}'s meddling was aimed at sowing discord before the vote.`,
  (c) => `The influence operations were run from ${c.name}, the report found.`,
  (c, year) => `${c.name} tried to interfere in the ${year} election, the report concluded.`,
];

/** Sentences that name a country without accusing it. */
const MENTION_TEMPLATES: readonly Template[] = [
  (c) => `Officials in ${c.capital} rejected the accusations as baseless.`,
  (c) => `Trade talks with ${c.name} resumed earlier this year.`,
  (c) => `A delegation from ${c.capital} visited the capital in the spring.`,
];

const AGENCY_TEMPLATES: readonly ((agency: string) => string)[] = [
  (agency) => `The ${agency} said it was monitoring the situation closely.`,
  (agency) => `According to the ${agency}, the investigation is continuing.`,
  (agency) => `A statement from the ${agency} urged voters to rely on official sources.`,
];

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');
}

/** A draw among a few choices with Zipf weights: most articles share the first few values. */
class WeightedPick<T> {
  private readonly sampler: ZipfSampler;
  constructor(
    private readonly items: readonly T[],
    exponent: number,
  ) {
    this.sampler = new ZipfSampler(items.length, exponent);
  }
  draw(random: Random): T {
    const item = this.items[this.sampler.sample(random)];
    if (item === undefined) throw new RangeError('weighted pick out of range');
    return item;
  }
}

/** Writes articles one by one; create with a seed and call `next()` as often as needed. */
export class CorpusGenerator {
  private readonly random: Random;
  private readonly vocabulary: string[];
  private readonly words: ZipfSampler;
  private readonly countries = new WeightedPick(COUNTRIES, 1.3);
  private readonly agencies = new WeightedPick(AGENCIES, 0.9);
  private readonly outlets = new WeightedPick(OUTLETS, 0.8);
  private count = 0;

  constructor(readonly seed: number) {
    this.random = createRandom(seed);
    this.vocabulary = buildVocabulary(seed, VOCABULARY_TAIL);
    this.words = new ZipfSampler(this.vocabulary.length, ZIPF_EXPONENT);
  }

  next(): GeneratedArticle {
    const r = this.random;
    const n = ++this.count;
    const published = this.publishedDate();
    const year = Number(published.slice(0, 4));
    const electionYear = ELECTION_YEARS.find((y) => y >= year) ?? year;
    const outlet = this.outlets.draw(r);
    const accused = this.accusedCountries();
    const curly = r.chance(0.4);
    const paragraphs = this.bodyParagraphs(accused, electionYear, curly);
    const lead = accused[0];
    const title =
      lead && r.chance(0.6)
        ? `${lead.name} accused of ${r.pick(HEADLINE_ACTS)} ${electionYear} election`
        : this.headline(r.int(6, 11));
    const blocks = this.withHeadings(paragraphs);
    if (r.chance(0.4)) blocks.unshift(`By ${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`);
    const record: CorpusRecord = {
      id: `synth-${this.seed}-${String(n).padStart(7, '0')}`,
      title,
      outlet,
      url: `https://${slug(outlet)}.example/${published.slice(0, 4)}/${published.slice(5, 7)}/${slug(title)}-${n}`,
      published,
      body: blocks.join('\n\n'),
    };
    return {
      record,
      paragraphs: paragraphs.length,
      accused: [...new Set(accused.map((c) => c.name))].sort(),
    };
  }

  /** Uniform over 2016–2024, with a third of the articles in the autumn of an election year. */
  private publishedDate(): string {
    const r = this.random;
    let day: number;
    if (r.chance(0.3)) {
      const year = r.pick(ELECTION_YEARS);
      day = Math.round((Date.UTC(year, 8, 1) - FIRST_DAY) / DAY_MS) + r.int(0, 90);
    } else {
      day = r.int(0, DAYS - 1);
    }
    return new Date(FIRST_DAY + day * DAY_MS).toISOString().slice(0, 10);
  }

  private accusedCountries(): CountryNames[] {
    const r = this.random;
    if (!r.chance(0.7)) return [];
    const first = this.countries.draw(r);
    const second = r.chance(0.3) ? this.countries.draw(r) : first;
    return second === first ? [first] : [first, second];
  }

  private bodyParagraphs(accused: readonly CountryNames[], year: number, curly: boolean): string[] {
    const r = this.random;
    const count = 4 + r.int(0, 12) + r.int(0, 12) + (r.chance(0.1) ? r.int(0, 30) : 0);
    const paragraphs: string[][] = [];
    for (let i = 0; i < count; i++) paragraphs.push(this.fillerSentences());
    const insert = (sentence: string) => {
      const target = paragraphs[r.int(0, paragraphs.length - 1)];
      target?.splice(r.int(0, target.length), 0, sentence);
    };
    const agency = (): AgencyNames => this.agencies.draw(r);
    for (const country of accused) {
      for (let k = r.int(1, 3); k > 0; k--) {
        insert(r.pick(ACCUSATION_TEMPLATES)(country, year, r.pick(agency().mentions)));
      }
    }
    if (r.chance(0.3)) insert(r.pick(MENTION_TEMPLATES)(this.countries.draw(r), year, ''));
    if (r.chance(0.6)) {
      for (let k = r.int(1, 3); k > 0; k--) insert(r.pick(AGENCY_TEMPLATES)(r.pick(agency().mentions)));
    }
    const texts = paragraphs.map((sentences) => fitParagraph(sentences));
    if (r.chance(0.5)) {
      for (let k = r.int(1, 3); k > 0; k--) {
        texts.splice(r.int(1, texts.length), 0, this.quoteParagraph(curly, r.pick(agency().mentions)));
      }
    }
    return texts;
  }

  /** `“…,” said Anna Keller, a spokesperson for the FBI.` or `Anna Keller told reporters: "…"` */
  private quoteParagraph(curly: boolean, agency: string): string {
    const r = this.random;
    const [open, close] = curly ? ['“', '”'] : ['"', '"'];
    const speaker = `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
    const role = r.pick(SPEAKER_ROLES).replace('{agency}', agency);
    const words = this.fillerWords(r.int(8, 24));
    if (r.chance(0.5)) return `${open}${words},${close} said ${speaker}, ${role}.`;
    return `${speaker}, ${role}, told reporters: ${open}${words}.${close}`;
  }

  /** One to four sentences, as news paragraphs have. */
  private fillerSentences(): string[] {
    const r = this.random;
    const roll = r.next();
    const count = roll < 0.3 ? 1 : roll < 0.7 ? 2 : roll < 0.9 ? 3 : 4;
    const sentences: string[] = [];
    for (let i = 0; i < count; i++) sentences.push(`${this.fillerWords(r.int(8, 32))}.`);
    return sentences;
  }

  /** Words drawn from the Zipf vocabulary, capitalised, with the odd comma. */
  private fillerWords(count: number): string {
    const r = this.random;
    const comma = r.chance(0.35) ? r.int(4, Math.max(4, count - 3)) : -1;
    let text = '';
    for (let i = 0; i < count; i++) {
      const word = this.vocabulary[this.words.sample(r)] ?? 'the';
      text += i === 0 ? capitalize(word) : ` ${word}`;
      if (i === comma) text += ',';
    }
    return text;
  }

  private headline(words: number): string {
    return this.fillerWords(words)
      .split(' ')
      .map((word) => capitalize(word.replace(',', '')))
      .join(' ');
  }

  /** Subheadings before a few paragraphs of three articles in ten (they head passages, not count as one). */
  private withHeadings(paragraphs: readonly string[]): string[] {
    const r = this.random;
    const blocks = [...paragraphs];
    if (paragraphs.length < 6 || !r.chance(0.3)) return blocks;
    for (let k = r.int(1, 3); k > 0; k--)
      blocks.splice(r.int(2, blocks.length - 1), 0, this.headline(r.int(2, 5)));
    return blocks;
  }
}

/** Joins sentences into a paragraph, dropping trailing ones past the splitter's limit. */
function fitParagraph(sentences: readonly string[]): string {
  let text = '';
  for (const sentence of sentences) {
    const next = text === '' ? sentence : `${text} ${sentence}`;
    if (next.length > MAX_PARAGRAPH_CHARS && text !== '') break;
    text = next;
  }
  return text;
}

/** One article as a JSONL line (no newline), fields in a fixed order. */
export function toJsonLine(record: CorpusRecord): string {
  const { id, title, outlet, url, published, body } = record;
  return JSON.stringify({ id, title, outlet, url, published, body });
}

export interface WrittenCorpus {
  articles: number;
  paragraphs: number;
  bytes: number;
}

/**
 * Writes articles to `file` as JSONL until `articles` are written or, when `paragraphs` is set,
 * until that many body paragraphs (≈ passages) are reached.
 */
export function writeCorpus(
  file: string,
  options: { seed: number; articles?: number; paragraphs?: number },
): WrittenCorpus {
  const generator = new CorpusGenerator(options.seed);
  const maxArticles = options.articles ?? Number.POSITIVE_INFINITY;
  const maxParagraphs = options.paragraphs ?? Number.POSITIVE_INFINITY;
  if (!Number.isFinite(maxArticles) && !Number.isFinite(maxParagraphs)) {
    throw new RangeError('writeCorpus needs a number of articles or paragraphs');
  }
  const fd = fs.openSync(file, 'w');
  const written: WrittenCorpus = { articles: 0, paragraphs: 0, bytes: 0 };
  try {
    let chunk: string[] = [];
    const flush = () => {
      const text = chunk.join('');
      written.bytes += fs.writeSync(fd, text);
      chunk = [];
    };
    while (written.articles < maxArticles && written.paragraphs < maxParagraphs) {
      const article = generator.next();
      chunk.push(`${toJsonLine(article.record)}\n`);
      written.articles++;
      written.paragraphs += article.paragraphs;
      if (chunk.length >= 500) flush();
    }
    flush();
  } finally {
    fs.closeSync(fd);
  }
  return written;
}
