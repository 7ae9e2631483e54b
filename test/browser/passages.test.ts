import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { article } from '../engine/fixtures.js';
import { searchApi } from '../server/portal.js';
import { describeInBrowser, type BrowserFixture } from './browser.js';

/** An article whose source address is known, so passages link into the original with a text fragment. */
const WITH_SOURCE = article(
  'zz-browser-known-source',
  [
    'Officials said the zephyrine campaign targeted voters in three states before the election.',
    'A spokesperson for the agency declined to comment on the zephyrine operation, citing an ongoing investigation into the matter.',
  ],
  {
    title: 'Zephyrine campaign targeted voters',
    outlet: 'Example Wire',
    url: 'https://news.example/story?id=7',
  },
);

interface CitationJson {
  plain: string;
  apa: string;
  chicago: string;
  csl: { id: string; title: string }[];
}

async function firstKremlinPassage(fixture: BrowserFixture) {
  const { hits } = await searchApi(fixture.portal, 'q=Kremlin');
  const hit = hits[0];
  const passage = hit?.passages[0];
  if (!hit || !passage) throw new Error('no passage mentions the Kremlin');
  return { articleId: hit.article.id, index: passage.index };
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describeInBrowser(
  'passages',
  (fixture) => {
    it('opens a passage link and lands on the highlighted passage', async () => {
      const { articleId, index } = await firstKremlinPassage(fixture());
      const page = await fixture().open({ viewport: { width: 1280, height: 700 } });
      await page.goto('/search?q=Kremlin');
      await page.locator(`.passage-link[href*="${articleId}"][href$="#p-${index}"]`).click();
      await page.waitForURL((url) => url.pathname === `/articles/${articleId}` && url.hash === `#p-${index}`);
      const passage = page.locator(`#p-${index}`);
      expect(await passage.evaluate((element) => element.matches(':target'))).toBe(true);
      expect(await passage.locator('mark').first().innerText()).toMatch(/kremlin/i);
      // Scrolled into view, and visibly highlighted.
      const box = await passage.boundingBox();
      expect(box && box.y >= 0 && box.y < 700).toBe(true);
      const background = await passage.evaluate((element) => getComputedStyle(element).backgroundColor);
      expect(background).not.toBe('rgba(0, 0, 0, 0)');
    });

    it('copies the link to a passage', async () => {
      const { articleId, index } = await firstKremlinPassage(fixture());
      const page = await fixture().open({ permissions: ['clipboard-read', 'clipboard-write'] });
      await page.goto(`/articles/${articleId}#p-${index}`);
      await page.locator(`#p-${index} + .passage-tools .copy-link`).click();
      await page.locator(`#p-${index} + .passage-tools .copy-link.copied`).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(fixture().portal.url(`/articles/${articleId}#p-${index}`));
      // Screen readers hear it too.
      await page.waitForFunction(() => document.getElementById('announcer')?.textContent === 'Link copied');
    });

    it('copies a citation in one click', async () => {
      const { articleId, index } = await firstKremlinPassage(fixture());
      const page = await fixture().open({ permissions: ['clipboard-read', 'clipboard-write'] });
      await page.goto('/search?q=Kremlin');
      const tools = page.locator(
        `.passage-hit:has(.passage-link[href*="${articleId}"][href$="#p-${index}"]) .passage-tools`,
      );
      await tools.locator('.copy-citation').click();
      await tools.locator('.copy-citation.copied').waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      const api = (await (
        await fixture().portal.get(`/api/articles/${articleId}/passages/${index}/cite`)
      ).json()) as CitationJson;
      expect(copied).toBe(api.plain);
      expect(copied).toContain(fixture().portal.url(`/articles/${articleId}#p-${index}`));
    });

    it('opens the citations of a passage and copies the APA and CSL-JSON ones', async () => {
      const { articleId, index } = await firstKremlinPassage(fixture());
      const page = await fixture().open({ permissions: ['clipboard-read', 'clipboard-write'] });
      await page.goto(`/articles/${articleId}#p-${index}`);
      await markDocument(page);
      await page.locator(`#p-${index} + .passage-tools .cite-link`).click();
      const panel = page.locator('.cite-panel');
      await panel.waitFor();
      // The panel opened in place, and took the focus.
      expect(await page.evaluate(() => document.documentElement.dataset.sameDocument)).toBe('yes');
      expect(await activeId(page)).toMatch(/-title$/);
      const api = (await (
        await fixture().portal.get(`/api/articles/${articleId}/passages/${index}/cite`)
      ).json()) as CitationJson;

      await panel.getByRole('button', { name: 'Copy APA' }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(api.apa);
      await panel.getByRole('button', { name: 'Copy CSL-JSON' }).click();
      const csl = JSON.parse(
        await page.evaluate(() => navigator.clipboard.readText()),
      ) as CitationJson['csl'];
      expect(csl[0]?.id).toBe(`${articleId}#p-${index}`);

      // Closing returns the focus to the link that opened it.
      await panel.getByRole('button', { name: /Close/ }).click();
      expect(await page.locator('.cite-panel').count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.classList.contains('cite-link'))).toBe(true);
    });

    it('prints an article with its paragraph numbers and address, without the controls', async () => {
      const { articleId, index } = await firstKremlinPassage(fixture());
      const page = await fixture().open();
      await page.emulateMedia({ media: 'print' });
      await page.goto(`/articles/${articleId}?q=Kremlin#p-${index}`);
      expect(await page.locator('.passage-tools').first().isVisible()).toBe(false);
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      expect(await page.locator(`#p-${index} .anchor`).isVisible()).toBe(true);
      expect(await page.locator('.print-only').innerText()).toContain(
        fixture().portal.url(`/articles/${articleId}`),
      );
    });

    it('follows a passage into the original article with a text fragment', async () => {
      const page = await fixture().open();
      await page.goto(`/articles/${WITH_SOURCE.id}`);
      const link = page.locator('#p-2 + .passage-tools .original-link');
      const href = (await link.getAttribute('href')) ?? '';
      const [address, fragment] = href.split('#:~:text=');
      expect(address).toBe('https://news.example/story?id=7');
      const [start, end] = (fragment ?? '').split(',').map((part) => decodeURIComponent(part));
      const text = WITH_SOURCE.passages[1]?.text ?? '';
      expect(text.startsWith(start ?? '-')).toBe(true);
      expect(text.replace(/\.$/, '').endsWith(end ?? '-')).toBe(true);
      // Not followed: the test must make no request outside the portal.
    });
  },
  { extraArticles: [WITH_SOURCE] },
);

async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.documentElement.dataset.sameDocument = 'yes';
  });
}
