import type { Article, DateSource } from '../../engine/types.js';
import type { ArticleLabels, PassageLabel, QuoteLabel } from './labels.js';

/** How one extractor did against the labels. */
export interface Score {
  extractor: string;
  truePositives: number;
  precision: number;
  recall: number;
  /** Labelled but not extracted. */
  misses: string[];
  /** Extracted but not labelled (or labelled otherwise). */
  falsePositives: string[];
}

/** The articles as indexed, and as indexed with their metadata dates set aside. */
export interface EvalInput {
  articles: readonly Article[];
  textOnly: readonly Article[];
  labels: readonly ArticleLabels[];
}

export const EXTRACTORS = [
  'countries',
  'agencies',
  'dates',
  'dates from text',
  'quote texts',
  'quote speakers',
  'speaker roles',
] as const;

/**
 * Scores every extractor on the labelled articles. Each item is a (where, what) pair —
 * `article#p7 Iran`, `article#p8,9 “the great women…” → John Ratcliffe` — so misses and false
 * positives can be listed as they are.
 */
export function evaluate({ articles, textOnly, labels }: EvalInput): Score[] {
  const pairs = labels.map((label) => {
    const article = articles.find((candidate) => candidate.id === label.article);
    if (!article) throw new Error(`no article "${label.article}" in the corpus`);
    checkPassages(article, label);
    return { label, article, textOnly: textOnly.find((candidate) => candidate.id === label.article) };
  });
  const items = (pick: (pair: (typeof pairs)[number]) => { expected: string[]; found: string[] }) => {
    const all = pairs.map(pick);
    return { expected: all.flatMap((x) => x.expected), found: all.flatMap((x) => x.found) };
  };
  const passageText = new Map<string, string>(
    pairs.flatMap(({ article }) =>
      article.passages.map((p) => [`${article.id}#p${p.index}`, p.text] as const),
    ),
  );
  const withContext = (item: string): string => {
    const text = passageText.get(/^\S+#p\d+/.exec(item)?.[0] ?? '');
    return text === undefined || item.includes('“') ? item : `${item} — ${text.slice(0, 70)}…`;
  };
  const scored = [
    score(
      'countries',
      items(({ label, article }) => facetItems(label, article, 'countries')),
    ),
    score(
      'agencies',
      items(({ label, article }) => facetItems(label, article, 'agencies')),
    ),
    score(
      'dates',
      items(({ label, article }) => dateItems(label.article, label.published, article)),
    ),
    score(
      'dates from text',
      items(({ label, textOnly: built }) => dateItems(label.article, label.publishedFromText, built)),
    ),
    score(
      'quote texts',
      items(({ label, article }) => quoteItems(label, article, false)),
    ),
    score(
      'quote speakers',
      items(({ label, article }) => quoteItems(label, article, true)),
    ),
    score(
      'speaker roles',
      items(({ label, article }) => roleItems(label, article)),
    ),
  ];
  return scored.map((result) => ({
    ...result,
    misses: result.misses.map(withContext),
    falsePositives: result.falsePositives.map(withContext),
  }));
}

function score(extractor: string, { expected, found }: { expected: string[]; found: string[] }): Score {
  const wanted = new Set(expected);
  const got = new Set(found);
  const truePositives = [...got].filter((item) => wanted.has(item)).length;
  return {
    extractor,
    truePositives,
    precision: got.size === 0 ? 1 : truePositives / got.size,
    recall: wanted.size === 0 ? 1 : truePositives / wanted.size,
    misses: [...wanted].filter((item) => !got.has(item)),
    falsePositives: [...got].filter((item) => !wanted.has(item)),
  };
}

/** Labels are keyed by passage index; a change in cleaning or splitting must not shift them silently. */
function checkPassages(article: Article, label: ArticleLabels): void {
  const problems: string[] = [];
  if (article.passages.length !== Object.keys(label.passages).length) {
    problems.push(`${article.passages.length} passages, ${Object.keys(label.passages).length} labelled`);
  }
  for (const passage of article.passages) {
    const expected = label.passages[String(passage.index)]?.starts;
    if (expected !== undefined && !passage.text.startsWith(expected)) {
      problems.push(`p${passage.index} starts "${passage.text.slice(0, 40)}", labelled "${expected}"`);
    }
  }
  if (problems.length > 0)
    throw new Error(`labels of ${article.id} no longer fit:\n  ${problems.join('\n  ')}`);
}

function labelledPassages(label: ArticleLabels): [number, PassageLabel][] {
  return Object.entries(label.passages).map(([index, passage]) => [Number(index), passage]);
}

function facetItems(label: ArticleLabels, article: Article, facet: 'countries' | 'agencies') {
  return {
    expected: labelledPassages(label).flatMap(([index, passage]) =>
      passage[facet].map((value) => `${label.article}#p${index} ${value}`),
    ),
    found: article.passages.flatMap((passage) =>
      passage[facet].map((value) => `${label.article}#p${passage.index} ${value}`),
    ),
  };
}

function dateItems(
  id: string,
  expected: { date: string; source: DateSource } | null,
  built: Article | undefined,
) {
  const item = (date: string | null, source: DateSource | null): string[] =>
    date === null ? [] : [`${id} ${date} (${source ?? 'no source'})`];
  return {
    expected: expected === null ? [] : item(expected.date, expected.source),
    found: built ? item(built.published, built.publishedSource) : [],
  };
}

/**
 * Quote texts are scored on every quote; speakers on the quotes with a speaker, each item naming
 * the quote and who said it, so a wrong speaker counts as a miss and a false positive.
 */
function quoteItems(label: ArticleLabels, article: Article, withSpeaker: boolean) {
  const item = (passages: readonly number[], text: string, speaker: string | null): string[] => {
    const where = `${label.article}#p${passages.join(',')} “${normalizeQuote(text)}”`;
    if (!withSpeaker) return [where];
    return speaker === null ? [] : [`${where} → ${normalizeSpeaker(speaker)}`];
  };
  return {
    expected: labelledQuotes(label).flatMap(({ passages, quote }) =>
      item(passages, quote.text, quote.speaker),
    ),
    found: article.quotes.flatMap((quote) => item(quote.passageIndexes, quote.text, quote.speaker)),
  };
}

/** Roles are scored on the quotes whose label states one: does the extracted quote carry it? */
function roleItems(label: ArticleLabels, article: Article) {
  const labelled = labelledQuotes(label).filter(({ quote }) => quote.role !== undefined);
  const key = (passages: readonly number[], text: string, role: string | null | undefined): string =>
    `${label.article}#p${passages.join(',')} “${normalizeQuote(text).slice(0, 40)}…” as ${role ?? '(none)'}`;
  return {
    expected: labelled.map(({ passages, quote }) => key(passages, quote.text, quote.role)),
    found: labelled.flatMap(({ passages, quote }) => {
      const extracted = article.quotes.find(
        (candidate) =>
          normalizeQuote(candidate.text) === normalizeQuote(quote.text) &&
          candidate.passageIndexes.join(',') === passages.join(','),
      );
      return extracted ? [key(passages, quote.text, extracted.speakerRole)] : [];
    }),
  };
}

function labelledQuotes(label: ArticleLabels): { passages: number[]; quote: QuoteLabel }[] {
  return labelledPassages(label).flatMap(([index, passage]) =>
    passage.quotes.map((quote) => ({ passages: quote.passages ?? [index], quote })),
  );
}

/** Quote texts compare without typography: quote and apostrophe styles, spacing, closing punctuation. */
export function normalizeQuote(text: string): string {
  return text
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/^[\s"',.;:]+|[\s"',.;:!?…]+$/g, '');
}

/** "FBI and CISA" is "CISA and FBI". */
export function normalizeSpeaker(speaker: string): string {
  return speaker
    .replace(/[‘’]/g, "'")
    .split(/\s+and\s+/)
    .sort()
    .join(' and ');
}
