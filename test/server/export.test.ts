import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenize } from '../../engine/text.js';
import type { ExportedPassage, ExportRequest, SearchEngine } from '../../engine/types.js';
import { createApp } from '../../server/app.js';
import { csvField, csvRow } from '../../server/csv.js';
import { CSV_COLUMNS } from '../../server/export.js';
import { searchApi, startPortal, type Portal } from './portal.js';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal.close();
});

interface ArticleJson {
  id: string;
  passages: { index: number; text: string }[];
}

interface JsonExport {
  export: {
    query: string;
    filters: Record<string, unknown>;
    sort: string;
    indexBuiltAt: string;
    exportedAt: string;
  };
  passages: {
    article: { id: string; countries: string[] };
    passage: { index: number; text: string; link: string };
  }[];
  count: number;
  complete: boolean;
  notice: string | null;
}

/** Minimal RFC 4180 reader for the tests: rows of fields, `#` comment lines apart. */
function readCsv(text: string): { comments: string[]; rows: string[][] } {
  const comments: string[] = [];
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '#' && field === '' && row.length === 0) {
      const end = body.indexOf('\r\n', i);
      comments.push(body.slice(i + 2, end));
      i = end + 1;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  return { comments, rows };
}

async function articleJson(id: string): Promise<ArticleJson> {
  return (await (await portal.get(`/api/articles/${id}`)).json()) as ArticleJson;
}

