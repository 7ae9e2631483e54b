/**
 * Citations of one passage, as plain text, APA 7, Chicago 17 (notes) and CSL-JSON for reference
 * managers (Zotero, Mendeley, …). Pure functions over our own data: the routes pass the portal's
 * absolute passage address and the access date in.
 * https://apastyle.apa.org/style-grammar-guidelines/references/examples/newspaper-article-references
 * https://docs.citationstyles.org/en/stable/specification.html (CSL variables and types)
 */
import type { Article } from '../engine/types.js';
import { UNKNOWN_OUTLET } from '../indexer/build-article.js';
import { safeHttpUrl } from './text-fragment.js';
import { MONTH_NAMES } from './month-names.js';

export type CitableArticle = Pick<Article, 'id' | 'title' | 'outlet' | 'published' | 'url' | 'language'>;

export interface CitationInput {
  article: CitableArticle;
  passage: { index: number; text: string };
  /** Absolute address of the passage on the portal (`https://…/articles/<id>#p-<n>`). */
  passageUrl: string;
  /** ISO date `YYYY-MM-DD` the passage was looked at. */
  accessed: string;
}

/** One CSL-JSON item (only the variables we fill). */
export interface CslItem {
  id: string;
  type: 'article-newspaper';
  title: string;
  'container-title'?: string;
  issued?: { 'date-parts': [[number, number, number]] };
  accessed: { 'date-parts': [[number, number, number]] };
  URL: string;
  language: string;
  note: string;
  archive: string;
  archive_location: string;
}

export interface Citations {
  plain: string;
  apa: string;
  chicago: string;
  /** An array, as reference managers import it. */
  csl: CslItem[];
}

export const CITATION_FORMATS = [
  { key: 'plain', label: 'Plain text' },
  { key: 'apa', label: 'APA' },
  { key: 'chicago', label: 'Chicago' },
  { key: 'csl', label: 'CSL-JSON' },
] as const;

function dateParts(iso: string): [number, number, number] {
  const [year = 0, month = 1, day = 1] = iso.split('-').map(Number);
  return [year, month, day];
}

/** The outlet, unless the indexer had to make one up. */
function knownOutlet(article: CitableArticle): string | null {
  return article.outlet && article.outlet !== UNKNOWN_OUTLET ? article.outlet : null;
}

/** The cited source: the original article when we know where it is, else our copy of the passage. */
function sourceUrl(input: CitationInput): string {
  return safeHttpUrl(input.article.url)?.href ?? input.passageUrl;
}

/** A title followed by `mark`, unless it already ends with its own `?` or `!`. */
function titleThen(title: string, mark: string): string {
  return /[?!]$/.test(title) ? title : `${title}${mark}`;
}

function plain(input: CitationInput): string {
  const { article, passage } = input;
  const date = article.published ? formatDayMonthYear(article.published) : null;
  const details = [article.title, knownOutlet(article), date, `paragraph ${passage.index}`].filter(Boolean);
  const original = safeHttpUrl(article.url);
  // The passage is not wrapped in quotation marks: it often opens with a quotation of its own.
  return [
    passage.text,
    `— ${details.join(', ')}. ${input.passageUrl}`,
    ...(original ? [`Original: ${original.href}`] : []),
  ].join('\n');
}

function formatDayMonthYear(iso: string): string {
  const [year, month, day] = dateParts(iso);
  return `${day} ${MONTH_NAMES[month - 1] ?? ''} ${year}`;
}

/** APA 7, newspaper article without an author: the title moves to the author position. */
function apa(input: CitationInput): string {
  const { article } = input;
  const date = article.published ? apaDate(article.published) : 'n.d.';
  const outlet = knownOutlet(article);
  return [
    titleThen(article.title, '.'),
    `(${date}).`,
    ...(outlet ? [`${outlet}.`] : []),
    sourceUrl(input),
  ].join(' ');
}

function apaDate(iso: string): string {
  const [year, month, day] = dateParts(iso);
  return `${year}, ${MONTH_NAMES[month - 1] ?? ''} ${day}`;
}

/** Chicago 17 note for a news article without an author, pinpointed to the paragraph ("par."). */
function chicago(input: CitationInput): string {
  const { article, passage } = input;
  const parts = [
    `“${titleThen(article.title, ',')}”`,
    knownOutlet(article),
    article.published ? chicagoDate(article.published) : 'n.d.',
    `par. ${passage.index}`,
    sourceUrl(input),
  ].filter(Boolean);
  // The title carries its own comma inside the quotes, so it is joined with a space.
  const [title, ...rest] = parts;
  return `${title} ${rest.join(', ')}.`;
}

function chicagoDate(iso: string): string {
  const [year, month, day] = dateParts(iso);
  return `${MONTH_NAMES[month - 1] ?? ''} ${day}, ${year}`;
}

function csl(input: CitationInput): CslItem[] {
  const { article, passage } = input;
  const outlet = knownOutlet(article);
  return [
    {
      id: `${article.id}#p-${passage.index}`,
      type: 'article-newspaper',
      title: article.title,
      ...(outlet ? { 'container-title': outlet } : {}),
      ...(article.published ? { issued: { 'date-parts': [dateParts(article.published)] } } : {}),
      accessed: { 'date-parts': [dateParts(input.accessed)] },
      URL: sourceUrl(input),
      language: article.language,
      note: `Paragraph ${passage.index}: ${passage.text}`,
      archive: 'Interference Search',
      archive_location: input.passageUrl,
    },
  ];
}

export function citePassage(input: CitationInput): Citations {
  return { plain: plain(input), apa: apa(input), chicago: chicago(input), csl: csl(input) };
}

/** Each format as the text that is shown and copied (CSL-JSON pretty-printed). */
export function citationTexts(
  citations: Citations,
): Record<(typeof CITATION_FORMATS)[number]['key'], string> {
  return {
    plain: citations.plain,
    apa: citations.apa,
    chicago: citations.chicago,
    csl: JSON.stringify(citations.csl, null, 2),
  };
}
