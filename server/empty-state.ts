/**
 * When nothing matches, say what to change, with how many articles each change would find: a near
 * spelling, removing one filter, dropping one word of the query. Only changes that find something
 * are offered.
 */
import type { SearchEngine, SearchFilters, SearchRequest } from '../engine/types.js';
import { tokenize } from '../engine/text.js';
import { toQueryString } from './params.js';

export interface Hint {
  /** What the change is, e.g. `Accused country: Iran`, `“zebracorn”`. */
  label: string;
  href: string;
  count: number;
}

export interface EmptyStateHints {
  /** "Did you mean": the query with misspelled words replaced by indexed ones. */
  spelling: Hint[];
  removeFilter: Hint[];
  dropWord: Hint[];
}

/** Each hint costs a search; a query or filter list longer than this is not worth enumerating. */
const MAX_HINT_SEARCHES = 8;
const MAX_SPELLING_HINTS = 2;

const FILTER_LABELS = { country: 'Accused country', agency: 'Agency', outlet: 'Outlet' } as const;

/**
 * The query split as a person reads it: quoted phrases (straight or curly quotes, possibly still
 * open) and words, each with its leading minus. The engine's parser is the authority on meaning;
 * this only decides what "drop one word" removes from the text as typed.
 */
export function queryElements(q: string): string[] {
  return q.match(/[-−]?["“”„][^"“”„]*["“”„]?|\S+/gu) ?? [];
}

const isNegated = (element: string): boolean => /^[-−]/u.test(element);

async function countFor(engine: SearchEngine, request: SearchRequest): Promise<number> {
  return (await engine.search({ ...request, page: 1, perPage: 1 })).totalArticles;
}

function filterVariants(request: SearchRequest): { label: string; filters: SearchFilters }[] {
  const { filters } = request;
  const variants: { label: string; filters: SearchFilters }[] = [];
  for (const facet of ['country', 'agency', 'outlet'] as const) {
    for (const value of filters[facet]) {
      variants.push({
        label: `${FILTER_LABELS[facet]}: ${value}`,
        filters: { ...filters, [facet]: filters[facet].filter((other) => other !== value) },
      });
    }
  }
  if (filters.from !== null || filters.to !== null) {
    const range = `${filters.from ?? '…'} – ${filters.to ?? '…'}`;
    variants.push({ label: `Published ${range}`, filters: { ...filters, from: null, to: null } });
  }
  return variants;
}

function wordVariants(request: SearchRequest): { label: string; q: string }[] {
  const elements = queryElements(request.q);
  if (elements.length < 2) return [];
  return elements.flatMap((element, i) =>
    isNegated(element) ? [] : [{ label: element, q: elements.filter((_, j) => j !== i).join(' ') }],
  );
}

const byCount = (a: Hint, b: Hint) => b.count - a.count;

/** The query's plain words (not phrases, not exclusions) as typed, with their position. */
function plainWords(elements: readonly string[]): { i: number; token: string }[] {
  return elements.flatMap((element, i) => {
    if (isNegated(element) || /^["“”„]/u.test(element)) return [];
    const tokens = tokenize(element);
    return tokens.length === 1 && tokens[0] ? [{ i, token: tokens[0] }] : [];
  });
}

/**
 * Spellings from the engine's vocabulary for the words of a query that found nothing; only
 * queries that find something are offered.
 */
async function spellingHints(engine: SearchEngine, request: SearchRequest): Promise<Hint[]> {
  if (!engine.capabilities.spellingSuggestions) return [];
  const elements = queryElements(request.q);
  const words = plainWords(elements).slice(0, MAX_HINT_SEARCHES);
  const corrections = (
    await Promise.all(words.map(async ({ i, token }) => ({ i, spelling: (await engine.suggest(token))[0] })))
  ).filter((correction): correction is { i: number; spelling: string } => correction.spelling !== undefined);
  if (corrections.length === 0) return [];
  const corrected = (chosen: readonly { i: number; spelling: string }[]) =>
    elements
      .map((element, i) => chosen.find((correction) => correction.i === i)?.spelling ?? element)
      .join(' ');
  // Every word corrected at once, else each correction alone (another word may be the problem).
  const candidates = [
    corrected(corrections),
    ...(corrections.length > 1 ? corrections.map((c) => corrected([c])) : []),
  ];
  const hints: Hint[] = [];
  for (const q of candidates) {
    const changed = { ...request, q, page: 1 };
    const count = await countFor(engine, changed);
    if (count > 0) hints.push({ label: q, count, href: `/search${toQueryString(changed)}` });
    if (hints.length === MAX_SPELLING_HINTS || (count > 0 && q === candidates[0])) break;
  }
  return hints;
}

export async function emptyStateHints(
  engine: SearchEngine,
  request: SearchRequest,
): Promise<EmptyStateHints> {
  const filterHints = filterVariants(request)
    .slice(0, MAX_HINT_SEARCHES)
    .map(async ({ label, filters }) => {
      const changed = { ...request, filters, page: 1 };
      return { label, count: await countFor(engine, changed), href: `/search${toQueryString(changed)}` };
    });
  const wordHints = wordVariants(request)
    .slice(0, MAX_HINT_SEARCHES)
    .map(async ({ label, q }) => {
      const changed = { ...request, q, page: 1 };
      return { label, count: await countFor(engine, changed), href: `/search${toQueryString(changed)}` };
    });
  const [spelling, removeFilter, dropWord] = await Promise.all([
    spellingHints(engine, request),
    Promise.all(filterHints),
    Promise.all(wordHints),
  ]);
  return {
    spelling,
    removeFilter: removeFilter.filter((hint) => hint.count > 0).sort(byCount),
    dropWord: dropWord.filter((hint) => hint.count > 0).sort(byCount),
  };
}
