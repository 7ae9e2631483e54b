import { parseDateline } from './dates.js';

/** A unit of cleaned article text: a subheading or a paragraph. */
export interface Block {
  kind: 'heading' | 'paragraph';
  text: string;
}

export interface CleanOptions {
  /** The article title; a body line repeating it (the headline printed again) is dropped. */
  title?: string | null;
}

/** Subheadings are short; longer lines without a full stop are wrapped or broken paragraphs. */
const HEADING_MAX_WORDS = 10;
const HEADING_MAX_CHARS = 100;

/**
 * Page furniture that scrapes carry along. Each entry says what it catches so a false drop can
 * be traced to its rule.
 */
const BOILERPLATE_RULES: readonly { name: string; test: (line: string) => boolean }[] = [
  { name: 'related-link teaser', test: (l) => /^READ MORE\b/.test(l) || /^read (?:more|also)\s*:/i.test(l) },
  {
    name: 'player and share widgets',
    test: (l) =>
      /^(?:listen live|get short url|advertisement|share|share this article|subscribe|comments?|discussion)$/i.test(
        l,
      ),
  },
  { name: 'comment-section footer', test: (l) => /^community standards/i.test(l) },
  {
    name: 'photo credit',
    test: (l) =>
      /^(?:image\s+)?(?:photo|picture|image)(?:\s+(?:by|credit))?\s*:/i.test(l) || /^credit\s*:/i.test(l),
  },
  { name: 'source line', test: (l) => /^source\s*:/i.test(l) },
  { name: 'embedded-tweet attribution', test: (l) => isTweetAttribution(l) },
  { name: 'bare link', test: (l) => /^(?:https?:\/\/|www\.|pic\.twitter\.com\/)\S+$/i.test(l) },
  { name: 'byline', test: (l) => /^By\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}$/u.test(l) },
  { name: 'tag list', test: (l) => isTagLine(l) },
  { name: 'dateline', test: (l) => parseDateline(l) !== null },
];

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const TWEET_ATTRIBUTION = new RegExp(
  `^[—–-]?\\s*[^()]{1,80}\\(@\\w{1,15}\\)\\s+${MONTH}\\s+\\d{1,2},\\s+\\d{4}$`,
);

/** "Iranian Ministry of Foreign Affairs (@IRIMFA_EN) October 22, 2020": the byline under an embedded tweet. */
function isTweetAttribution(line: string): boolean {
  return TWEET_ATTRIBUTION.test(line);
}

/** Small words that occur in sentences and titles but not in keyword tags. */
const SENTENCE_WORDS = /\b(?:and|or|but|the|a|an|of|to|in|on|for|with|is|are|was|were|has|have)\b/;

/**
 * "FBI, voters, Russia, Donald Trump, Joe Biden": three or more short comma-separated items with
 * no sentence punctuation and none of the small words a real sentence or list in prose has.
 */
