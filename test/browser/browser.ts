// Callbacks passed to page.evaluate run in the browser: they need the DOM's types. (This reaches the
// whole program's type check; server code cannot use them at run time anyway, Node has no document.)
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The real portal (in-process, ephemeral port, bundled corpus) driven by Debian's Chromium through
 * playwright-core. Never downloads a browser: CI installs `chromium` with apt.
 *
 * Without Chromium the suites FAIL with a message saying how to install it; `SKIP_BROWSER_TESTS=1`
 * skips them instead, and says so.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import type { Article } from '../../engine/types.js';
import { startPortal, type Portal } from '../server/portal.js';

/** Launch flags for a headless Chromium that talks to nobody but the portal. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How long one browser action or wait may take; the test itself may take 20 s (vitest.config.ts). */
const ACTION_TIMEOUT_MS = 8_000;

export const SKIP_REASON = process.env.SKIP_BROWSER_TESTS === '1' ? 'SKIP_BROWSER_TESTS=1 is set' : null;

/** The Chromium on PATH (`command -v chromium`), or null. */
export function findChromium(): string | null {
  try {
    const found = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
    return found || null;
  } catch {
    return null;
  }
}

export function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(
      'The browser tests need Chromium, and none is on PATH. Install it (Debian/Ubuntu: apt-get install -y chromium) ' +
        'or set SKIP_BROWSER_TESTS=1 to skip these tests.',
    );
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export interface BrowserFixture {
  portal: Portal;
  browser: Browser;
  /** A fresh context and page; every request and console error it makes is recorded. */
  open: (options?: BrowserContextOptions) => Promise<Page>;
  /** Requests to anything but the portal's origin, across every page opened (should stay empty). */
  outsideRequests: string[];
  /** Console errors and uncaught exceptions (CSP violations are reported here too). */
  pageErrors: string[];
}

/**
 * Declares a suite that runs against one portal and one browser, checking after each test that no
 * page made an outside request or logged an error. Skipped (with the reason printed) under
 * SKIP_BROWSER_TESTS=1; without Chromium, every test fails with the install hint.
 */
export function describeInBrowser(
  name: string,
  body: (fixture: () => BrowserFixture) => void,
  options: { extraArticles?: readonly Article[] } = {},
): void {
  if (SKIP_REASON) {
    console.warn(`Skipping browser suite "${name}": ${SKIP_REASON}.`);
    describe.skip(`${name} (skipped: ${SKIP_REASON})`, () => body(() => unreachable()));
    return;
  }
  describe(name, () => {
    let fixture: BrowserFixture | null = null;
    const contexts: BrowserContext[] = [];

    beforeAll(async () => {
      const browser = await launchChromium();
      const portal = await startPortal({ extraArticles: options.extraArticles ?? [] });
      const origin = new URL(portal.url('/')).origin;
      const outsideRequests: string[] = [];
      const pageErrors: string[] = [];
      const open = async (contextOptions: BrowserContextOptions = {}) => {
        const context = await browser.newContext({ baseURL: origin, ...contextOptions });
        contexts.push(context);
        context.on('request', (request) => {
          const url = request.url();
          if (!url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'))
            outsideRequests.push(url);
        });
        const page = await context.newPage();
        // Below the test timeout, so a wait that never ends names itself instead of timing out the test.
        page.setDefaultTimeout(ACTION_TIMEOUT_MS);
        page.on('console', (message) => {
          if (message.type() === 'error') pageErrors.push(`${page.url()}: ${message.text()}`);
        });
        page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
        return page;
      };
      fixture = { portal, browser, open, outsideRequests, pageErrors };
    });

    afterEach(async () => {
      await Promise.all(contexts.splice(0).map((context) => context.close()));
      if (!fixture) return;
      // Emptied before checking, so one test's failure is not reported again by the next one.
      const outside = fixture.outsideRequests.splice(0);
      const errors = fixture.pageErrors.splice(0);
      expect(outside, 'requests outside the portal').toEqual([]);
      expect(errors, 'console errors (CSP violations included)').toEqual([]);
    });

    afterAll(async () => {
      await fixture?.browser.close();
      await fixture?.portal.close();
    });

    body(() => fixture ?? unreachable());
  });
}

function unreachable(): never {
  throw new Error('the browser fixture is not ready (did beforeAll fail?)');
}

/**
 * Waits for the next htmx swap to settle. Call before the action that triggers it:
 * `const settled = nextSwap(page); await page.click(...); await settled;`
 */
export function nextSwap(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        document.body.addEventListener('htmx:afterSettle', () => resolve(), { once: true });
      }),
  );
}
