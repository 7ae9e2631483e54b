/**
 * Screenshots for the README: the search, article and quotes pages at desktop and phone widths, light and
 * dark, taken from the real portal over the bundled corpus. Run with `npm run screenshots`; writes
 * docs/screenshots/*.png.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { searchApi, startPortal } from '../server/portal.js';
import { launchChromium } from './browser.js';

const outDir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

const VIEWPORTS = {
  desktop: { width: 1280, height: 860 },
  phone: { width: 390, height: 844 },
} as const;
/** Phones have touch and no hover, which the stylesheet follows (passage tools always shown). */
const DEVICE_OPTIONS = { desktop: {}, phone: { isMobile: true, hasTouch: true } } as const;
const SCHEMES = ['light', 'dark'] as const;

async function main(): Promise<void> {
  const portal = await startPortal();
  const browser = await launchChromium();
  try {
    const passage = (await searchApi(portal, 'q=Ratcliffe')).hits[1]?.passages[0];
    if (!passage) throw new Error('nothing matches Ratcliffe');
    const [path, anchor] = passage.link.split('#');
    const pages = {
      search: '/search?q=Ratcliffe',
      'search-year': '/search?q=Iran&from=2020-01-01&to=2020-12-31',
      article: `${path}?q=Ratcliffe#${anchor}`,
      quotes: '/quotes?q=iran&speaker=John%20Ratcliffe',
    };
    await mkdir(outDir, { recursive: true });
    for (const [name, url] of Object.entries(pages)) {
      for (const [device, viewport] of Object.entries(VIEWPORTS)) {
        for (const colorScheme of SCHEMES) {
          if (name === 'search-year' && (device === 'phone' || colorScheme === 'dark')) continue;
          const context = await browser.newContext({
            viewport,
            colorScheme,
            deviceScaleFactor: 1,
            ...DEVICE_OPTIONS[device as keyof typeof VIEWPORTS],
          });
          const page = await context.newPage();
          await page.goto(portal.url(url));
          // The timing in the result count changes on every run; hide it so screenshots only change with the UI.
          // (Through the CSSOM: the CSP rightly refuses an injected <style>.)
          await page.evaluate(() => {
            for (const took of document.querySelectorAll<HTMLElement>('.took'))
              took.style.visibility = 'hidden';
          });
          const file = `${outDir}${name}-${device}-${colorScheme}.png`;
          await page.screenshot({ path: file, fullPage: name === 'search-year' });
          console.log(`wrote ${file}`);
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    await portal.close();
  }
}

await main();
