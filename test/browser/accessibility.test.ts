import { expect, it } from 'vitest';
import { AUDITED_PAGES, seriousViolations } from './axe.js';
import { describeInBrowser } from './browser.js';

const VIEWS = [
  { name: 'desktop, light', viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
  { name: 'phone, dark', viewport: { width: 390, height: 844 }, colorScheme: 'dark' },
] as const;

describeInBrowser('accessibility', (fixture) => {
  for (const audited of AUDITED_PAGES) {
    for (const view of VIEWS) {
      it(`finds no serious or critical axe violation on the ${audited.name} page (${view.name})`, async () => {
        const page = await fixture().open({ viewport: view.viewport, colorScheme: view.colorScheme });
        await page.goto(await audited.path(fixture().portal));
        expect(await seriousViolations(page)).toEqual([]);
      });
    }
  }

  it('reaches results and filters with the keyboard alone, with a visible focus', async () => {
    const page = await fixture().open();
    await page.goto('/search?q=Kremlin');
    const focusedOutline = () =>
      page.evaluate(() => {
        const element = document.activeElement;
        return element ? getComputedStyle(element).outlineStyle : 'none';
      });
    // Skip link first, then the search box.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    let reachedResult = false;
    let reachedCheckbox = false;
    for (let i = 0; i < 40 && !(reachedResult && reachedCheckbox); i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => ({
        checkbox: (document.activeElement as HTMLInputElement | null)?.type === 'checkbox',
        result: !!document.activeElement?.closest('.hit-title'),
      }));
      if (info.checkbox || info.result) expect(await focusedOutline()).not.toBe('none');
      reachedResult ||= info.result;
      reachedCheckbox ||= info.checkbox;
    }
    expect(reachedCheckbox).toBe(true);
    expect(reachedResult).toBe(true);
  });

  it('labels every control and marks the page regions', async () => {
    const page = await fixture().open();
    await page.goto('/search?q=Kremlin');
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, button')]
        .filter((control) => !(control as HTMLElement).hidden)
        .filter((control) => {
          const input = control as HTMLInputElement;
          const byLabel = input.labels && input.labels.length > 0;
          return !byLabel && !control.getAttribute('aria-label') && !control.textContent?.trim();
        })
        .map((control) => control.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    for (const landmark of ['banner', 'main', 'contentinfo', 'search'] as const)
      expect(await page.getByRole(landmark).count(), landmark).toBeGreaterThan(0);
    expect(await page.getByRole('region', { name: 'Filters' }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Results' }).count()).toBe(1);
  });
});
