import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { searchApi } from '../server/portal.js';
import { describeInBrowser } from './browser.js';

/** The results region's summary line, as a person reads it (without the time it took). */
const resultCount = async (page: Page) =>
  (await page.locator('.result-count').innerText()).replace(/\s*\([\d.]+ ms\)/, '');

/** Marks the document so a test can tell whether the page was reloaded since. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.documentElement.dataset.sameDocument = 'yes';
  });
}
const isSameDocument = (page: Page) =>
  page.evaluate(() => document.documentElement.dataset.sameDocument === 'yes');

/** Waits until the address bar shows `params` (and the swap that pushed it has settled). */
async function waitForUrl(page: Page, params: Record<string, string>): Promise<void> {
  await page.waitForURL((url) =>
    Object.entries(params).every(([name, value]) => url.searchParams.get(name) === value),
  );
  await page.waitForFunction(() => !document.querySelector('#search-form.htmx-request'));
}

describeInBrowser('searching', (fixture) => {
  it('types a query and sees highlighted passages without a reload', async () => {
    const page = await fixture().open();
    await page.goto('/');
    await markDocument(page);
    await page.locator('#q').pressSequentially('Kremlin', { delay: 30 });
    await waitForUrl(page, { q: 'Kremlin' });
    await page.locator('.passage-text mark').first().waitFor();
    expect((await page.locator('.passage-text mark').first().innerText()).toLowerCase()).toBe('kremlin');
    expect(await isSameDocument(page)).toBe(true);
    const { totalArticles } = await searchApi(fixture().portal, 'q=Kremlin');
    expect(await resultCount(page)).toContain(`${totalArticles} article`);
    // The typing stays in the box, with the caret where it was.
    expect(await page.locator('#q').inputValue()).toBe('Kremlin');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
  });

  it('hears the number of results announced after each search', async () => {
    const page = await fixture().open();
    await page.goto('/');
    await page.locator('#q').fill('Ratcliffe');
    await waitForUrl(page, { q: 'Ratcliffe' });
    const { totalArticles } = await searchApi(fixture().portal, 'q=Ratcliffe');
    const status = page.locator('[role="status"]#search-status');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    expect(await status.textContent()).toBe(`${totalArticles} articles for Ratcliffe`);
  });

  it('sees that results are loading while a search is slow', async () => {
    const page = await fixture().open();
    await page.goto('/');
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname === '/search',
      async (route) => {
        await released;
        await route.continue();
      },
    );
    await page.locator('#q').fill('Kremlin');
    const indicator = page.locator('.loading');
    await indicator.waitFor({ state: 'visible' });
    expect(await page.locator('#results-area').getAttribute('aria-busy')).toBe('true');
    release();
    await waitForUrl(page, { q: 'Kremlin' });
    await indicator.waitFor({ state: 'hidden' });
    expect(await page.locator('#results-area').getAttribute('aria-busy')).toBeNull();
  });

  it('toggles a country and sees counts change', async () => {
    const { portal } = fixture();
    const before = await searchApi(portal, '');
    const [country] = Object.keys(before.facets.country);
    if (!country) throw new Error('the corpus has no accused country to filter on');
    const after = await searchApi(portal, `country=${encodeURIComponent(country)}`);

    const page = await fixture().open();
    await page.goto('/');
    await markDocument(page);
    expect(await resultCount(page)).toContain(`${before.totalArticles} articles`);
    await page.getByRole('checkbox', { name: new RegExp(`^${country}\\b`) }).check();
    await waitForUrl(page, { country });
    expect(await resultCount(page)).toContain(`${after.totalArticles} article`);
    // Agency counts now count only the filtered articles.
    for (const [agency, count] of Object.entries(after.facets.agency)) {
      const row = page.locator('[data-facet="agency"] .facet-value', { hasText: agency });
      expect(await row.locator('.facet-count').innerText()).toContain(String(count));
    }
    expect(await isSameDocument(page)).toBe(true);
    // Focus stays on the checkbox that was toggled, so the keyboard user keeps their place.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe(
      country,
    );
  });

  it('presses Back and gets the previous results, and Forward to return', async () => {
    const page = await fixture().open();
    await page.goto('/');
    await page.locator('#q').fill('Kremlin');
    await waitForUrl(page, { q: 'Kremlin' });
    const kremlin = await resultCount(page);
    // A pause in typing, then a new search: a history entry of its own.
    await page.waitForTimeout(2100);
    await page.locator('#q').fill('sanctions');
    await waitForUrl(page, { q: 'sanctions' });
    const sanctions = await resultCount(page);
    expect(sanctions).not.toBe(kremlin);

    await page.goBack();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'Kremlin');
    await page.locator('.result-count', { hasText: 'Kremlin' }).waitFor();
    expect(await resultCount(page)).toBe(kremlin);
    expect(await page.locator('#q').inputValue()).toBe('Kremlin');

    await page.goForward();
    await page.locator('.result-count', { hasText: 'sanctions' }).waitFor();
    expect(await page.locator('#q').inputValue()).toBe('sanctions');
  });

  it('keeps one history entry while typing a word letter by letter', async () => {
    const page = await fixture().open();
    await page.goto('/');
    const startLength = await page.evaluate(() => history.length);
    await page.locator('#q').pressSequentially('Kre', { delay: 400 });
    await page.locator('#q').pressSequentially('mlin', { delay: 400 });
    await waitForUrl(page, { q: 'Kremlin' });
    expect(await page.evaluate(() => history.length)).toBe(startLength + 1);
  });

  it('clicks a year bar, sees the months of that year, and the date inputs follow', async () => {
    const { portal } = fixture();
    const all = await searchApi(portal, '');
    const [year, count] = Object.entries(all.facets.year).sort(([, a], [, b]) => b - a)[0] ?? [];
    if (!year) throw new Error('no dated article in the corpus');
    const page = await fixture().open();
    await page.goto('/');
    await page.locator('.histogram-years a.bar', { hasText: year }).click();
    await waitForUrl(page, { from: `${year}-01-01`, to: `${year}-12-31` });
    expect(await page.locator('#from').inputValue()).toBe(`${year}-01-01`);
    expect(await page.locator('#to').inputValue()).toBe(`${year}-12-31`);
    expect(await resultCount(page)).toContain(`${count} article`);
    const monthBars = page.locator('.histogram-months .bar');
    expect(await monthBars.count()).toBe(12);

    // A month bar narrows to that month; the inputs and the count follow.
    const month = page.locator('.histogram-months a.bar').first();
    const monthTitle = (await month.getAttribute('title')) ?? '';
    await month.click();
    await page.waitForURL((url) => {
      const [from, to] = [url.searchParams.get('from') ?? '', url.searchParams.get('to') ?? ''];
      return from.slice(0, 7) === to.slice(0, 7);
    });
    await page.waitForFunction(() => !document.querySelector('#search-form.htmx-request'));
    const from = await page.locator('#from').inputValue();
    const to = await page.locator('#to').inputValue();
    expect(from.slice(0, 7)).toBe(to.slice(0, 7));
    const inMonth = await searchApi(portal, `from=${from}&to=${to}`);
    expect(await resultCount(page)).toContain(`${inMonth.totalArticles} article`);
    expect(monthTitle).toContain(`${inMonth.totalArticles} article`);

    // Typing a date range moves the highlighted bar: the inputs and the bars are one state.
    await page.locator('#from').fill(`${year}-01-01`);
    await page.locator('#to').fill(`${year}-12-31`);
    await waitForUrl(page, { from: `${year}-01-01`, to: `${year}-12-31` });
    expect(await page.locator('.histogram-years a.bar.active').innerText()).toContain(year);
  });

  it('pages through results without losing the filters', async () => {
    const { portal } = fixture();
    const all = await searchApi(portal, 'per_page=1');
    const [country] = Object.entries(all.facets.country).find(([, n]) => n > 1) ?? [];
    if (!country) throw new Error('no country with two articles to page through');
    const page = await fixture().open();
    await page.goto(`/search?country=${encodeURIComponent(country)}&per_page=1`);
    await page.getByRole('link', { name: /Next/ }).click();
    await waitForUrl(page, { country, page: '2', per_page: '1' });
    expect(await page.locator('.pagination').innerText()).toContain('Page 2 of');
    expect(await page.locator(`[data-facet="country"] input[value="${country}"]`).isChecked()).toBe(true);
  });

  it('sees what to change when nothing matches', async () => {
    const page = await fixture().open();
    const [country] = Object.keys((await searchApi(fixture().portal, '')).facets.country);
    await page.goto(
      `/search?q=${encodeURIComponent('Kremlin zebracorn')}&country=${encodeURIComponent(country ?? '')}`,
    );
    expect(await resultCount(page)).toContain('No articles match');
    const dropWord = page.getByRole('link', { name: /without\W+zebracorn/ });
    await dropWord.click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'Kremlin');
    expect(await resultCount(page)).not.toContain('No articles match');
  });

  it('presses / to jump to the search box from anywhere on the page', async () => {
    const page = await fixture().open();
    await page.goto('/search?q=Kremlin');
    await page.locator('.hit-title a').first().focus();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    // Typing a slash into the box itself still types it.
    await page.keyboard.type('/x');
    expect(await page.locator('#q').inputValue()).toBe('/x');
  });

  it('comes back from an article to the same results', async () => {
    const page = await fixture().open();
    await page.goto('/');
    await page.locator('#q').fill('Ratcliffe');
    await waitForUrl(page, { q: 'Ratcliffe' });
    const count = await resultCount(page);
    await page.locator('.passage-link').first().click();
    await page.waitForURL(/\/articles\//);
    await page.getByRole('link', { name: 'Back to results' }).click();
    await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === 'Ratcliffe');
    await page.locator('.result-count').waitFor();
    // A full page (not the htmx fragment a browser cache might hand back), with the same results.
    expect(await page.locator('header.site-header').count()).toBe(1);
    expect(await resultCount(page)).toBe(count);
    expect(await page.locator('#q').inputValue()).toBe('Ratcliffe');
  });
});
