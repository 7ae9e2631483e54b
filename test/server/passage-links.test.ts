import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../engine/highlight.js';
import { indexCorpus } from '../../indexer/index-corpus.js';
import { loadCorpus } from '../../indexer/load-corpus.js';
import { article } from '../engine/fixtures.js';
import { corpusDir, searchApi, startPortal, type Portal } from './portal.js';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal.close();
});

interface ArticleJson {
  id: string;
  passages: { index: number; link: string; text: string }[];
}

async function passageTexts(): Promise<Map<string, string>> {
  const { hits } = await searchApi(portal, 'per_page=50');
  const texts = new Map<string, string>();
  for (const hit of hits) {
    const json = (await (await portal.get(`/api/articles/${hit.article.id}`)).json()) as ArticleJson;
    for (const passage of json.passages) texts.set(passage.link, passage.text);
  }
  return texts;
}

/** The text the article page shows at a link's anchor. */
async function textAt(link: string): Promise<string> {
  const [path, anchor] = link.split('#');
  const html = await (await portal.get(path ?? '')).text();
  const paragraph =
    html.match(new RegExp(`<p id="${anchor}"[^>]*>([\\s\\S]*?) <a class="anchor"`))?.[1] ?? '';
  return paragraph.replace(/<[^>]+>/g, '');
}

describe('passage links', () => {
  it('stay valid after the unchanged text is indexed again, even with another article added', async () => {
    const before = await passageTexts();
    expect(before.size).toBeGreaterThan(10);
    const loaded = await loadCorpus(corpusDir);
    const newcomer = article('000-added-later', ['A new article indexed between two visits.'], {
      published: '2030-01-01',
    });
    await indexCorpus(portal.engine, { ...loaded, articles: [newcomer, ...loaded.articles] });
    const after = await passageTexts();
    for (const [link, text] of before) expect(after.get(link), link).toBe(text);
    // And the article page still shows that text at that anchor.
    const [link, text] = [...before][before.size - 1] ?? [];
    if (!link || !text) throw new Error('no passage');
    expect(await textAt(link)).toBe(escapeHtml(text));
  });
});

describe('citations', () => {
  async function first() {
    const passage = (await searchApi(portal, 'q=Kremlin')).hits[0]?.passages[0];
    if (!passage) throw new Error('nothing matches Kremlin');
    return passage;
  }

  it('answers plain text, APA, Chicago and CSL-JSON, linking to the passage on this portal', async () => {
    const passage = await first();
    const [path] = passage.link.split('#');
    const response = await portal.get(`/api${path}/passages/${passage.index}/cite`);
    expect(response.status).toBe(200);
    const json = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['apa', 'chicago', 'csl', 'id', 'link', 'plain']);
    expect(json.plain).toContain(portal.url(passage.link));
    expect(json.chicago).toContain(`par. ${passage.index}`);
    expect(Array.isArray(json.csl)).toBe(true);
  });

  it('downloads CSL-JSON as a file a reference manager imports', async () => {
    const passage = await first();
    const [path] = passage.link.split('#');
    const response = await portal.get(`/api${path}/passages/${passage.index}/cite?download=csl`);
    expect(response.headers.get('content-type')).toContain('application/vnd.citationstyles.csl+json');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="?.+-p-\d+\.json"?/);
    const items = JSON.parse(await response.text()) as { type: string }[];
    expect(items[0]?.type).toBe('article-newspaper');
  });

  it('serves a citation page without JavaScript and only the panel to htmx', async () => {
    const passage = await first();
    const [path] = passage.link.split('#');
    const page = await (await portal.get(`${path}/passages/${passage.index}/cite`)).text();
    expect(page).toMatch(/<html/);
    expect(page).toContain('APA');
    const panel = await (
      await portal.get(`${path}/passages/${passage.index}/cite`, { 'HX-Request': 'true' })
    ).text();
    expect(panel).not.toMatch(/<html/);
    expect(panel).toContain('class="cite-panel"');
  });

  it('answers 404 for a paragraph the article does not have', async () => {
    const passage = await first();
    const [path] = passage.link.split('#');
    for (const index of ['0', '99999', 'abc', '1e3'])
      expect((await portal.get(`/api${path}/passages/${index}/cite`)).status, index).toBe(404);
    expect((await portal.get('/api/articles/nope/passages/1/cite')).status).toBe(404);
  });
});
