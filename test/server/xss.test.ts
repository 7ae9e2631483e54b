/**
 * An article whose every field carries markup, script and `javascript:` addresses, indexed with
 * the corpus: every page, attribute, highlight and JSON answer that shows it must keep it inert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../engine/types.js';
import { article } from '../engine/fixtures.js';
import { startPortal, type Portal } from './portal.js';

const SCRIPT = '<script>alert(1)</script>';
const BREAKOUT = '"><img src=x onerror=alert(2)>';
const SINGLE_BREAKOUT = "'><svg onload=alert(3)>";
/** A word found only in the hostile articles, so a search lists them on its first page. */
const WORD = 'zanzibarxss';

const ID = `xss-"><svg onload=alert(4)>`;
const HOSTILE: Article = {
  ...article(
    ID,
    [
      `${WORD} interference ${SCRIPT} in a passage ${BREAKOUT} with ${SINGLE_BREAKOUT} and <iframe src="javascript:alert(5)"></iframe>.`,
      `The ${WORD} agency said <b>bold</b> things &amp; more <a href="javascript:alert(6)">click</a> here.`,
    ],
    {
      title: `${WORD} ${SCRIPT} ${BREAKOUT}`,
      outlet: `Outlet ${BREAKOUT}`,
      url: 'javascript:alert(7)',
      countries: [`Russia${BREAKOUT}`],
      agencies: [`FBI ${SCRIPT}`],
    },
  ),
  quotes: [
    {
      text: `we will ${SCRIPT} ${WORD} interfere`,
      speaker: `Spokesman ${BREAKOUT}`,
      speakerRole: `role ${SINGLE_BREAKOUT}`,
      passageIndex: 1,
      passageIndexes: [1],
      group: `${ID}#q1`,
    },
  ],
};
const SECOND: Article = article(`xss-data-url`, [`A ${WORD} passage whose source is a data: address.`], {
  title: `${WORD} data address`,
  url: ' JaVaScRiPt:alert(8)',
});

/** What the raw payloads must never appear as: live markup. */
const LIVE = [SCRIPT, BREAKOUT, SINGLE_BREAKOUT, '<b>bold</b>', '<iframe', '<a href="javascript:'];

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':' };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return entities[name.toLowerCase()] ?? whole;
  });

const URL_ATTRIBUTES =
  /^(href|src|action|formaction|hx-get|hx-post|hx-push-url|data-copy-url|poster|srcset)$/i;

