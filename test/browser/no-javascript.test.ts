import { expect, it } from 'vitest';
import { searchApi } from '../server/portal.js';
import { describeInBrowser } from './browser.js';

describeInBrowser('without JavaScript', (fixture) => {
  it('uses the page with JavaScript disabled: search, filter, open a passage, cite it', async () => {
    const { portal } = fixture();
    const page = await fixture().open({ javaScriptEnabled: false });
    await page.goto('/');
    await page.locator('#q').fill('Ratcliffe');
    await Promise.all([page.waitForURL(/q=Ratcliffe/), page.locator('#q').press('Enter')]);
    const all = await searchApi(portal, 'q=Ratcliffe');
    expect(await page.locator('.result-count').innerText()).toContain(`${all.totalArticles} articles`);
    expect(await page.locator('.passage-text mark').count()).toBeGreaterThan(0);

    // Filters apply with the button that only shows without JavaScript.
    const [country] = Object.keys(all.facets.country);
    if (!country) throw new Error('no country among the Ratcliffe results');
    const filtered = await searchApi(portal, `q=Ratcliffe&country=${encodeURIComponent(country)}`);
    await page.getByRole('checkbox', { name: new RegExp(`^${country}\\b`) }).check();
    await Promise.all([
      page.waitForURL(/country=/),
      page.getByRole('button', { name: 'Apply filters' }).click(),
    ]);
    expect(await page.locator('.result-count').innerText()).toContain(`${filtered.totalArticles} article`);

    // Copy buttons need a script, so they stay hidden; the links work.
    expect(await page.locator('.copy-link').first().isVisible()).toBe(false);
    const passageLink = page.locator('.passage-link').first();
    const href = (await passageLink.getAttribute('href')) ?? '';
    await Promise.all([page.waitForURL(/\/articles\//), passageLink.click()]);
    const anchor = href.slice(href.indexOf('#') + 1);
    expect(await page.locator(`#${anchor}`).evaluate((element) => element.matches(':target'))).toBe(true);
    await Promise.all([
      page.waitForURL(/\/cite$/),
      page.locator(`#${anchor} + .passage-tools .cite-link`).click(),
    ]);
    expect(await page.locator('.citation-apa').innerText()).toContain('(20');
  });

  it('filters by year from the histogram without JavaScript', async () => {
    const page = await fixture().open({ javaScriptEnabled: false });
    await page.goto('/');
    const bar = page.locator('.histogram-years a.bar').first();
    const year = (await bar.getAttribute('title'))?.slice(0, 4) ?? '';
    await Promise.all([page.waitForURL(/from=/), bar.click()]);
    expect(await page.locator('#from').inputValue()).toBe(`${year}-01-01`);
    expect(await page.locator('#to').inputValue()).toBe(`${year}-12-31`);
  });
});

describeInBrowser('outside requests', (fixture) => {
  it('makes no request outside the portal, through search, filters, an article and a citation', async () => {
    const page = await fixture().open();
    const seen: string[] = [];
    page.on('request', (request) => seen.push(request.url()));
    await page.goto('/');
    await page.locator('#q').fill('Kremlin');
    await page.waitForURL(/q=Kremlin/);
    await page.locator('[data-facet="country"] input').first().check();
    await page.waitForURL(/country=/);
    await page.locator('.passage-link').first().click();
    await page.waitForURL(/\/articles\//);
    await page.locator('.passage-tools .cite-link').first().click();
    await page.locator('.cite-panel').waitFor();
    const origin = new URL(fixture().portal.url('/')).origin;
    // Scripts, styles, the icon and every htmx request were made, all to the portal.
    for (const asset of ['/assets/htmx.min.js', '/assets/app.js', '/assets/style.css'])
      expect(seen).toContain(`${origin}${asset}`);
    expect(seen.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
  });
});
