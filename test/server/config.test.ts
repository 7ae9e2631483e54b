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
      maxArticleBytes: 1024 * 1024,
      engine: 'sqlite',
      meili: { url: null, apiKey: null, adminKey: null, index: 'passages' },
      limits: {
        rateLimit: { requests: 300, windowMs: 60_000 },
        searchTimeoutMs: 10_000,
        requestTimeoutMs: 15_000,
        shutdownGraceMs: 10_000,
        maxExportPassages: 100_000,
      },
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

  describe('Meilisearch keys and index', () => {
    const meili = { SEARCH_ENGINE: 'meilisearch', MEILI_URL: 'http://localhost:7700' };

    it('gives the portal the search key and the indexer the admin key', () => {
      const config = loadConfig({ ...meili, MEILI_API_KEY: 'search-key', MEILI_MASTER_KEY: 'master-key' });
      expect(config.meili).toEqual({
        url: 'http://localhost:7700',
        apiKey: 'search-key',
        adminKey: 'master-key',
        index: 'passages',
      });
    });

    it('prefers MEILI_ADMIN_KEY over the master key when both are set', () => {
      const config = loadConfig({ ...meili, MEILI_MASTER_KEY: 'master-key', MEILI_ADMIN_KEY: 'admin-key' });
      expect(config.meili.adminKey).toBe('admin-key');
    });

    it('treats empty keys as unset', () => {
      const config = loadConfig({ ...meili, MEILI_API_KEY: '', MEILI_MASTER_KEY: '', MEILI_ADMIN_KEY: '' });
      expect(config.meili).toMatchObject({ apiKey: null, adminKey: null });
    });

    it('refuses the master or admin key as the portal key', () => {
      expect(() => loadConfig({ ...meili, MEILI_API_KEY: 'same', MEILI_MASTER_KEY: 'same' })).toThrow(
        /MEILI_API_KEY must be a search-only key/,
      );
      expect(() => loadConfig({ ...meili, MEILI_API_KEY: 'same', MEILI_ADMIN_KEY: 'same' })).toThrow(
        /MEILI_API_KEY must be a search-only key/,
      );
    });

    it('takes MEILI_INDEX, defaulting to passages', () => {
      expect(loadConfig({ ...meili, MEILI_INDEX: 'news_2024-v2' }).meili.index).toBe('news_2024-v2');
      expect(loadConfig({ ...meili, MEILI_INDEX: '' }).meili.index).toBe('passages');
    });

    it.each([['news articles'], ['news/articles'], ['nouvelles-é'], ['x'.repeat(201)]])(
      'refuses MEILI_INDEX %j, which Meilisearch would not accept with our suffixes',
      (index) => {
        expect(() => loadConfig({ ...meili, MEILI_INDEX: index })).toThrow(/MEILI_INDEX/);
      },
    );

    it('lists a bad MEILI_INDEX together with the other problems', () => {
      const attempt = () => loadConfig({ PORT: 'eighty', MEILI_INDEX: 'a b' });
      expect(attempt).toThrow(/PORT[\s\S]*MEILI_INDEX/);
    });
  });

  describe('limits', () => {
    it('reads the rate limit, its window and the timeouts in seconds', () => {
      const { limits } = loadConfig({
        RATE_LIMIT_REQUESTS: '20',
        RATE_LIMIT_WINDOW_SECONDS: '10',
        SEARCH_TIMEOUT_SECONDS: '2.5',
        REQUEST_TIMEOUT_SECONDS: '5',
        SHUTDOWN_GRACE_SECONDS: '0',
        MAX_EXPORT_PASSAGES: '500',
      });
      expect(limits).toEqual({
        rateLimit: { requests: 20, windowMs: 10_000 },
        searchTimeoutMs: 2500,
        requestTimeoutMs: 5000,
        shutdownGraceMs: 0,
        maxExportPassages: 500,
      });
    });

    it('turns rate limiting off with RATE_LIMIT_REQUESTS=0', () => {
      expect(loadConfig({ RATE_LIMIT_REQUESTS: '0' }).limits.rateLimit).toBeNull();
    });

    it('names every bad limit in one error', () => {
      const attempt = () =>
        loadConfig({
          RATE_LIMIT_REQUESTS: '-1',
          RATE_LIMIT_WINDOW_SECONDS: '0',
          SEARCH_TIMEOUT_SECONDS: 'soon',
          REQUEST_TIMEOUT_SECONDS: '0',
          SHUTDOWN_GRACE_SECONDS: '-5',
        });
      expect(attempt).toThrow(
        /RATE_LIMIT_REQUESTS[\s\S]*RATE_LIMIT_WINDOW_SECONDS[\s\S]*SEARCH_TIMEOUT_SECONDS[\s\S]*REQUEST_TIMEOUT_SECONDS[\s\S]*SHUTDOWN_GRACE_SECONDS/,
      );
      expect(() => loadConfig({ RATE_LIMIT_REQUESTS: '1.5' })).toThrow(
        /RATE_LIMIT_REQUESTS must be a whole number/,
      );
      expect(() => loadConfig({ MAX_EXPORT_PASSAGES: '2000000' })).toThrow(
        /MAX_EXPORT_PASSAGES must be at most 1,000,000/,
      );
    });
  });
});