/** Every tag, attribute and address in the page is one our templates wrote. */
function expectInert(html: string, where: string): void {
  for (const live of LIVE) expect(html, `${where} holds ${live}`).not.toContain(live);
  for (const [tag, name = '', attributes = ''] of html.matchAll(
    /<([a-zA-Z][\w-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g,
  )) {
    expect(['img', 'svg', 'iframe', 'object', 'embed'], `${where}: ${tag}`).not.toContain(name.toLowerCase());
    if (name.toLowerCase() === 'script')
      expect(attributes, `${where}: ${tag}`).toMatch(/\ssrc="\/assets\/[\w.-]+"/);
    // Outside quoted values, nothing may look like an event handler.
    expect(attributes.replace(/"[^"]*"|'[^']*'/g, '""'), `${where}: ${tag}`).not.toMatch(/\son[a-z]+\s*=/i);
    for (const [, attribute = '', value = ''] of attributes.matchAll(/([\w:-]+)\s*=\s*"([^"]*)"/g)) {
      if (!URL_ATTRIBUTES.test(attribute)) continue;
      expect(decode(value), `${where}: ${attribute} of ${tag}`).not.toMatch(
        /^\s*(javascript|data|vbscript):/i,
      );
    }
  }
}

/** JSON as the portal sends it: `<`, `>` and `&` escaped, so no byte of it reads as markup. */
function expectInertJson(body: string, where: string): void {
  expect(body, where).not.toMatch(/[<>]/);
  expect(body, where).toContain('\\u003cscript\\u003e');
}

let portal: Portal;
let html: (path: string, headers?: Record<string, string>) => Promise<string>;
beforeAll(async () => {
  portal = await startPortal({ extraArticles: [HOSTILE, SECOND] });
  html = async (path, headers = {}) => {
    const response = await portal.get(path, headers);
    expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
    return response.text();
  };
});
afterAll(async () => {
  await portal.close();
});

const id = encodeURIComponent(ID);
const PAGE_AND_PARTIAL: Record<string, string>[] = [{}, { 'HX-Request': 'true' }];
const escapedScript = '&lt;script&gt;alert(1)&lt;/script&gt;';

describe('hostile text in the corpus', () => {
  it('is inert in search results, their facets and the htmx partial', async () => {
    for (const headers of PAGE_AND_PARTIAL) {
      const page = await html(`/search?q=${WORD}`, headers);
      expectInert(page, `/search ${JSON.stringify(headers)}`);
      expect(page).toContain(escapedScript);
      expect(page).toContain('Outlet &quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    }
  });

  it('is inert with its own facet values selected', async () => {
    const query = new URLSearchParams({
      q: WORD,
      outlet: `Outlet ${BREAKOUT}`,
      agency: `FBI ${SCRIPT}`,
      country: `Russia${BREAKOUT}`,
    });
    const page = await html(`/search?${query.toString()}`);
    expectInert(page, '/search with hostile facets');
    expect(page).toContain(escapedScript);
  });

  it('marks matches in hostile passages without letting the markup through', async () => {
    const page = await html(`/search?q=${encodeURIComponent(`${WORD} script onerror`)}`);
    expectInert(page, 'highlighted results');
    expect(page).toMatch(/&lt;<mark>script<\/mark>&gt;/);
    expect(page).toMatch(/<mark>onerror<\/mark>=alert\(2\)&gt;/);
  });

  it('is inert on the article page, highlighted or not, and never links to a javascript: address', async () => {
    for (const path of [`/articles/${id}`, `/articles/${id}?q=${encodeURIComponent('script iframe')}`]) {
      const page = await html(path);
      expectInert(page, path);
      expect(page).toContain(escapedScript);
    }
    expectInert(await html(`/articles/${SECOND.id}`), 'article with a mixed-case javascript: url');
  });

  it('is inert on the cite page, its htmx panel and its citations', async () => {
    for (const headers of PAGE_AND_PARTIAL) {
      const page = await html(`/articles/${id}/passages/1/cite`, headers);
      expectInert(page, `cite ${JSON.stringify(headers)}`);
      expect(page).toContain(escapedScript);
    }
  });

  it('is inert on the quotes page if there is one', async () => {
    for (const path of [
      `/quotes?q=${WORD}`,
      `/quotes?speaker=${encodeURIComponent(`Spokesman ${BREAKOUT}`)}`,
    ]) {
      const page = await html(path);
      expectInert(page, path);
    }
  });

  it('is inert in error pages that echo what was asked', async () => {
    for (const path of [
      `/articles/${encodeURIComponent(`${ID}-missing`)}`,
      `/articles/${id}/passages/99/cite`,
      `/nope${encodeURIComponent(SCRIPT)}`,
      `/search?from=${encodeURIComponent(SCRIPT)}`,
    ]) {
      const page = await html(path);
      expectInert(page, path);
    }
  });

  it('is escaped in every JSON answer and the JSON export', async () => {
    for (const path of [
      `/api/search?q=${WORD}`,
      `/api/articles/${id}`,
      `/api/articles/${id}/passages/1/cite`,
      `/api/export?format=json&q=${WORD}`,
    ]) {
      const response = await portal.get(path);
      expect(response.status, path).toBe(200);
      expectInertJson(await response.text(), path);
    }
  });

  it('is served in CSV only as a download the browser will not render', async () => {
    const response = await portal.get(`/api/export?format=csv&q=${WORD}`);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain(SCRIPT);
  });
});
