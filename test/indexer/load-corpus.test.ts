import { utimes } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusDirectoryError, corpusFingerprint, loadCorpus } from '../../indexer/load-corpus.js';
import { SAMPLE_ARTICLE, useTempCorpus } from './temp-corpus.js';

const corpus = useTempCorpus('load-corpus-');
const { put } = corpus;

describe('loadCorpus', () => {
  it('reads .md, .txt and .jsonl files in subfolders into articles', async () => {
    await put('a.md', SAMPLE_ARTICLE);
    await put('2020/b.txt', 'Russia and Iran have tried to interfere with the election, officials said.');
    await put(
      'feeds/c.jsonl',
      JSON.stringify({ id: 'c', body: 'The FBI issued an alert about election security.' }),
    );
    const loaded = await loadCorpus(corpus.dir);
    expect(loaded.files).toBe(3);
    expect(loaded.rejected).toEqual([]);
    expect(loaded.articles.map((article) => [article.id, article.countries, article.agencies])).toEqual([
      ['b', ['Iran', 'Russia'], []],
      ['a', ['Iran'], []],
      ['c', [], ['FBI']],
    ]);
  });

  it('builds articles of the engine shape', async () => {
    await put('a.md', SAMPLE_ARTICLE);
    const [article] = (await loadCorpus(corpus.dir)).articles;
    expect(article).toEqual({
      id: 'a',
      title: 'Hackers',
      outlet: 'VOA',
      published: '2020-10-30',
      publishedSource: 'front matter',
      url: null,
      language: 'en',
      countries: ['Iran'],
      agencies: [],
      passages: [
        {
          index: 1,
          text: 'Iranian hackers targeted state election websites.',
          headings: [],
          countries: ['Iran'],
          agencies: [],
        },
      ],
      quotes: [],
    });
  });

  it('names an unknown outlet and takes a title from the first sentence', async () => {
    await put(
      'x.txt',
      `${'Officials said that a long and winding sentence about election security '.repeat(3)}ended here.`,
    );
    const [article] = (await loadCorpus(corpus.dir)).articles;
    expect(article?.outlet).toBe('Unknown outlet');
    expect(article?.title.length).toBeLessThanOrEqual(101);
    expect(article?.title).toMatch(/^Officials said .*…$/);
  });

  it('skips other file types with a reason and ignores hidden files', async () => {
    await put('a.md', SAMPLE_ARTICLE);
    await put('notes.pdf', 'binary');
    await put('.DS_Store', 'junk');
    const loaded = await loadCorpus(corpus.dir);
    expect(loaded.skipped).toEqual([
      {
        path: path.join(corpus.dir, 'notes.pdf'),
        reason: 'unsupported file type ".pdf" (expected .md, .markdown, .txt, .jsonl)',
      },
    ]);
    expect(loaded.rejected).toEqual([]);
  });

  it('rejects a duplicate id, naming both files, and keeps the first', async () => {
    await put('a/dup.md', SAMPLE_ARTICLE);
    await put('b/dup.txt', 'Some other text about an election in another place.');
    const loaded = await loadCorpus(corpus.dir);
    expect(loaded.articles.map((article) => article.title)).toEqual(['Hackers']);
    expect(loaded.rejected).toEqual([
      {
        path: path.join(corpus.dir, 'b/dup.txt'),
        reason: `duplicate id "dup": already used by ${path.join(corpus.dir, 'a/dup.md')}, so ${path.join(corpus.dir, 'b/dup.txt')} was not indexed`,
      },
    ]);
  });

  it('rejects empty files, boilerplate-only files and non-UTF-8 files while indexing the rest', async () => {
    await put('a.md', SAMPLE_ARTICLE);
    await put('empty.txt', '');
    await put('furniture.txt', 'Listen Live\nGet short URL\nREAD MORE: elsewhere');
    await put('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e]));
    const loaded = await loadCorpus(corpus.dir);
    expect(loaded.articles.map((article) => article.id)).toEqual(['a']);
    expect(loaded.rejected.map((rejection) => [path.basename(rejection.path), rejection.reason])).toEqual([
      ['empty.txt', 'the file is empty'],
      ['furniture.txt', 'no article text is left once boilerplate lines are removed'],
      [
        'latin1.txt',
        'the file is not UTF-8 text: byte 0xE9 at offset 3 is not valid UTF-8 (save the file as UTF-8)',
      ],
    ]);
  });

  it('reports progress after each file', async () => {
    await put('a.md', SAMPLE_ARTICLE);
    await put('b.txt', 'Second article text about the election.');
    const calls: [number, number, string][] = [];
    await loadCorpus(corpus.dir, {
      onProgress: (done, total, file) => calls.push([done, total, path.basename(file)]),
    });
    expect(calls).toEqual([
      [1, 2, 'a.md'],
      [2, 2, 'b.txt'],
    ]);
  });

  it('throws a clear error for a missing directory', async () => {
    await expect(loadCorpus(path.join(corpus.dir, 'missing'))).rejects.toThrow(CorpusDirectoryError);
  });
});

describe('corpusFingerprint', () => {
  it('matches the fingerprint of a load and changes when a file changes', async () => {
    await put('a.md', SAMPLE_ARTICLE);
    const before = await corpusFingerprint(corpus.dir);
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    expect((await loadCorpus(corpus.dir)).fingerprint).toBe(before);
    await utimes(path.join(corpus.dir, 'a.md'), new Date('2001-01-01'), new Date('2001-01-01'));
    expect(await corpusFingerprint(corpus.dir)).not.toBe(before);
  });

  it('changes when a file is added, but not for files the indexer ignores', async () => {
    await put('a.md', SAMPLE_ARTICLE);
    const before = await corpusFingerprint(corpus.dir);
    await put('.hidden.md', SAMPLE_ARTICLE);
    expect(await corpusFingerprint(corpus.dir)).toBe(before);
    await put('b.md', SAMPLE_ARTICLE);
    expect(await corpusFingerprint(corpus.dir)).not.toBe(before);
  });
});