describe('exports', () => {
  it('exports every matching passage as CSV, stamped with the search, the build and the time', async () => {
    const response = await portal.get('/api/export?q=Ratcliffe&format=csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?interference-search-.+\.csv/,
    );
    const { comments, rows } = readCsv(await response.text());
    const [header, ...passages] = rows;
    expect(header).toEqual([...CSV_COLUMNS]);
    const health = (await (await portal.get('/healthz')).json()) as { builtAt: string };
    expect(comments).toEqual(
      expect.arrayContaining(['query: Ratcliffe', 'filters: none', `index built: ${health.builtAt}`]),
    );
    const exportedAt =
      comments.find((line) => line.startsWith('exported: '))?.slice('exported: '.length) ?? '';
    expect(Math.abs(Date.parse(exportedAt) - Date.now())).toBeLessThan(60_000);
    expect(comments.at(-1)).toBe(`complete: ${passages.length} passages`);

    // Every passage holding the word, of every article the search finds: not just three per article.
    const { hits, totalArticles } = await searchApi(portal, 'q=Ratcliffe&per_page=50');
    expect(new Set(passages.map((row) => row[0]))).toEqual(new Set(hits.map((hit) => hit.article.id)));
    let expected = 0;
    for (const hit of hits) {
      const article = await articleJson(hit.article.id);
      expected += article.passages.filter((passage) => tokenize(passage.text).includes('ratcliffe')).length;
    }
    expect(passages.length).toBe(expected);
    expect(passages.length).toBeGreaterThan(totalArticles * 3);
    for (const row of passages.slice(0, 5)) {
      const [id, , , , , , , index, link, , , text] = row;
      const article = await articleJson(id ?? '');
      expect(article.passages.find((passage) => String(passage.index) === index)?.text).toBe(text);
      expect(link).toBe(portal.url(`/articles/${id}#p-${index}`));
    }
  });

  it('exports JSON with the same passages, every passage of the filtered articles for an empty query', async () => {
    const [country] = Object.keys((await searchApi(portal, '')).facets.country);
    if (!country) throw new Error('no country');
    const query = `country=${encodeURIComponent(country)}&from=2020-01-01`;
    const body = (await (await portal.get(`/api/export?${query}&format=json`)).json()) as JsonExport;
    expect(body.export).toMatchObject({
      query: '',
      sort: 'relevance',
      filters: { country: [country], from: '2020-01-01' },
    });
    expect(body.complete).toBe(true);
    expect(body.notice).toBeNull();
    const { hits } = await searchApi(portal, `${query}&per_page=50`);
    let expected = 0;
    for (const hit of hits) expected += (await articleJson(hit.article.id)).passages.length;
    expect(body.count).toBe(expected);
    expect(body.passages).toHaveLength(expected);
    for (const item of body.passages) expect(item.article.countries).toContain(country);
  });

  it('stops at the cap and says so in the file', async () => {
    const capped = await startPortal({ maxExportPassages: 5 });
    try {
      const csv = readCsv(await (await capped.get('/api/export?q=iran&format=csv')).text());
      expect(csv.rows).toHaveLength(1 + 5);
      expect(csv.comments.at(-1)).toMatch(
        /^truncated: only the first 5 matching passages were exported; narrow the search/,
      );
      const json = (await (await capped.get('/api/export?q=iran&format=json')).json()) as JsonExport;
      expect(json).toMatchObject({ count: 5, complete: false });
      expect(json.notice).toContain('narrow the search');
      // A result set under the cap is complete.
      const small = (await (await capped.get('/api/export?q=Kremlin&format=json')).json()) as JsonExport;
      expect(small.count).toBeLessThan(5);
      expect(small).toMatchObject({ complete: true, notice: null });
    } finally {
      await capped.close();
    }
  });

  it('refuses an unknown format or a bad parameter with 400, before writing any file', async () => {
    for (const query of [
      'q=iran',
      'q=iran&format=xml',
      'format=csv&from=2020-13-01',
      'format=csv&format=json',
    ]) {
      const response = await portal.get(`/api/export?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get('content-disposition'), query).toBeNull();
      expect(((await response.json()) as { error: string }).error, query).toMatch(/"(format|from)"/);
    }
  });

  it('links the export from the results, with the search and filters but not the page', async () => {
    const html = await (await portal.get('/search?q=Iran&country=Russia&page=2&per_page=1')).text();
    expect(html).toContain('href="/api/export?q=Iran&amp;country=Russia&amp;format=csv"');
    expect(html).toContain('href="/api/export?q=Iran&amp;country=Russia&amp;format=json"');
    expect(await (await portal.get('/search?q=zebracorn')).text()).not.toContain('/api/export');
  });
});

describe('export streaming', () => {
  /** The real engine, with an export that yields `ready` passages, then waits until released. */
  function gatedEngine(ready: number) {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    const engine: SearchEngine = Object.create(portal.engine) as SearchEngine;
    engine.exportPassages = async function* (request: ExportRequest): AsyncIterable<ExportedPassage> {
      try {
        let produced = 0;
        for await (const item of portal.engine.exportPassages({ ...request, q: '' })) {
          if (produced === ready) await released;
          yield item;
          produced++;
        }
      } finally {
        finished = true;
      }
    };
    return { engine, release, isFinished: () => finished };
  }

  async function listen(engine: SearchEngine): Promise<{ url: string; close: () => Promise<void> }> {
    const server = createApp({ engine }).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }

  it('sends the first passages before the engine has produced the rest', async () => {
    const gated = gatedEngine(3);
    const app = await listen(gated.engine);
    try {
      const response = await fetch(`${app.url}/api/export?format=csv`);
      const reader = response.body?.getReader();
      if (!reader) throw new Error('no body');
      let received = '';
      while ((received.match(/\r\n/g) ?? []).length < 8 + 3) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the export ended before the engine was released');
        received += new TextDecoder().decode(value);
      }
      expect(gated.isFinished()).toBe(false);
      gated.release();
      while (!(await reader.read()).done);
      expect(gated.isFinished()).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('stops asking the engine when the client goes away', async () => {
    const gated = gatedEngine(2);
    const app = await listen(gated.engine);
    try {
      await new Promise<void>((resolve, reject) => {
        const request = http.get(`${app.url}/api/export?format=json`, (response) => {
          response.once('data', () => {
            request.destroy();
            resolve();
          });
        });
        request.on('error', (error) =>
          (error as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(error),
        );
      });
      gated.release();
      for (let i = 0; i < 50 && !gated.isFinished(); i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(gated.isFinished()).toBe(true);
    } finally {
      await app.close();
    }
  });
});

describe('CSV writing', () => {
  it('quotes fields with commas, quotes and line breaks, and doubles quotes', () => {
    expect(csvRow(['plain', 'a, b', 'say "hi"', 'two\nlines', null, 3])).toBe(
      'plain,"a, b","say ""hi""","two\nlines",,3\r\n',
    );
  });

  it('keeps a passage that looks like a spreadsheet formula from running as one', () => {
    for (const text of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\t=1'])
      expect(csvField(text).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvField('Iran')).toBe('Iran');
  });
});
