/**
 * Any value of any search parameter, sent to the real portal: the answer is a 200 or a 400 that
 * says what is wrong, never a 5xx.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, type Portal } from './portal.js';

const PARAMETERS = ['q', 'country', 'agency', 'outlet', 'from', 'to', 'sort', 'page', 'per_page', 'format'];

/** Values near the valid ones (dates, numbers, sort orders) and anything at all. */
const nearlyValid = fc.constantFrom(
  '',
  ' ',
  '0',
  '1',
  '-1',
  '1e3',
  '0x10',
  '９',
  '999999999',
  '9999999999999999999999',
  'NaN',
  'Infinity',
  '2020-02-30',
  '2020-13-01',
  '0000-00-00',
  '2020-1-1',
  '2024-02-29',
  '9999-12-31',
  'relevance',
  'newest',
  'oldest',
  'RELEVANCE',
  'csv',
  'json',
  'xml',
  'Russia',
  '"',
  '\\"',
  'a" OR "b',
  'country = "x" OR 1=1',
  "'; DROP TABLE passages; --",
  '<script>alert(1)</script>',
  'NEAR(a b)',
  '*',
  '\u0000',
  '\r\nSet-Cookie: x=1',
);
const value = fc.oneof(
  nearlyValid,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary-ascii', maxLength: 2000 }),
);

/** A query string: each parameter absent, once, or repeated (Express then reads an array). */
const queryString = fc
  .array(fc.tuple(fc.constantFrom(...PARAMETERS), value), { maxLength: 8 })
  .map((pairs) => new URLSearchParams(pairs).toString());

/** Query strings typed by hand: stray `%`, broken UTF-8 escapes, `&` and `=` in odd places. */
const rawQueryString = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ...PARAMETERS.map((name) => `${name}=`),
        '&',
        '=',
        '%',
        '%2',
        '%zz',
        '%E0%A4',
        '%FF',
        '%C0%AF',
        '%00',
        '+',
        '[]',
        '[0]',
      ),
      fc.string({ unit: fc.constantFrom(..."abcXYZ019-_.~!$'()*,;:@/?".split('')), maxLength: 6 }),
    ),
    { maxLength: 30 },
  )
  .map((pieces) => pieces.join(''));

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal.close();
});

async function expectClearAnswer(
  path: string,
  json: boolean,
  headers: Record<string, string> = {},
): Promise<void> {
  const response = await portal.get(path, headers);
  const body = await response.text();
  expect([200, 400], `${path} → ${response.status}: ${body.slice(0, 300)}`).toContain(response.status);
  if (response.status === 400) {
    if (json) {
      const { error } = JSON.parse(body) as { error: unknown };
      expect(typeof error === 'string' && error.length > 0, `${path}: ${body}`).toBe(true);
    } else {
      expect(body, path).toContain('That search could not be run');
    }
  }
}

const RUNS = { numRuns: 150 };

describe('any value of any parameter', () => {
  it('gets a 200 or a 400 with a JSON error from the search API', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(queryString, rawQueryString), async (query) => {
        await expectClearAnswer(`/api/search?${query}`, true);
      }),
      RUNS,
    );
  });

  it('gets a 200 or a 400 with a JSON error from the export', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(queryString, rawQueryString),
        fc.constantFrom('csv', 'json'),
        async (query, format) => {
          await expectClearAnswer(`/api/export?format=${format}&${query}`, true);
          await expectClearAnswer(`/api/export?${query}`, true);
        },
      ),
      { numRuns: 75 },
    );
  });

  it('gets a 200 or a 400 error page from the search page and its htmx partial', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(queryString, rawQueryString), async (query) => {
        await expectClearAnswer(`/search?${query}`, false);
        await expectClearAnswer(`/search?${query}`, false, { 'HX-Request': 'true' });
      }),
      RUNS,
    );
  });
});
