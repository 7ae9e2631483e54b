import { expect, it } from 'vitest';
import type { QuoteResult } from '../../server/quotes-view.js';
import type { Portal } from '../server/portal.js';
import { describeInBrowser } from './browser.js';

async function quotesApi(portal: Portal, query: string): Promise<QuoteResult> {
  return (await (await portal.get(`/api/quotes?${query}`)).json()) as QuoteResult;
}

describeInBrowser('quotes', (fixture) => {
  it("types a speaker's name and reads every quote of theirs, without a reload", async () => {
    const expected = await quotesApi(fixture().portal, 'speaker=John%20Ratcliffe&per_page=50');
    const page = await fixture().open();
    await page.goto('/quotes');
    await page.evaluate(() => ((window as unknown as { marker: boolean }).marker = true));
    await page.locator('#speaker-name').fill('John Ratcliffe');
    await page.locator('#speaker-name').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('speaker') === 'John Ratcliffe');
    await page.locator('.result-count', { hasText: 'by John Ratcliffe' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
    expect(await page.locator('.result-count strong').innerText()).toBe(String(expected.totalQuotes));
    const speakers = await page.locator('.quote-speaker .speaker-link').allInnerTexts();
    expect(new Set(speakers)).toEqual(new Set(['John Ratcliffe']));
    expect(await page.locator('input[name="speaker"][value="John Ratcliffe"]').isChecked()).toBe(true);
  });

  it('searches quotes as they type, opens the passage a quote comes from, and comes back', async () => {
    const page = await fixture().open({ viewport: { width: 1280, height: 700 } });
    await page.goto('/quotes');
    await page.locator('#q').pressSequentially('spoofed', { delay: 30 });
    await page.waitForURL((url) => url.searchParams.get('q') === 'spoofed');
    await page.locator('.quote-text mark').first().waitFor();
    expect(await page.locator('.quote-reach').first().innerText()).toContain('Quoted in 2 articles');
    const link = page.locator('.quote-reports a').first();
    const href = (await link.getAttribute('href')) ?? '';
    const index = /#p-(\d+)$/.exec(href)?.[1];
    await link.click();
    await page.waitForURL((url) => url.hash === `#p-${index}`);
    const passage = page.locator(`#p-${index}`);
    expect(await passage.evaluate((element) => element.matches(':target'))).toBe(true);
    expect((await passage.locator('mark').first().innerText()).toLowerCase()).toBe('spoofed');
    await page.locator('a[data-back]').click();
    await page.waitForURL((url) => url.pathname === '/quotes' && url.searchParams.get('q') === 'spoofed');
    await page.locator('.quote-text mark').first().waitFor();
  });

  it('ticks a speaker, sees the count change, and presses Back to untick it', async () => {
    const page = await fixture().open();
    await page.goto('/quotes');
    const before = await page.locator('.result-count strong').innerText();
    await page.locator('input[name="speaker"][value="Christopher Krebs"]').check();
    await page.waitForURL((url) => url.searchParams.get('speaker') === 'Christopher Krebs');
    await page.locator('.result-count', { hasText: 'by Christopher Krebs' }).waitFor();
    const after = await page.locator('.result-count strong').innerText();
    expect(Number(after)).toBeLessThan(Number(before));
    await page.goBack();
    await page.locator('.result-count', { hasText: before }).waitFor();
    expect(await page.locator('input[name="speaker"][value="Christopher Krebs"]').isChecked()).toBe(false);
  });

  it('reads the quotes of a speaker with JavaScript disabled', async () => {
    const page = await fixture().open({ javaScriptEnabled: false });
    await page.goto('/quotes');
    await page.locator('#speaker-name').fill('Christopher Krebs');
    await page.locator('#speaker-name').press('Enter');
    await page.waitForURL(
      (url) => url.pathname === '/quotes' && url.searchParams.get('speaker') === 'Christopher Krebs',
    );
    expect(await page.locator('.result-count').innerText()).toContain('by Christopher Krebs');
    expect(new Set(await page.locator('.quote-speaker .speaker-link').allInnerTexts())).toEqual(
      new Set(['Christopher Krebs']),
    );
  });
});
