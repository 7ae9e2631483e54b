/**
 * axe-core, read from node_modules and evaluated in the page by Playwright (no CDN, and no inline
 * <script>, which the portal's CSP would rightly refuse).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import type { Portal } from '../server/portal.js';
import { searchApi } from '../server/portal.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A page the accessibility suite checks: its path, or how to find one from the portal's data. */
export interface AuditedPage {
  name: string;
  path: (portal: Portal) => Promise<string>;
}

/** Every page that must pass axe. Adding a page is one line here. */
export const AUDITED_PAGES: AuditedPage[] = [
  { name: 'search (landing)', path: async () => '/' },
  { name: 'search results', path: async () => '/search?q=Kremlin' },
  { name: 'search with nothing found', path: async () => '/search?q=zebracorn&country=Iran' },
  { name: 'search for one year', path: async (portal) => `/search?${yearRange(await firstYear(portal))}` },
  { name: 'article', path: async (portal) => await firstPassageLink(portal, 'Kremlin') },
  {
    name: 'citation',
    path: async (portal) =>
      `${(await firstPassageLink(portal, 'Kremlin')).replace(/#p-(\d+)$/, '/passages/$1/cite')}`,
  },
  { name: 'quotes (landing)', path: async () => '/quotes' },
  { name: 'quotes of one speaker', path: async () => '/quotes?q=iran&speaker=John%20Ratcliffe' },
  { name: 'quotes with nothing found', path: async () => '/quotes?speaker=ratcliffe' },
];

async function firstPassageLink(portal: Portal, q: string): Promise<string> {
  const passage = (await searchApi(portal, `q=${encodeURIComponent(q)}`)).hits[0]?.passages[0];
  if (!passage) throw new Error(`nothing matches ${q}`);
  return passage.link;
}

async function firstYear(portal: Portal): Promise<string> {
  const [year] = Object.keys((await searchApi(portal, '')).facets.year).sort();
  if (!year) throw new Error('no dated article');
  return year;
}

const yearRange = (year: string) => `from=${year}-01-01&to=${year}-12-31`;

/** Violations axe rates serious or critical, as readable lines (rule, impact, where). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } }).axe;
    return axe.run(document);
  });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.id} (${violation.impact}): ${node.target.join(' ')} — ${violation.help}`,
      ),
    );
}