function isTagLine(line: string): boolean {
  if (/[.!?;:"“”]/.test(line)) return false;
  const items = line.split(',').map((item) => item.trim());
  if (items.length < 3) return false;
  return items.every(
    (item) => item !== '' && item.length <= 30 && wordCount(item) <= 4 && !SENTENCE_WORDS.test(item),
  );
}

/** True for a line that is page furniture rather than article text (expects a normalised line). */
export function isBoilerplateLine(line: string): boolean {
  return BOILERPLATE_RULES.some((rule) => rule.test(line));
}

/** A zero-width character, a whitespace character other than a space, or two whitespace in a row. */
const NEEDS_NORMALIZING = /[\u200B-\u200D\u2060\uFEFF]|[^\S ]|\s\s/;

/**
 * Normalises one raw line: no-break and odd spaces become plain spaces, zero-width characters go,
 * runs of whitespace collapse and the indentation some scrapes add is trimmed.
 */
export function normalizeLine(line: string): string {
  // Most lines have single plain spaces only: nothing to replace, and no new string to build.
  if (!NEEDS_NORMALIZING.test(line)) return line.trim();
  return line
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim();
}

const WRAPPING_QUOTES = /^["'“”‘’]+|["'“”‘’]+$/g;

/**
 * A subheading: at most ten words, not starting in lowercase and not ending like a sentence
 * fragment (`.` `,` `;` `:`). Questions and exclamations qualify ("What Happens Next?").
 */
export function isHeadingLike(line: string): boolean {
  const bare = line.replace(WRAPPING_QUOTES, '').trim();
  if (bare === '' || line.length > HEADING_MAX_CHARS || wordCount(line) > HEADING_MAX_WORDS) return false;
  if (!/\p{L}/u.test(bare)) return false;
  if (/^\p{Ll}/u.test(bare)) return false;
  return !/[.,;:…]$/.test(bare);
}

/** Ends like the end of a sentence, a quotation or a parenthesis, so the next line starts afresh. */
function endsTerminally(line: string): boolean {
  return /[.!?…:;"”’')\]]$/.test(line);
}

/**
 * Turns a raw article body into headings and paragraphs: drops boilerplate lines, the headline
 * printed again and captions repeated with a credit, treats each line as a paragraph and joins
 * lines that were hard-wrapped mid-sentence.
 */
export function cleanBody(raw: string, options: CleanOptions = {}): Block[] {
  const lines = dropRepeatedLines(dropFurniture(raw.split(/\r\n|\r|\n/).map(normalizeLine), options.title));
  return joinWrappedLines(lines).map(toBlock);
}

/** Replaces furniture by blank lines, so that removing it never glues its neighbours together. */
function dropFurniture(lines: string[], title: string | null | undefined): string[] {
  const titleKey = title ? comparisonKey(title) : null;
  return lines.map((line) => {
    if (line === '') return line;
    if (titleKey !== null && comparisonKey(line) === titleKey) return '';
    return isBoilerplateLine(line) ? '' : line;
  });
}

/**
 * Drops a line that repeats the previous text line, alone or with a credit in parentheses
 * (a photo caption printed twice, the second time with "(Reuters)"); the first copy stays.
 */
function dropRepeatedLines(lines: string[]): string[] {
  let previous = '';
  return lines.map((line) => {
    if (line === '') return line;
    const repeated = previous !== '' && isSameTextWithCredit(previous, line);
    if (!repeated) previous = line;
    return repeated ? '' : line;
  });
}

function isSameTextWithCredit(a: string, b: string): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (!longer.startsWith(shorter)) return false;
  const rest = longer.slice(shorter.length).trim();
  return rest === '' || /^\([^()]{1,40}\)$/.test(rest);
}

/**
 * Groups lines into paragraph texts. Consecutive lines are joined when the first is cut
 * mid-sentence: it does not end like a sentence and either the next line goes on in lowercase
 * or the first is too long to be a heading (text wrapped at a fixed width).
 */
function joinWrappedLines(lines: string[]): string[] {
  const texts: string[] = [];
  let current: string | null = null;
  for (const line of lines) {
    if (line === '') {
      if (current !== null) texts.push(current);
      current = null;
    } else if (current !== null && continuesPreviousLine(current, line)) {
      current = `${current} ${line}`;
    } else {
      if (current !== null) texts.push(current);
      current = line;
    }
  }
  if (current !== null) texts.push(current);
  return texts;
}

function continuesPreviousLine(previous: string, line: string): boolean {
  if (endsTerminally(previous)) return false;
  return /^\p{Ll}/u.test(line) || wordCount(previous) > HEADING_MAX_WORDS;
}

function toBlock(text: string): Block {
  const markdownHeading = /^#{1,6}\s+(.*)$/.exec(text);
  if (markdownHeading?.[1]) return { kind: 'heading', text: markdownHeading[1] };
  return { kind: isHeadingLike(text) ? 'heading' : 'paragraph', text };
}

/** Case-, quote- and punctuation-insensitive form, for spotting the headline repeated in the body. */
function comparisonKey(text: string): string {
  return normalizeLine(text)
    .toLowerCase()
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/[.!?]+$/, '');
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
