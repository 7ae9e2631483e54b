/** The embedded engine's own quote ordering (which quotes match is the contract's business). */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteEngine } from '../../engine/engines/sqlite.js';
import type { SearchEngine } from '../../engine/types.js';
import { QUOTE_ORDERING_FIXTURES, quoteRequest } from './fixtures.js';

let dir = '';
let engine: SearchEngine;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sqlite-quotes-test-'));
  engine = await openSqliteEngine({ dataDir: dir });
  const build = await engine.beginBuild({ corpusFingerprint: 'quotes' });
  await build.add(QUOTE_ORDERING_FIXTURES);
  await build.commit();
});

afterAll(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

const groups = async (q: string) => (await engine.searchQuotes(quoteRequest(q))).hits.map((hit) => hit.group);

describe('sqlite quote ordering', () => {
  it('lists statements most recently reported first without a query, undated last', async () => {
    expect(await groups('')).toEqual(['new#q0', 'middle#q1', 'shared#q0', 'old#q0', 'undated#q0']);
  });

  it("ranks a quote whose words match above one that matches only by its speaker's name", async () => {
    const ranked = await groups('yellen');
    expect(ranked.slice(0, 2).sort()).toEqual(['middle#q1', 'undated#q0']);
    // The rest match only by name: the most reported statement first, then the newest.
    expect(ranked.slice(2)).toEqual(['shared#q0', 'new#q0', 'old#q0']);
  });
});
