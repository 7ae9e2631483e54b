import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchApi, startPortal, type Portal } from './portal.js';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal.close();
});

async function pages(): Promise<string[]> {
  const link = (await searchApi(portal, 'q=Kremlin')).hits[0]?.passages[0]?.link ?? '';
  return [
    '/',
    '/search?q=Kremlin',
    '/search?q=zebracorn',
    link,
    link.replace(/#p-(\d+)$/, '/passages/$1/cite'),
    '/nope',
  ];
}

describe('Content-Security-Policy', () => {
  it("allows only the portal itself, with no 'unsafe-inline' and no 'unsafe-eval'", async () => {
    const csp = (await portal.get('/')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('sends the policy with the JSON API and error pages too', async () => {
    for (const path of ['/api/search?q=Iran', '/nope', '/search?from=bad']) {
      expect((await portal.get(path)).headers.get('content-security-policy'), path).toContain(
        "default-src 'self'",
      );
    }
  });

  it('serves pages with no inline script, no inline style, no hx-on handler and nothing from another host', async () => {
    for (const path of await pages()) {
      const html = await (await portal.get(path)).text();
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, path).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=|hx-on/i);
      expect(html, path).not.toMatch(/(src|href|action)="(https?:)?\/\//);
    }
  });

  it('configures htmx to need neither eval nor injected styles', async () => {
    const html = await (await portal.get('/')).text();
    const config = JSON.parse(html.match(/name="htmx-config" content='([^']+)'/)?.[1] ?? '{}') as Record<
      string,
      unknown
    >;
    expect(config).toMatchObject({ allowEval: false, includeIndicatorStyles: false, allowScriptTags: false });
  });

  it('serves every script and style the pages use', async () => {
    for (const asset of ['/assets/htmx.min.js', '/assets/app.js', '/assets/style.css', '/assets/favicon.svg'])
      expect((await portal.get(asset)).status, asset).toBe(200);
  });
});
