import { describe, expect, it } from 'vitest';
import type { Article } from '../../engine/types.js';
import { indexCorpus } from '../../indexer/index-corpus.js';
import { createFakeEngine } from './fake-engine.js';

const articles = (count: number): Article[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `a${i}`,
    title: `Article ${i}`,
    outlet: 'Unknown outlet',
    published: null,
    publishedSource: null,
    url: null,
    language: 'en',
    countries: [],
    agencies: [],
    passages: [{ index: 1, text: 'Text.', headings: [], countries: [], agencies: [] }],
    quotes: [],
  }));

describe('indexCorpus', () => {
  it('adds articles in batches and commits with the corpus fingerprint', async () => {
    const engine = createFakeEngine();
    const progress: [number, number][] = [];
    await indexCorpus(engine, { articles: articles(1201), fingerprint: 'f1' }, (done, total) =>
      progress.push([done, total]),
    );
    expect(engine.calls).toEqual(['begin f1', 'add 500', 'add 500', 'add 201', 'commit']);
    expect(progress).toEqual([
      [500, 1201],
      [1000, 1201],
      [1201, 1201],
    ]);
  });

  it('honours a custom batch size', async () => {
    const engine = createFakeEngine();
    await indexCorpus(engine, { articles: articles(5), fingerprint: 'f' }, undefined, { batchSize: 2 });
    expect(engine.batches.map((batch) => batch.length)).toEqual([2, 2, 1]);
  });

  it('aborts the build and rethrows when adding fails', async () => {
    const engine = createFakeEngine({ failOnAdd: 2 });
    await expect(indexCorpus(engine, { articles: articles(1000), fingerprint: 'f' })).rejects.toThrow(
      'disk full',
    );
    expect(engine.calls).toEqual(['begin f', 'add 500', 'add 500', 'abort']);
  });

  it('reports the original error when the abort fails too', async () => {
    const engine = createFakeEngine({ failOnAdd: 1, failOnAbort: true });
    await expect(indexCorpus(engine, { articles: articles(1), fingerprint: 'f' })).rejects.toThrow(
      'disk full',
    );
  });

  it('commits an empty corpus as an empty index', async () => {
    const engine = createFakeEngine();
    await indexCorpus(engine, { articles: [], fingerprint: 'f' });
    expect(engine.calls).toEqual(['begin f', 'commit']);
  });
});
