import { describe, expect, it } from 'vitest';
import { readJsonl } from '../../indexer/read-jsonl.js';
import { readMarkdown } from '../../indexer/read-markdown.js';
import { readText } from '../../indexer/read-text.js';

const file = { path: 'corpus/sample.x', stem: 'sample' };

describe('readText', () => {
  const raw = [
    '02:20 GMT28 September 2020',
    'Listen Live',
    '',
    'Hackers hit voter rolls',
    '',
    'Officials said hackers had stolen voter data.',
    '',
    'Source: TRTWorld and agencies',
  ].join('\n');

  it('takes the date from a dateline at the top', () => {
    const [document] = readText(raw, file).documents;
    expect(document).toMatchObject({ published: '2020-09-28', publishedSource: 'dateline' });
  });

  it('takes the outlet from a "Source:" line', () => {
    expect(readText(raw, file).documents[0]?.outlet).toBe('TRTWorld and agencies');
  });

  it('takes the title from a headline standing at the top', () => {
    expect(readText(raw, file).documents[0]?.title).toBe('Hackers hit voter rolls');
  });

  it('removes the metadata lines from the body', () => {
    const body = readText(raw, file).documents[0]?.body ?? '';
    expect(body).not.toMatch(/GMT28|Source:|Hackers hit voter rolls/);
    expect(body).toContain('Officials said hackers had stolen voter data.');
  });

  it('uses the file stem as id and leaves title, outlet and date unknown when the text has none', () => {
    const [document] = readText(
      'Officials said hackers had stolen voter data. More followed.',
      file,
    ).documents;
    expect(document).toMatchObject({
      id: 'sample',
      title: null,
      outlet: null,
      published: null,
      publishedSource: null,
    });
  });

  it('rejects an empty file', () => {
    expect(readText('  \n\n', file)).toEqual({
      documents: [],
      rejected: [{ path: file.path, reason: 'the file is empty' }],
    });
  });
});

describe('readMarkdown', () => {
  it('reads front matter and keeps the body as written', () => {
    const text =
      '---\ntitle: "A title"\noutlet: VOA\npublished: 2020-10-30\nseed: x.txt\n---\n\n  Body text.\n';
    expect(readMarkdown(text, file)).toEqual({
      documents: [
        {
          id: 'sample',
          path: file.path,
          title: 'A title',
          outlet: 'VOA',
          url: null,
          published: '2020-10-30',
          publishedSource: 'front matter',
          language: 'en',
          body: '\n  Body text.\n',
        },
      ],
      rejected: [],
    });
  });

  it('prefers the front matter id to the file name', () => {
    expect(readMarkdown('---\nid: custom-id\n---\nBody.', file).documents[0]?.id).toBe('custom-id');
  });

  it('rejects an article whose date is not a real date, saying why and on which line', () => {
    const { rejected } = readMarkdown('---\ntitle: T\npublished: "2020-02-30"\n---\nBody.', file);
    expect(rejected).toEqual([
      {
        path: file.path,
        line: 3,
        reason: 'front matter: published "2020-02-30" is not a real calendar date',
      },
    ]);
  });

  it('rejects a published date that is not a date at all', () => {
    expect(readMarkdown('---\npublished: last Tuesday\n---\nBody.', file).rejected).toEqual([
      {
        path: file.path,
        line: 2,
        reason: 'front matter: published "last Tuesday" is not an ISO date like 2020-10-22',
      },
    ]);
  });

  it('rejects a date that is not ISO', () => {
    expect(readMarkdown('---\npublished: 22 October 2020\n---\nBody.', file).rejected[0]?.reason).toMatch(
      /not an ISO date/,
    );
  });

  it('rejects a url that is not a web address', () => {
    expect(readMarkdown('---\nurl: somewhere\n---\nBody.', file).rejected[0]?.reason).toMatch(
      /"url" must be an http/,
    );
  });

  it('rejects front matter without a body', () => {
    expect(readMarkdown('---\ntitle: T\n---\n\n', file).rejected[0]?.reason).toBe(
      'there is no article text after the front matter',
    );
  });

  it('rejects broken YAML, naming the line the parser stopped at', () => {
    expect(readMarkdown('---\ntitle: ok\noutlet: [unclosed\n---\nBody.', file).rejected).toEqual([
      {
        path: file.path,
        line: 4,
        reason: 'the front matter cannot be parsed: unexpected end of the stream within a flow collection',
      },
    ]);
  });

  it('rejects a Markdown file without front matter instead of indexing it without metadata', () => {
    expect(readMarkdown('Officials said hackers had stolen voter data.', file)).toEqual({
      documents: [],
      rejected: [{ path: file.path, line: 1, reason: expect.stringMatching(/^there is no front matter: /) }],
    });
  });

  it('rejects front matter that is never closed', () => {
    expect(
      readMarkdown('---\ntitle: T\n\nOfficials said hackers had stolen voter data.', file).rejected,
    ).toEqual([
      {
        path: file.path,
        line: 1,
        reason: 'the front matter opened on line 1 is never closed by a "---" line',
      },
    ]);
  });

  it('rejects front matter that is a list rather than fields', () => {
    expect(readMarkdown('---\n- a\n- b\n---\nBody.', file).rejected).toEqual([
      { path: file.path, line: 2, reason: 'the front matter is not a set of "key: value" fields' },
    ]);
  });

  it('reads front matter written with Windows line ends', () => {
    expect(readMarkdown('---\r\ntitle: T\r\n---\r\nBody.', file).documents[0]?.title).toBe('T');
  });

  it('refuses to run JavaScript front matter', () => {
    const { rejected } = readMarkdown(
      '---js\n{ title: (() => { throw new Error("ran") })() }\n---\nBody.',
      file,
    );
    expect(rejected[0]?.reason).toMatch(/JavaScript front matter is not supported/);
  });
});

