/**
 * The behaviour every engine adapter must share, run against the real corpus (plus one article of
 * hostile markup). It checks WHICH articles and passages match and which facet counts come back;
 * ordering beyond "empty query = newest first" is each adapter's own test file's business.
 *
 * Expected results are computed from the loaded articles with `tokenize`, so the suite follows the
 * corpus as it grows; preconditions say so when the corpus no longer has what a scenario needs.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequestError } from '../../engine/errors.js';
import { MAX_QUERY_TERMS } from '../../engine/query.js';
import { tokenize } from '../../engine/text.js';
import type {
  Article,
  FacetCounts,
  FacetName,
  QuoteSearchRequest,
  QuoteSearchResponse,
  SearchEngine,
  SearchFilters,
  SearchRequest,
  SearchResponse,
} from '../../engine/types.js';
import { FACET_NAMES } from '../../engine/types.js';
import { indexCorpus } from '../../indexer/index-corpus.js';
import { linkQuotesAcrossArticles } from '../../indexer/link-quotes.js';
import { loadCorpus } from '../../indexer/load-corpus.js';
import { HOSTILE_ARTICLE, HOSTILE_QUERIES, NO_FILTERS, quoteRequest, request } from './fixtures.js';

export const corpusDir = fileURLToPath(new URL('../../corpus', import.meta.url));

export interface EngineContractOptions {
  /** A fresh engine over an empty index. */
  create: () => Promise<SearchEngine>;
  /** Why the suite cannot run here (e.g. `MEILI_URL is not set`); the suite is then skipped. */
  skip?: string;
}

type Tokens = readonly string[];

function containsSequence(tokens: Tokens, sequence: Tokens): boolean {
  outer: for (let i = 0; i + sequence.length <= tokens.length; i++) {
    for (let j = 0; j < sequence.length; j++) if (tokens[i + j] !== sequence[j]) continue outer;
    return true;
  }
  return false;
}

const has = (word: string) => (tokens: Tokens) => tokens.includes(word);
const hasPrefix = (prefix: string) => (tokens: Tokens) => tokens.some((token) => token.startsWith(prefix));
const hasAny = (words: readonly string[]) => (tokens: Tokens) => words.some((word) => tokens.includes(word));
const hasPhrase = (phrase: string) => (tokens: Tokens) => containsSequence(tokens, tokenize(phrase));
const not = (test: (tokens: Tokens) => boolean) => (tokens: Tokens) => !test(tokens);
const both =
  (...tests: ((tokens: Tokens) => boolean)[]) =>
  (tokens: Tokens) =>
    tests.every((test) => test(tokens));

/** Marked text of a passage's HTML, as tokens. */
const markedTokens = (html: string): string[] =>
  [...html.matchAll(/<mark>(.*?)<\/mark>/g)].flatMap((match) => tokenize(match[1] ?? ''));

/** HTML with our own tags removed holds no markup at all. */
const isSafeHtml = (html: string): boolean => !/[<>]/.test(html.replace(/<\/?mark>/g, ''));

function facetValues(article: Article, facet: FacetName): string[] {
  switch (facet) {
    case 'country':
      return article.countries;
    case 'agency':
      return article.agencies;
    case 'outlet':
      return [article.outlet];
    case 'year':
      return article.published === null ? [] : [article.published.slice(0, 4)];
  }
}

/** Reference filtering; `ignore` names the facet whose own selection does not apply. */
function passes(article: Article, filters: SearchFilters, ignore: FacetName | null = null): boolean {
  const facetOk = (facet: 'country' | 'agency' | 'outlet') =>
    ignore === facet ||
    filters[facet].length === 0 ||
    facetValues(article, facet).some((value) => filters[facet].includes(value));
  const dateOk =
    ignore === 'year' ||
    (filters.from === null && filters.to === null) ||
    (article.published !== null &&
      (filters.from === null || article.published >= filters.from) &&
      (filters.to === null || article.published <= filters.to));
  return facetOk('country') && facetOk('agency') && facetOk('outlet') && dateOk;
}

/** Reference disjunctive counts over the articles that match the query. */
function expectedFacets(matching: readonly Article[], filters: SearchFilters): FacetCounts {
  const counts: FacetCounts = { country: {}, agency: {}, outlet: {}, year: {} };
  for (const facet of FACET_NAMES) {
    for (const article of matching.filter((candidate) => passes(candidate, filters, facet))) {
      for (const value of new Set(facetValues(article, facet)))
        counts[facet][value] = (counts[facet][value] ?? 0) + 1;
    }
  }
  return counts;
}

