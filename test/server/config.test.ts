import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../engine/config.js';
import { ConfigError } from '../../engine/errors.js';

describe('loadConfig', () => {
  it('needs no settings: the embedded engine on the bundled corpus at port 3000', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: 'localhost',
      corpusDir: path.resolve('corpus'),
      dataDir: path.resolve('data'),
      engine: 'sqlite',
      meili: { url: null, apiKey: null },
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', SEARCH_ENGINE: '' }).port).toBe(3000);
  });

  it('lists every invalid variable in one error', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', SEARCH_ENGINE: 'elastic', MEILI_URL: 'not a url' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT[\s\S]*SEARCH_ENGINE[\s\S]*MEILI_URL/);
  });

  it('requires MEILI_URL for the meilisearch engine', () => {
    expect(() => loadConfig({ SEARCH_ENGINE: 'meilisearch' })).toThrow(/MEILI_URL is required/);
  });
});