describe('readJsonl', () => {
  const jsonl = [
    JSON.stringify({
      id: 'a',
      title: 'A',
      source: 'Reuters',
      published: '2020-10-22T10:00:00Z',
      body: 'Text A.',
    }),
    '{"id": "b", "body": ',
    '',
    JSON.stringify({ id: 'c', outlet: 'AP', url: 'https://example.org/c', body: 'Text C.' }),
    JSON.stringify({ id: 'd', body: '' }),
    JSON.stringify(['not', 'an', 'object']),
  ].join('\n');

  it('reads the valid lines even when others are broken', () => {
    const { documents } = readJsonl(jsonl, file);
    expect(
      documents.map((document) => [document.id, document.line, document.outlet, document.published]),
    ).toEqual([
      ['a', 1, 'Reuters', '2020-10-22'],
      ['c', 4, 'AP', null],
    ]);
  });

  it('reports each broken line with its line number', () => {
    const { rejected } = readJsonl(jsonl, file);
    expect(rejected.map(({ line, reason }) => [line, reason.split(' (')[0]])).toEqual([
      [2, 'the line is not valid JSON'],
      [5, 'the record "d" has no "body" text'],
      [6, 'the line is not a JSON object with "id" and "body"'],
    ]);
    expect(rejected.every((rejection) => rejection.path === file.path)).toBe(true);
  });

  it('rejects a record without an id', () => {
    expect(readJsonl('{"body": "Text."}', file).rejected).toEqual([
      { path: file.path, line: 1, reason: 'the record has no "id"' },
    ]);
  });

  it('rejects a record whose text holds a NUL character, and replaces stray control characters', () => {
    expect(readJsonl('{"id": "x", "body": "Text\\u0000more."}', file).rejected).toEqual([
      { path: file.path, line: 1, reason: 'binary data, not text: "body" holds a NUL character' },
    ]);
    const [document] = readJsonl(
      '{"id": "x", "title": "A\\u0007B", "body": "Text\\u001bmore."}',
      file,
    ).documents;
    expect([document?.title, document?.body]).toEqual(['A B', 'Text more.']);
  });

  it('rejects a record with an unparseable date', () => {
    expect(
      readJsonl('{"id": "x", "body": "Text.", "published": "yesterday"}', file).rejected[0]?.reason,
    ).toBe('record: published "yesterday" is not an ISO date like 2020-10-22');
  });
});