export function runEngineContract(name: string, { create, skip }: EngineContractOptions): void {
  describe.skipIf(!!skip)(skip ? `${name} (skipped: ${skip})` : name, () => {
    let engine: SearchEngine | undefined;
    let articles: Article[] = [];
    let fingerprint = '';

    beforeAll(async () => {
      const loaded = await loadCorpus(corpusDir);
      // As indexCorpus links them (one name per speaker, quote groups), so they compare as stored.
      articles = linkQuotesAcrossArticles([...loaded.articles, HOSTILE_ARTICLE]);
      fingerprint = loaded.fingerprint;
      engine = await create();
      await indexCorpus(engine, { articles, fingerprint });
    });

    afterAll(async () => {
      await engine?.close();
    });

    const theEngine = (): SearchEngine => {
      if (!engine) throw new Error('the engine was not created');
      return engine;
    };

    const search = (q: string, overrides: Partial<SearchRequest> = {}): Promise<SearchResponse> =>
      theEngine().search(request(q, overrides));

    /** Ids of every hit, over all pages, sorted. */
    async function hitIds(q: string, filters: SearchFilters = NO_FILTERS): Promise<string[]> {
      const ids: string[] = [];
      for (let page = 1; ; page++) {
        const response = await search(q, { filters, page, perPage: 50 });
        ids.push(...response.hits.map((hit) => hit.article.id));
        if (response.hits.length === 0 || ids.length >= response.totalArticles) break;
      }
      return ids.sort();
    }

    /** Articles with at least one passage whose tokens satisfy `test`. */
    const articlesWhere = (test: (tokens: Tokens) => boolean): Article[] =>
      articles.filter((article) => article.passages.some((passage) => test(tokenize(passage.text))));
    const idsWhere = (test: (tokens: Tokens) => boolean): string[] =>
      articlesWhere(test)
        .map((article) => article.id)
        .sort();
    const allIds = (): string[] => articles.map((article) => article.id).sort();

    describe('phrases', () => {
      const phrase = 'vote for trump or else';

      it.each([['"Vote for Trump or else"'], ['“Vote for Trump or else”'], ['„Vote for Trump or else“']])(
        'finds an exact quote typed as %s, with the quote marked',
        async (q) => {
          const expected = idsWhere(hasPhrase(phrase));
          expect(expected).toHaveLength(1);
          const response = await search(q);
          expect(response.hits.map((hit) => hit.article.id)).toEqual(expected);
          const marked = response.hits[0]?.passages.map((passage) => markedTokens(passage.html)) ?? [];
          expect(marked.some((tokens) => containsSequence(tokens, tokenize(phrase)))).toBe(true);
        },
      );

      it('does not match the words of a phrase when they are apart', async () => {
        expect(await hitIds('"trump vote"')).toEqual(idsWhere(hasPhrase('trump vote')));
      });
    });

    describe('words', () => {
      it('matches other forms of a word', async (ctx) => {
        ctx.skip(
          !theEngine().capabilities.wordForms,
          'the engine says it has no word forms (capabilities.wordForms)',
        );
        const forms = ['sanction', 'sanctions', 'sanctioned', 'sanctioning'];
        const expected = idsWhere(hasAny(forms));
        expect(expected.length).toBeGreaterThan(0);
        expect(await hitIds('sanction ')).toEqual(expected);
        expect(await hitIds('sanctioning ')).toEqual(expected);
      });

      it('requires every word in one passage, not just one article', async () => {
        const [a, b] = ['hastily', 'reuters'];
        const inOneArticle = articles.filter((article) =>
          [a, b].every((word) => article.passages.some((passage) => tokenize(passage.text).includes(word))),
        );
        expect(
          inOneArticle.length,
          `the corpus should have "${a}" and "${b}" in one article`,
        ).toBeGreaterThan(0);
        const expected = idsWhere(both(has(a), has(b)));
        expect(await hitIds(`${a} ${b} `)).toEqual(expected);
        for (const article of inOneArticle) expect(expected).not.toContain(article.id);
      });

      it('marks the matching words in every returned passage, at most 3 per article', async () => {
        const response = await search('iran ');
        expect(response.hits.length).toBeGreaterThan(0);
        for (const hit of response.hits) {
          expect(hit.passages.length).toBeGreaterThanOrEqual(1);
          expect(hit.passages.length).toBeLessThanOrEqual(3);
          const source = articles.find((article) => article.id === hit.article.id);
          for (const passage of hit.passages) {
            expect(markedTokens(passage.html)).toContain('iran');
            const original = source?.passages.find((candidate) => candidate.index === passage.index);
            expect(tokenize(original?.text ?? '')).toContain('iran');
            expect(passage.countries).toEqual(original?.countries);
            expect(passage.agencies).toEqual(original?.agencies);
          }
        }
      });
    });

    describe('typos', () => {
      it('tolerates one typo from 5 letters', async () => {
        const expected = idsWhere(has('kremlin'));
        expect(expected.length).toBeGreaterThan(0);
        expect(await hitIds('Kremlln ')).toEqual(expected);
        expect(await hitIds('Ratclife ')).toEqual(idsWhere(has('ratcliffe')));
      });

      it('tolerates two typos from 9 letters', async () => {
        expect(await hitIds('Ratcliifee ')).toEqual(idsWhere(has('ratcliffe')));
      });

      it('tolerates no typo under 5 letters', async () => {
        expect(await hitIds('Irab ')).toEqual([]);
      });

      it('refuses a typo on the first letter of a word under 9 letters', async () => {
        expect(await hitIds('Tremlin ')).toEqual([]);
      });

      it('marks the corrected word', async () => {
        const response = await search('Kremlln ');
        const marked = response.hits.flatMap((hit) =>
          hit.passages.flatMap((passage) => markedTokens(passage.html)),
        );
        expect(marked).toContain('kremlin');
      });
    });

    describe('prefixes', () => {
      it('completes the last word while it is being typed', async () => {
        const expected = idsWhere(hasPrefix('ratcl'));
        expect(expected.length).toBeGreaterThan(0);
        expect(await hitIds('Ratcl')).toEqual(expected);
      });

      it.each([['sanctio'], ['interfer'], ['elect'], ['electio']])(
        'finds every word starting with %s',
        async (prefix) => {
          const expected = idsWhere(hasPrefix(prefix));
          expect(expected.length).toBeGreaterThan(0);
          expect(await hitIds(prefix)).toEqual(expect.arrayContaining(expected));
        },
      );

      it('does not complete a word followed by a space', async () => {
        expect(await hitIds('Ratcl ')).toEqual([]);
      });
    });

    describe('negation', () => {
      it('excludes passages with a -word, per passage', async () => {
        const expected = idsWhere(both(has('ratcliffe'), not(has('kremlin'))));
        expect(expected.length).toBeGreaterThan(0);
        const withKremlin = idsWhere(has('kremlin'));
        expect(
          expected.some((id) => withKremlin.includes(id)),
          'some article mentions both, apart',
        ).toBe(true);
        expect(await hitIds('ratcliffe -kremlin')).toEqual(expected);
      });

      it('excludes passages with a -"phrase"', async () => {
        const expected = idsWhere(both(has('iran'), not(hasPhrase('proud boys'))));
        expect(await hitIds('iran -"proud boys"')).toEqual(expected);
      });

      it.each([['iran -kremlin -"proud boys"'], ['-kremlin iran -"proud boys"']])(
        'applies every exclusion wherever it is typed: %s',
        async (q) => {
          const excluded = (tokens: Tokens) => has('kremlin')(tokens) || hasPhrase('proud boys')(tokens);
          const matches = both(has('iran'), not(excluded));
          expect(
            articles.some((article) =>
              article.passages.some((p) => both(has('iran'), excluded)(tokenize(p.text))),
            ),
            'some passage with "iran" has an excluded word or phrase',
          ).toBe(true);
          expect(await hitIds(q)).toEqual(idsWhere(matches));
          const response = await search(q);
          for (const hit of response.hits) {
            const source = articles.find((article) => article.id === hit.article.id);
            for (const passage of hit.passages) {
              const original = source?.passages.find((candidate) => candidate.index === passage.index);
              expect(matches(tokenize(original?.text ?? ''))).toBe(true);
            }
          }
        },
      );

      it('finds every passage but the excluded ones for a negation-only query', async () => {
        const expected = idsWhere(not(has('iran')));
        expect(await hitIds('-iran')).toEqual(expected);
        const response = await search('-iran');
        for (const hit of response.hits)
          expect(hit.passages.every((passage) => !passage.html.includes('<mark>'))).toBe(true);
      });
    });

    describe('punctuation', () => {
      it('matches a word with inner punctuation and a phrase across a comma as across a space', async (ctx) => {
        ctx.skip(
          !theEngine().capabilities.phraseAcrossPunctuation,
          'the engine says its phrases stop at punctuation (capabilities.phraseAcrossPunctuation)',
        );
        const acrossComma = /\brepetitive, baseless\b/i;
        expect(
          articles.some((article) => article.passages.some((passage) => acrossComma.test(passage.text))),
          'the corpus should have "repetitive, baseless"',
        ).toBe(true);
        const usOfficials = idsWhere(hasPhrase('u s officials'));
        expect(usOfficials.length, 'the corpus should have "U.S. officials"').toBeGreaterThan(0);
        expect(await hitIds('U.S. ')).toEqual(idsWhere(hasPhrase('u s')));
        expect(await hitIds('"repetitive, baseless"')).toEqual(idsWhere(hasPhrase('repetitive baseless')));
        expect(await hitIds('"U.S. officials"')).toEqual(usOfficials);
      });
    });

    describe('filters and facets', () => {
      const russia: SearchFilters = { ...NO_FILTERS, country: ['Russia'] };

      it('filters by country', async () => {
        const expected = articles.filter((article) => passes(article, russia)).map((article) => article.id);
        expect(expected.length).toBeGreaterThan(0);
        expect(await hitIds('', russia)).toEqual(expected.sort());
      });

      it('ORs values within a facet and ANDs across facets', async () => {
        const either: SearchFilters = { ...NO_FILTERS, country: ['Russia', 'Iran'] };
        const russiaAndTreasury: SearchFilters = { ...russia, agency: ['Treasury'] };
        const expectedEither = articles
          .filter((article) => passes(article, either))
          .map((article) => article.id);
        const expectedBoth = articles
          .filter((article) => passes(article, russiaAndTreasury))
          .map((article) => article.id);
        expect(expectedEither.length).toBeGreaterThan(expectedBoth.length);
        expect(await hitIds('', either)).toEqual(expectedEither.sort());
        expect(await hitIds('', russiaAndTreasury)).toEqual(expectedBoth.sort());
      });

      it.each([
        ['', { ...NO_FILTERS }],
        ['', { ...NO_FILTERS, country: ['Russia'], agency: ['FBI'] }],
        ['', { ...NO_FILTERS, outlet: ['VOA', 'Sputnik'], from: '2020-10-01' }],
        ['ratcliffe ', { ...NO_FILTERS, country: ['Iran'] }],
        ['iran ', { ...NO_FILTERS, agency: ['Treasury'], to: '2020-12-31' }],
      ])('counts facets disjunctively for %j with %j', async (q, filters) => {
        const matching = q === '' ? articles : articlesWhere(has(q.trim()));
        const response = await search(q, { filters, perPage: 1 });
        expect(response.facets).toEqual(expectedFacets(matching, filters));
        expect(response.totalArticles).toBe(matching.filter((article) => passes(article, filters)).length);
      });

      it('filters by inclusive dates and drops undated articles', async () => {
        const range: SearchFilters = { ...NO_FILTERS, from: '2020-10-22', to: '2020-10-30' };
        const expected = articles.filter((article) => passes(article, range)).map((article) => article.id);
        expect(expected.length).toBeGreaterThan(0);
        expect(expected).not.toContain(HOSTILE_ARTICLE.id);
        expect(await hitIds('', range)).toEqual(expected.sort());
        const response = await search('', { filters: range });
        expect(response.facets.year).toEqual(expectedFacets(articles, NO_FILTERS).year);
      });

      it('answers unknown filter values with no hits', async () => {
        expect(await hitIds('', { ...NO_FILTERS, country: ['Atlantis'] })).toEqual([]);
      });
    });

    describe('paging and the empty query', () => {
      it('lists every article newest first, undated last, each with its lead unmarked', async () => {
        const response = await search('');
        expect(response.totalArticles).toBe(articles.length);
        expect(response.hits.map((hit) => hit.article.id).sort()).toEqual(allIds());
        const dates = response.hits.map((hit) => hit.article.published);
        const dated = dates.filter((date): date is string => date !== null);
        expect(dates.slice(0, dated.length)).toEqual(dated);
        expect(dated).toEqual([...dated].sort().reverse());
        for (const hit of response.hits) {
          const lead = articles.find((article) => article.id === hit.article.id)?.passages[0];
          expect(hit.passages.map((passage) => passage.index)).toEqual([lead?.index]);
          expect(hit.passages[0]?.html).not.toContain('<mark>');
        }
      });

      it('pages through the hits without gaps or repeats', async () => {
        const seen: string[] = [];
        for (let page = 1; page <= Math.ceil(articles.length / 2) + 1; page++) {
          const response = await search('', { page, perPage: 2 });
          expect(response.totalArticles).toBe(articles.length);
          expect(response.hits.length).toBeLessThanOrEqual(2);
          seen.push(...response.hits.map((hit) => hit.article.id));
        }
        expect(seen.sort()).toEqual(allIds());
      });

      it('pages through text hits too', async () => {
        const expected = idsWhere(has('iran'));
        const first = await search('iran ', { page: 1, perPage: 2 });
        const second = await search('iran ', { page: 2, perPage: 2 });
        expect(first.totalArticles).toBe(expected.length);
        const ids = [...first.hits, ...second.hits].map((hit) => hit.article.id);
        expect(ids).toHaveLength(Math.min(4, expected.length));
        expect(new Set(ids).size).toBe(ids.length);
      });
    });

    describe('exports', () => {
      /** Every passage (article id #p-index) the engine exports for a request, sorted. */
      async function exported(
        q: string,
        filters: SearchFilters = NO_FILTERS,
        limit = 10_000,
      ): Promise<string[]> {
        const keys: string[] = [];
        for await (const item of theEngine().exportPassages({ q, filters, sort: 'relevance', limit }))
          keys.push(`${item.article.id}#p-${item.passage.index}`);
        return keys.sort();
      }

      /** Passages (not articles) whose tokens satisfy `test`, of articles passing `filters`. */
      const passagesWhere = (
        test: (tokens: Tokens) => boolean,
        filters: SearchFilters = NO_FILTERS,
      ): string[] =>
        articles
          .filter((article) => passes(article, filters))
          .flatMap((article) =>
            article.passages
              .filter((passage) => test(tokenize(passage.text)))
              .map((passage) => `${article.id}#p-${passage.index}`),
          )
          .sort();

      it('exports every matching passage, not three per article', async () => {
        const expected = passagesWhere(has('iran'));
        const perArticle = new Map<string, number>();
        for (const key of expected)
          perArticle.set(key.split('#')[0] ?? '', (perArticle.get(key.split('#')[0] ?? '') ?? 0) + 1);
        expect(
          Math.max(...perArticle.values()),
          'some article has more than 3 passages with "iran"',
        ).toBeGreaterThan(3);
        expect(await exported('iran ')).toEqual(expected);
      });

      it('exports by the search rules: phrases, exclusions and filters on the article', async () => {
        expect(await exported('"vote for trump or else"')).toEqual(
          passagesWhere(hasPhrase('vote for trump or else')),
        );
        expect(await exported('ratcliffe -kremlin')).toEqual(
          passagesWhere(both(has('ratcliffe'), not(has('kremlin')))),
        );
        const [country] = Object.keys((await search('')).facets.country);
        if (!country) throw new Error('no accused country in the corpus');
        const filters = { ...NO_FILTERS, country: [country] };
        expect(await exported('iran ', filters)).toEqual(passagesWhere(has('iran'), filters));
      });

      it('exports every passage of the filtered articles for the empty query', async () => {
        const filters = { ...NO_FILTERS, from: '2020-10-01', to: '2020-10-31' };
        const expected = passagesWhere(() => true, filters);
        expect(expected.length).toBeGreaterThan(0);
        expect(await exported('', filters)).toEqual(expected);
      });

      it('carries the article, its facets and the whole passage text', async () => {
        for await (const item of theEngine().exportPassages({
          q: 'kremlin ',
          filters: NO_FILTERS,
          sort: 'newest',
          limit: 50,
        })) {
          const source = articles.find((article) => article.id === item.article.id);
          const passage = source?.passages.find((candidate) => candidate.index === item.passage.index);
          expect(item.passage.text).toBe(passage?.text);
          expect(item.passage.countries).toEqual(passage?.countries);
          expect(item.article).toMatchObject({
            title: source?.title,
            outlet: source?.outlet,
            published: source?.published,
          });
          expect([...item.article.countries].sort()).toEqual([...(source?.countries ?? [])].sort());
          expect([...item.article.agencies].sort()).toEqual([...(source?.agencies ?? [])].sort());
        }
      });

      it('stops at the limit, and can be stopped early', async () => {
        const all = passagesWhere(has('iran'));
        expect(await exported('iran ', NO_FILTERS, 2)).toHaveLength(2);
        expect(await exported('iran ', NO_FILTERS, 0)).toEqual([]);
        const request = { q: 'iran ', filters: NO_FILTERS, sort: 'relevance', limit: 1000 } as const;
        const passages = theEngine().exportPassages(request)[Symbol.asyncIterator]();
        expect((await passages.next()).done).toBe(false);
        await passages.return?.();
        // The engine still answers normally afterwards.
        expect(await exported('iran ')).toEqual(all);
      });

      it('exports nothing, without failing, for hostile queries', async () => {
        for (const q of HOSTILE_QUERIES.slice(0, 10)) {
          const keys = await exported(q).catch((error: unknown) => {
            expect(error).toBeInstanceOf(BadRequestError);
            return [];
          });
          expect(Array.isArray(keys)).toBe(true);
        }
      });
    });

    describe('spelling suggestions', () => {
      it('proposes the closest indexed word for a misspelling search does not correct', async (ctx) => {
        ctx.skip(
          !theEngine().capabilities.spellingSuggestions,
          'the engine says it cannot propose spellings (capabilities.spellingSuggestions)',
        );
        // "Irn": under 5 letters, so search tolerates no typo; "Iran" is one letter away.
        expect(await hitIds('Irn ')).toEqual([]);
        expect(await theEngine().suggest('Irn')).toContain('iran');
        expect((await theEngine().suggest('Kremlni'))[0]).toBe('kremlin');
      });

      it('proposes nothing for a word that is indexed, or for nonsense', async () => {
        expect(await theEngine().suggest('iran')).toEqual([]);
        expect(await theEngine().suggest('qqqqqqqqqq')).toEqual([]);
        expect(await theEngine().suggest('')).toEqual([]);
        expect(await theEngine().suggest('two words')).toEqual([]);
      });
    });

    describe('hostile input', () => {
      it.each(HOSTILE_QUERIES.map((q) => [q.length > 40 ? `${q.slice(0, 40)}… (${q.length} chars)` : q, q]))(
        'answers %j without error and with safe HTML',
        async (_, q) => {
          const response = await search(q);
          for (const hit of response.hits)
            for (const passage of hit.passages) expect(isSafeHtml(passage.html)).toBe(true);
        },
      );

      it('escapes markup from the corpus and never lets it become a mark', async () => {
        const response = await search('injected ');
        const passage = response.hits.find((hit) => hit.article.id === HOSTILE_ARTICLE.id)?.passages[0];
        expect(passage?.html).toContain('&lt;script&gt;');
        expect(passage?.html).not.toContain('<script');
        expect(passage && isSafeHtml(passage.html)).toBe(true);
        expect(markedTokens(passage?.html ?? '')).toEqual(['injected']);
      });

      it('escapes a <script> it highlights', async () => {
        const response = await search('script alert ');
        const html = response.hits.flatMap((hit) => hit.passages.map((passage) => passage.html)).join('\n');
        expect(html).toContain('&lt;');
        expect(html).not.toContain('<script');
        expect(markedTokens(html)).toEqual(expect.arrayContaining(['script', 'alert']));
      });
    });

    describe('quotes', () => {
      /** Every report in the corpus with what a quote search matches and filters it by. */
      const reports = () =>
        articles.flatMap((article) =>
          article.quotes.map((quote) => ({
            article,
            quote,
            tokens: [...tokenize(quote.text), ...tokenize(quote.speaker ?? '')],
          })),
        );
      type Report = ReturnType<typeof reports>[number];

      const groupsWhere = (test: (report: Report) => boolean): string[] =>
        [
          ...new Set(
            reports()
              .filter(test)
              .map((report) => report.quote.group),
          ),
        ].sort();

      const searchQuotes = (
        q: string,
        overrides: Partial<QuoteSearchRequest> = {},
      ): Promise<QuoteSearchResponse> =>
        theEngine().searchQuotes(quoteRequest(q, { perPage: 50, ...overrides }));

      /** Groups of every hit, over all pages, sorted. */
      async function hitGroups(q: string, overrides: Partial<QuoteSearchRequest> = {}): Promise<string[]> {
        const groups: string[] = [];
        for (let page = 1; ; page++) {
          const response = await searchQuotes(q, { ...overrides, page, perPage: 7 });
          groups.push(...response.hits.map((hit) => hit.group));
          if (response.hits.length === 0 || groups.length >= response.totalQuotes) break;
        }
        return groups.sort();
      }

      const speakerIs = (names: readonly string[]) => (report: Report) =>
        names.some((name) => name.toLowerCase() === report.quote.speaker?.toLowerCase());
      const accuses = (countries: readonly string[]) => (report: Report) =>
        report.article.countries.some((country) => countries.includes(country));

      it('lists every statement once, however many articles report it', async () => {
        const all = groupsWhere(() => true);
        expect(all.length).toBeLessThan(reports().length);
        expect((await searchQuotes('')).totalQuotes).toBe(all.length);
        expect(await hitGroups('')).toEqual(all);
      });

      it('finds quotes by their words', async () => {
        const expected = groupsWhere((report) => both(has('spoofed'), has('emails'))(report.tokens));
        expect(expected.length).toBeGreaterThan(0);
        expect(await hitGroups('spoofed emails')).toEqual(expected);
      });

      it('finds quotes by an exact phrase', async () => {
        const expected = groupsWhere((report) => hasPhrase('not true')(tokenize(report.quote.text)));
        expect(expected.length).toBeGreaterThan(0);
        expect(await hitGroups('"not true"')).toEqual(expected);
      });

      it("finds a person's quotes by typing their name", async () => {
        const expected = groupsWhere((report) => has('ratcliffe')(report.tokens));
        expect(expected.length).toBeGreaterThan(3);
        expect(await hitGroups('ratcliffe')).toEqual(expected);
        expect(await hitGroups('Ratcliffe iran')).toEqual(
          groupsWhere((report) => both(has('ratcliffe'), has('iran'))(report.tokens)),
        );
      });

      it('leaves out quotes holding an excluded word', async () => {
        const expected = groupsWhere((report) => both(has('iran'), not(has('russia')))(report.tokens));
        expect(expected.length).toBeGreaterThan(0);
        expect(await hitGroups('iran -russia')).toEqual(expected);
      });

      it('filters by speaker, whatever the case typed, and by the countries the article accuses', async () => {
        expect(await hitGroups('', { speaker: ['john RATCLIFFE'] })).toEqual(
          groupsWhere(speakerIs(['John Ratcliffe'])),
        );
        const speakers = ['John Ratcliffe', 'Christopher Krebs'];
        expect(await hitGroups('', { speaker: speakers })).toEqual(groupsWhere(speakerIs(speakers)));
        expect(await hitGroups('', { country: ['Iran'] })).toEqual(groupsWhere(accuses(['Iran'])));
        expect(await hitGroups('iran', { speaker: ['John Ratcliffe'], country: ['Russia'] })).toEqual(
          groupsWhere(
            (r) => has('iran')(r.tokens) && speakerIs(['John Ratcliffe'])(r) && accuses(['Russia'])(r),
          ),
        );
      });

      it('counts statements per speaker and country, each facet ignoring its own selection', async () => {
        const filters = { speaker: ['John Ratcliffe'], country: ['Iran'] };
        const response = await searchQuotes('', filters);
        const count = (facet: 'speaker' | 'country', test: (report: Report) => boolean) => {
          const counts: Record<string, Set<string>> = {};
          for (const report of reports().filter(test)) {
            const values = facet === 'speaker' ? [report.quote.speaker ?? ''] : report.article.countries;
            for (const value of values.filter((v) => v !== ''))
              (counts[value] ??= new Set()).add(report.quote.group);
          }
          return Object.fromEntries(Object.entries(counts).map(([value, groups]) => [value, groups.size]));
        };
        expect(response.facets.speaker).toEqual(count('speaker', accuses(filters.country)));
        expect(response.facets.country).toEqual(count('country', speakerIs(filters.speaker)));
        expect(response.facets.speaker['Christopher Krebs']).toBeGreaterThan(0);
      });

      it('shows every report of a statement with the number of articles reporting it', async () => {
        const shared = groupsWhere(() => true).find(
          (group) =>
            new Set(
              reports()
                .filter((r) => r.quote.group === group)
                .map((r) => r.article.id),
            ).size > 1,
        );
        expect(shared).toBeDefined();
        const expected = reports().filter((report) => report.quote.group === shared);
        const words = tokenize(expected[0]?.quote.text ?? '')
          .slice(0, 4)
          .join(' ');
        const hit = (await searchQuotes(`"${words}"`)).hits.find((candidate) => candidate.group === shared);
        expect(hit?.articleCount).toBe(new Set(expected.map((report) => report.article.id)).size);
        expect(hit?.reports.map((report) => `${report.article.id}#${report.passageIndex}`).sort()).toEqual(
          expected.map((report) => `${report.article.id}#${report.quote.passageIndex}`).sort(),
        );
        expect(hit?.speaker).not.toBeNull();
      });

      it("marks the query's words in a quote, escaping markup first", async () => {
        const response = await searchQuotes('injected script');
        const hit = response.hits.find((candidate) => candidate.group === HOSTILE_ARTICLE.quotes[0]?.group);
        expect(hit?.html).toContain('&lt;');
        expect(hit && isSafeHtml(hit.html)).toBe(true);
        expect(markedTokens(hit?.html ?? '')).toEqual(expect.arrayContaining(['injected', 'script']));
        expect(hit?.speaker).toBe('<b>Mallory</b> & Co');
        expect(await hitGroups('mallory')).toEqual([HOSTILE_ARTICLE.quotes[0]?.group]);
      });

      it('pages through statements without repeating one', async () => {
        const first = await searchQuotes('', { perPage: 5, page: 1 });
        const second = await searchQuotes('', { perPage: 5, page: 2 });
        expect(first.hits).toHaveLength(5);
        const overlap = second.hits.filter((hit) => first.hits.some((other) => other.group === hit.group));
        expect(overlap).toEqual([]);
      });

      it.each(HOSTILE_QUERIES.map((q) => [q.length > 40 ? `${q.slice(0, 40)}… (${q.length} chars)` : q, q]))(
        'answers the quote query %j without error and with safe HTML',
        async (_, q) => {
          const response = await searchQuotes(q);
          for (const hit of response.hits) expect(isSafeHtml(hit.html)).toBe(true);
        },
      );
    });

    describe('articles and stats', () => {
      it('returns an article as indexed, and undefined for an unknown id', async () => {
        const first = articles[0];
        expect(first).toBeDefined();
        if (!first) return;
        expect(await theEngine().getArticle(first.id)).toEqual(first);
        expect(await theEngine().getArticle('no-such-article')).toBeUndefined();
      });

      it('marks every passage of an article where any query word occurs', async () => {
        const article = articlesWhere(both(has('ratcliffe')))[0];
        expect(article).toBeDefined();
        if (!article) return;
        const marked = await theEngine().highlightArticle(article.id, 'Ratcliffe kremlin -iran');
        const expected = article.passages
          .filter((passage) => hasAny(['ratcliffe', 'kremlin'])(tokenize(passage.text)))
          .map((passage) => passage.index);
        expect([...marked.keys()].sort((a, b) => a - b)).toEqual(expected);
        for (const html of marked.values()) {
          expect(html).toContain('<mark>');
          expect(isSafeHtml(html)).toBe(true);
        }
      });

      it('highlights nothing for an unknown article or a query without positive words', async () => {
        const article = articles[0];
        expect((await theEngine().highlightArticle('no-such-article', 'iran')).size).toBe(0);
        expect((await theEngine().highlightArticle(article?.id ?? '', '-iran')).size).toBe(0);
      });

      it('reports what it indexed', async () => {
        const stats = await theEngine().stats();
        expect(stats.articles).toBe(articles.length);
        expect(stats.passages).toBe(articles.reduce((sum, article) => sum + article.passages.length, 0));
        expect(stats.corpusFingerprint).toBe(fingerprint);
        expect(stats.builtAt).not.toBeNull();
      });

      it('says it can do everything this suite checks, bar what it skips for a missing capability', () => {
        // These may be false: the scenarios that need them are skipped then, with the flag as reason.
        const skippable = new Set(['wordForms', 'phraseAcrossPunctuation', 'spellingSuggestions']);
        const checked = Object.entries(theEngine().capabilities).filter(
          ([flag, can]) => typeof can === 'boolean' && !skippable.has(flag),
        );
        expect(Object.fromEntries(checked.filter(([, can]) => !can))).toEqual({});
      });

      it('reads as many words as its capabilities say, and refuses more rather than ignore some', async () => {
        const { maxQueryTerms } = theEngine().capabilities;
        expect(Number.isInteger(maxQueryTerms)).toBe(true);
        expect(maxQueryTerms).toBeGreaterThan(0);
        expect(maxQueryTerms).toBeLessThanOrEqual(MAX_QUERY_TERMS);
        const words = (count: number) => Array.from({ length: count }, (_, i) => `iran${i}`).join(' ');
        expect((await search(`${words(maxQueryTerms)} `)).totalArticles).toBe(0);
        if (maxQueryTerms < MAX_QUERY_TERMS)
          await expect(search(`${words(maxQueryTerms + 1)} `)).rejects.toThrow(BadRequestError);
      });
    });
  });
}
