/**
 * The request mix of `npm run load`, chosen from what the running portal itself serves (its
 * facets, its articles, the words of their passages), so it means the same on the bundled corpus
 * and on a generated one: search pages and their htmx partials, the JSON API, typos, phrases,
 * prefixes, negations, facet filters, date ranges, later pages, article pages and a small export.
 */
import { tokenize } from '../engine/text.js';
import { FUNCTION_WORDS } from './corpus-vocabulary.js';

export interface LoadRequest {
  /** The kind of request, for the report. */
  kind: string;
  path: string;
  headers?: Record<string, string>;
}

interface ApiSearch {
  hits: { article: { id: string } }[];
  facets: Record<string, Record<string, number>>;
}

interface ApiArticle {
  id: string;
  passages: { text: string }[];
}

const STOP_WORDS = new Set(FUNCTION_WORDS);

async function getJson<T>(base: string, path: string): Promise<T> {
  const response = await fetch(`${base}${path}`);
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status} while choosing the load mix`);
  return (await response.json()) as T;
}

/** The `count` most frequent keys of a facet (or of word counts). */
function top(counts: Record<string, number> | Map<string, number> | undefined, count: number): string[] {
  const entries = counts instanceof Map ? [...counts] : Object.entries(counts ?? {});
  return entries
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([key]) => key);
}

/** Swaps two inner letters: the kind of slip typo tolerance is for. */
function misspell(word: string): string {
  const i = Math.floor(word.length / 2);
  return `${word.slice(0, i - 1)}${word[i]}${word[i - 1]}${word.slice(i + 1)}`;
}

const q = (text: string) => encodeURIComponent(text);

/** Words of the sampled passages: frequent content words, rare ones, and three-word phrases. */
function vocabulary(articles: readonly ApiArticle[]) {
  const counts = new Map<string, number>();
  const phrases: string[] = [];
  for (const article of articles) {
    article.passages.forEach((passage, i) => {
      const words = tokenize(passage.text);
      for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
      if (i === 1 && words.length >= 8) phrases.push(words.slice(4, 7).join(' '));
    });
  }
  const content = new Map([...counts].filter(([word]) => word.length >= 5 && !STOP_WORDS.has(word)));
  const common = top(content, 12);
  const rare = [...content]
    .filter(([, count]) => count === 1)
    .map(([word]) => word)
    .sort()
    .filter((_, i) => i % 7 === 0)
    .slice(0, 8);
  return { common, rare, phrases: phrases.slice(0, 6) };
}

/** Asks the portal at `base` for its facets and a sample of articles, and builds the mix. */
export async function chooseLoadMix(base: string): Promise<LoadRequest[]> {
  const listing = await getJson<ApiSearch>(base, '/api/search?per_page=50');
  const ids = listing.hits.map((hit) => hit.article.id).slice(0, 20);
  const articles = await Promise.all(ids.map((id) => getJson<ApiArticle>(base, `/api/articles/${q(id)}`)));
  const { common, rare, phrases } = vocabulary(articles);
  if (common.length < 4 || ids.length === 0)
    throw new Error('the corpus is too small to choose a load mix from');
  const [country] = top(listing.facets['country'], 1);
  const [agency] = top(listing.facets['agency'], 1);
  const [outlet] = top(listing.facets['outlet'], 1);
  const years = Object.keys(listing.facets['year'] ?? {}).sort();
  const htmx = { 'HX-Request': 'true', 'HX-Current-URL': `${base}/search` };
  const word = (i: number) => common[i % common.length] ?? 'election';

  const mix: LoadRequest[] = [];
  common.forEach((w, i) => {
    mix.push({ kind: 'search page', path: `/search?q=${q(w)}` });
    mix.push({ kind: 'search partial (htmx)', path: `/search?q=${q(`${w} ${word(i + 1)}`)}`, headers: htmx });
    mix.push({ kind: 'API, two words', path: `/api/search?q=${q(`${w} ${word(i + 3)}`)}` });
    mix.push({ kind: 'API, typo', path: `/api/search?q=${q(misspell(w))}` });
    mix.push({ kind: 'API, prefix', path: `/api/search?q=${q(w.slice(0, 4))}` });
    mix.push({ kind: 'API, negation', path: `/api/search?q=${q(`${w} -${word(i + 2)}`)}` });
    mix.push({ kind: 'search page 2', path: `/search?q=${q(w)}&page=2` });
  });
  for (const w of rare) mix.push({ kind: 'API, rare word', path: `/api/search?q=${q(w)}` });
  for (const phrase of phrases) mix.push({ kind: 'API, phrase', path: `/api/search?q=${q(`"${phrase}"`)}` });
  if (country) mix.push({ kind: 'facet: country', path: `/search?q=${q(word(0))}&country=${q(country)}` });
  if (agency) mix.push({ kind: 'facet: agency', path: `/api/search?agency=${q(agency)}&sort=newest` });
  if (outlet) mix.push({ kind: 'facet: outlet', path: `/search?outlet=${q(outlet)}`, headers: htmx });
  if (years.length > 0) {
    const from = `${years[0]}-01-01`;
    const to = `${years[Math.min(2, years.length - 1)]}-12-31`;
    mix.push({ kind: 'date range', path: `/api/search?q=${q(word(1))}&from=${from}&to=${to}` });
  }
  ids.slice(0, 10).forEach((id, i) => {
    mix.push({ kind: 'article page', path: `/articles/${q(id)}?q=${q(word(i))}` });
  });
  mix.push({ kind: 'home page', path: '/' });
  if (rare[0]) mix.push({ kind: 'export (CSV)', path: `/api/export?format=csv&q=${q(rare[0])}` });
  return mix;
}
