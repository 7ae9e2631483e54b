import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { describeInBrowser } from './browser.js';

describeInBrowser('exporting', (fixture) => {
  it('exports CSV of every matching passage from the results page', async () => {
    const page = await fixture().open({ acceptDownloads: true });
    await page.goto('/search?q=Ratcliffe');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^interference-search-.+\.csv$/);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    const expected = await (await fixture().portal.get('/api/export?q=Ratcliffe&format=csv')).text();
    // The same file as the API gives, bar the export time.
    const withoutTime = (text: string) => text.replace(/^\uFEFF/, '').replace(/^# exported: .*$/m, '');
    expect(withoutTime(csv)).toBe(withoutTime(expected));
    expect(csv).toContain('# query: Ratcliffe');
    expect(csv).toMatch(/# complete: \d+ passages/);
  });

  it('exports JSON with the filters chosen on the page', async () => {
    const page = await fixture().open({ acceptDownloads: true });
    await page.goto('/search?q=Iran');
    await page.locator('[data-facet="country"] input').first().check();
    await page.waitForURL(/country=/);
    const country = new URL(page.url()).searchParams.get('country');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'JSON', exact: true }).click(),
    ]);
    const body = JSON.parse(await readFile((await download.path()) ?? '', 'utf8')) as {
      export: { filters: { country: string[] } };
      complete: boolean;
    };
    expect(body.export.filters.country).toEqual([country]);
    expect(body.complete).toBe(true);
  });
});
