import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCUSATION_TEMPLATES,
  CorpusGenerator,
  MAX_PARAGRAPH_CHARS,
  toJsonLine,
  writeCorpus,
  type GeneratedArticle,
} from '../../bench/corpus-generator.js';
import { AGENCIES, COUNTRIES } from '../../bench/corpus-lexicon.js';
import type { Article } from '../../engine/types.js';
import { buildArticle, isRejection } from '../../indexer/build-article.js';
import { extractAgencies } from '../../indexer/extract/agencies.js';
import { extractAccusedCountries } from '../../indexer/extract/countries.js';
import { readJsonl } from '../../indexer/read-jsonl.js';

let dir: string;
let sample: GeneratedArticle[];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-generator-'));
  const generator = new CorpusGenerator(42);
  sample = Array.from({ length: 300 }, () => generator.next());
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the synthetic corpus generator', () => {
  it('writes a byte-identical file for the same seed', () => {
    writeCorpus(path.join(dir, 'a.jsonl'), { seed: 7, articles: 40 });
    writeCorpus(path.join(dir, 'b.jsonl'), { seed: 7, articles: 40 });
    const a = fs.readFileSync(path.join(dir, 'a.jsonl'));
    expect(a.length).toBeGreaterThan(10_000);
    expect(a.equals(fs.readFileSync(path.join(dir, 'b.jsonl')))).toBe(true);
  });

  it('writes another corpus for another seed', () => {
    writeCorpus(path.join(dir, 'c.jsonl'), { seed: 8, articles: 40 });
    expect(
      fs.readFileSync(path.join(dir, 'c.jsonl')).equals(fs.readFileSync(path.join(dir, 'a.jsonl'))),
    ).toBe(false);
  });

  it('stops at the number of paragraphs asked for when given one', () => {
    const written = writeCorpus(path.join(dir, 'd.jsonl'), { seed: 1, paragraphs: 500 });
    expect(written.paragraphs).toBeGreaterThanOrEqual(500);
    expect(written.paragraphs).toBeLessThan(500 + 80);
    expect(fs.readFileSync(path.join(dir, 'd.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(
      written.articles,
    );
  });

  it('writes one JSON object per line with the fields the JSONL reader takes, in a fixed order', () => {
    const line = toJsonLine(
      sample.map((article) => article.record)[0] ?? {
        id: '',
        title: '',
        outlet: '',
        url: '',
        published: '',
        body: '',
      },
    );
    expect(Object.keys(JSON.parse(line))).toEqual(['id', 'title', 'outlet', 'url', 'published', 'body']);
    const read = readJsonl(sample.map((article) => toJsonLine(article.record)).join('\n'), {
      path: 'synthetic.jsonl',
    });
    expect(read.rejected).toEqual([]);
    expect(read.documents).toHaveLength(sample.length);
  });

  it('gives every article a unique id, a URL, an outlet and a date over several years', () => {
    expect(new Set(sample.map((article) => article.record.id)).size).toBe(sample.length);
    for (const { record } of sample) {
      expect(record.url).toMatch(/^https:\/\/[a-z-]+\.example\/\d{4}\/\d{2}\//);
      expect(record.published).toMatch(/^20(1[6-9]|2[0-4])-\d{2}-\d{2}$/);
    }
    expect(
      new Set(sample.map((article) => article.record.published.slice(0, 4))).size,
    ).toBeGreaterThanOrEqual(8);
    expect(new Set(sample.map((article) => article.record.outlet)).size).toBeGreaterThan(10);
  });

  it('separates paragraphs with blank lines, news-sized and never longer than the splitter cuts', () => {
    const counts = sample.map((article) => article.paragraphs);
    const mean = counts.reduce((sum, n) => sum + n, 0) / counts.length;
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(4);
    expect(mean).toBeGreaterThan(12);
    expect(mean).toBeLessThan(25);
    for (const { record } of sample) {
      for (const block of record.body.split('\n\n'))
        expect(block.length).toBeLessThanOrEqual(MAX_PARAGRAPH_CHARS + 300);
    }
  });

  it('draws words with Zipf frequencies: a few words are everywhere, most are rare', () => {
    const counts = new Map<string, number>();
    for (const { record } of sample)
      for (const word of record.body.toLowerCase().match(/[a-z]+/g) ?? [])
        counts.set(word, (counts.get(word) ?? 0) + 1);
    const ranked = [...counts.values()].sort((a, b) => b - a);
    const total = ranked.reduce((sum, n) => sum + n, 0);
    expect([...counts].sort(([, a], [, b]) => b - a)[0]?.[0]).toBe('the');
    expect(ranked.slice(0, 100).reduce((sum, n) => sum + n, 0) / total).toBeGreaterThan(0.4);
    expect(ranked.filter((n) => n === 1).length / ranked.length).toBeGreaterThan(0.4);
  });

  it('writes accusation sentences the country extractor recognises, for every country', () => {
    for (const country of COUNTRIES) {
      for (const template of ACCUSATION_TEMPLATES) {
        expect(
          extractAccusedCountries(template(country, 2020, 'FBI')),
          template(country, 2020, 'FBI'),
        ).toEqual([country.name]);
      }
    }
  });

  it('populates the country facet through the real pipeline with the countries it accused', () => {
    const built = sample.map(({ record }) =>
      buildArticle({ ...record, path: 'synthetic.jsonl', publishedSource: 'metadata', language: 'en' }),
    );
    const articles = built.filter((article): article is Article => !isRejection(article));
    expect(articles).toHaveLength(sample.length);
    const agreeing = articles.filter(
      (article, i) => JSON.stringify(article.countries) === JSON.stringify(sample[i]?.accused),
    );
    expect(agreeing.length / articles.length).toBeGreaterThan(0.95);
    expect(
      articles.filter((article) => article.countries.length > 0).length / articles.length,
    ).toBeGreaterThan(0.5);
    expect(
      articles.filter((article) => article.agencies.length > 0).length / articles.length,
    ).toBeGreaterThan(0.5);
    const passages = articles.reduce((sum, article) => sum + article.passages.length, 0);
    const paragraphs = sample.reduce((sum, article) => sum + article.paragraphs, 0);
    expect(passages / paragraphs).toBeGreaterThan(0.95);
  });

  it('names agencies the way the agency extractor knows them', () => {
    for (const agency of AGENCIES) {
      for (const mention of agency.mentions) {
        expect(extractAgencies(`A statement from the ${mention} said the inquiry would continue.`)).toEqual([
          agency.name,
        ]);
      }
    }
  });

  it('sprinkles quotes attributed to speakers, with straight and curly quotation marks', () => {
    const bodies = sample.map((article) => article.record.body);
    expect(bodies.some((body) => /“[^”]+,” said [A-Z][a-z]+ [A-Z][a-z]+/.test(body))).toBe(true);
    expect(bodies.some((body) => /"[^"]+," said [A-Z][a-z]+ [A-Z][a-z]+/.test(body))).toBe(true);
    expect(bodies.some((body) => /told reporters: ["“]/.test(body))).toBe(true);
  });
});
