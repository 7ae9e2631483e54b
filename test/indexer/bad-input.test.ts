import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_PASSAGES_PER_ARTICLE } from '../../indexer/build-article.js';
import { loadCorpus, type LoadedCorpus } from '../../indexer/load-corpus.js';
import { SAMPLE_ARTICLE, useTempCorpus } from './temp-corpus.js';

const corpus = useTempCorpus('bad-input-');
const { put } = corpus;

/** Rejections as `[file name, line, reason]`. */
const rejections = (loaded: LoadedCorpus) =>
  loaded.rejected.map((rejection) => [path.basename(rejection.path), rejection.line, rejection.reason]);

const ids = (loaded: LoadedCorpus) => loaded.articles.map((article) => article.id);

describe('loadCorpus on bad input', () => {
  it('rejects a binary file that is valid UTF-8, naming its path and the line of the NUL byte', async () => {
    await put('good.md', SAMPLE_ARTICLE);
    await put(
      'image.txt',
      Buffer.concat([Buffer.from('GIF89a\nsome header\n'), Buffer.alloc(64), Buffer.from('x')]),
    );
    const loaded = await loadCorpus(corpus.dir);
    expect(ids(loaded)).toEqual(['good']);
    expect(loaded.rejected).toEqual([
      {
        path: path.join(corpus.dir, 'image.txt'),
        line: 3,
        reason: 'the file is binary data, not text: it holds a NUL byte',
      },
    ]);
  });

  it('rejects a file made mostly of control characters as binary', async () => {
    await put('noise.txt', `Some words ${'\u0001\u0002\u0003'.repeat(20)} and more words.`);
    expect(rejections(await loadCorpus(corpus.dir))).toEqual([
      [
        'noise.txt',
        1,
        expect.stringMatching(
          /^the file is binary data, not text: 60 of its \d+ characters are control characters$/,
        ),
      ],
    ]);
  });

  it('turns a stray control character in an article into a space instead of indexing it', async () => {
    await put('a.txt', 'Officials said hackers\u0007had stolen voter data from the state.');
    const [article] = (await loadCorpus(corpus.dir)).articles;
    expect(article?.passages[0]?.text).toBe('Officials said hackers had stolen voter data from the state.');
  });

  it('names the line and offset of the first byte that is not UTF-8', async () => {
    await put('good.md', SAMPLE_ARTICLE);
    await put(
      'latin1.txt',
      Buffer.concat([
        Buffer.from('First line.\nSecond line.\nCaf'),
        Buffer.from([0xe9]),
        Buffer.from(' au lait.\n'),
      ]),
    );
    const loaded = await loadCorpus(corpus.dir);
    expect(ids(loaded)).toEqual(['good']);
    expect(rejections(loaded)).toEqual([
      [
        'latin1.txt',
        3,
        'the file is not UTF-8 text: byte 0xE9 at offset 28 is not valid UTF-8 (save the file as UTF-8)',
      ],
    ]);
  });

  it('says so when a file is UTF-16', async () => {
    await put(
      'utf16.txt',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hello election', 'utf16le')]),
    );
    expect(rejections(await loadCorpus(corpus.dir))).toEqual([
      ['utf16.txt', 1, 'the file is UTF-16 text, not UTF-8: save the file as UTF-8'],
    ]);
  });

  it('rejects a file over the size limit by its size, and still indexes the rest', async () => {
    await put('good.md', SAMPLE_ARTICLE);
    await put('dump.txt', 'Officials said hackers had stolen voter data.\n\n'.repeat(100));
    const loaded = await loadCorpus(corpus.dir, { maxArticleBytes: 2000 });
    expect(ids(loaded)).toEqual(['good']);
    expect(rejections(loaded)).toEqual([
      [
        'dump.txt',
        undefined,
        'the file is 4.7 kB (4,700 bytes), more than the 2.0 kB (2,000 bytes) one article may take (MAX_ARTICLE_BYTES=2000)',
      ],
    ]);
  });

  it('rejects an article with more passages than an article may have, instead of failing the run', async () => {
    await put('good.md', SAMPLE_ARTICLE);
    const paragraph = 'Officials said that hackers had stolen voter data from the state.';
    await put(
      'many.txt',
      Array.from({ length: MAX_PASSAGES_PER_ARTICLE + 1 }, (_, i) => `${paragraph} ${i}`).join('\n\n'),
    );
    const loaded = await loadCorpus(corpus.dir, { maxArticleBytes: 10 * 1024 * 1024 });
    expect(ids(loaded)).toEqual(['good']);
    expect(rejections(loaded)).toEqual([
      [
        'many.txt',
        undefined,
        'the article splits into 10,001 passages, more than the 10,000 one article may have (split the file into several articles)',
      ],
    ]);
  });

  it('applies the size limit to each JSONL line, not to the file, and reads the lines after a long one', async () => {
    const record = (id: string, body: string) => JSON.stringify({ id, body });
    const lines = [
      record('a', 'Russian hackers targeted voter databases.'),
      record('huge', 'Officials said hackers had stolen voter data. '.repeat(100)),
      record('b', 'Iranian hackers sent threatening emails to voters.'),
      record('c', 'The FBI issued an alert about election security.'),
    ];
    await put('feed.jsonl', `${lines.join('\n')}\n`);
    const loaded = await loadCorpus(corpus.dir, { maxArticleBytes: 1000 });
    expect(ids(loaded)).toEqual(['a', 'b', 'c']);
    expect(rejections(loaded)).toEqual([
      [
        'feed.jsonl',
        2,
        expect.stringMatching(
          /^the line is 4\.6 kB \(4,6\d\d bytes\), more than the 1\.0 kB \(1,000 bytes\) one article may take \(MAX_ARTICLE_BYTES=1000\)$/,
        ),
      ],
    ]);
  });

  it('rejects a JSONL line that is not UTF-8 or holds binary data, with its line, and reads the others', async () => {
    await put(
      'feed.jsonl',
      Buffer.concat([
        Buffer.from('{"id": "a", "body": "Russian hackers targeted voter databases."}\n'),
        Buffer.from('{"id": "b", "body": "caf'),
        Buffer.from([0xe9]),
        Buffer.from('"}\r\n{"id": "c", "body": "x\u0000y"}\n'),
        Buffer.from('{"id": "d", "body": "The FBI issued an alert about election security."}'),
      ]),
    );
    const loaded = await loadCorpus(corpus.dir);
    expect(ids(loaded)).toEqual(['a', 'd']);
    expect(rejections(loaded)).toEqual([
      [
        'feed.jsonl',
        2,
        'the line is not UTF-8 text: byte 0xE9 at offset 24 is not valid UTF-8 (save the file as UTF-8)',
      ],
      ['feed.jsonl', 3, 'the line is binary data, not text: it holds a NUL byte'],
    ]);
  });

  it('rejects broken JSONL lines with their numbers and indexes the valid ones', async () => {
    await put(
      'feed.jsonl',
      '{"id": "a", "body": "Russian hackers targeted voter databases."}\n{"id": "b", \n\n["x"]\n',
    );
    const loaded = await loadCorpus(corpus.dir);
    expect(ids(loaded)).toEqual(['a']);
    expect(
      rejections(loaded).map(([file, line, reason]) => [file, line, String(reason).split(' (')[0]]),
    ).toEqual([
      ['feed.jsonl', 2, 'the line is not valid JSON'],
      ['feed.jsonl', 4, 'the line is not a JSON object with "id" and "body"'],
    ]);
  });

  it('rejects a JSONL file with nothing but blank lines as empty', async () => {
    await put('blank.jsonl', '\n  \n\r\n');
    expect(rejections(await loadCorpus(corpus.dir))).toEqual([
      ['blank.jsonl', undefined, 'the file is empty'],
    ]);
  });

  it('rejects Markdown without front matter and a published date that is not a date, indexing the rest', async () => {
    await put('good.md', SAMPLE_ARTICLE);
    await put('bare.md', 'Officials said hackers had stolen voter data.');
    await put(
      'dated.md',
      '---\ntitle: T\npublished: soon\n---\nOfficials said hackers had stolen voter data.',
    );
    const loaded = await loadCorpus(corpus.dir);
    expect(ids(loaded)).toEqual(['good']);
    expect(rejections(loaded)).toEqual([
      ['bare.md', 1, expect.stringMatching(/^there is no front matter/)],
      ['dated.md', 3, 'front matter: published "soon" is not an ISO date like 2020-10-22'],
    ]);
  });

  it('rejects a duplicate id in a JSONL file, naming the line that has it first', async () => {
    await put(
      'feed.jsonl',
      '{"id": "a", "body": "Russian hackers targeted voter databases."}\n{"id": "a", "body": "Other text about the vote."}\n',
    );
    const loaded = await loadCorpus(corpus.dir);
    expect(ids(loaded)).toEqual(['a']);
    const feed = path.join(corpus.dir, 'feed.jsonl');
    expect(loaded.rejected).toEqual([
      {
        path: feed,
        line: 2,
        reason: `duplicate id "a": already used by ${feed}:1, so ${feed}:2 was not indexed`,
      },
    ]);
  });
});
