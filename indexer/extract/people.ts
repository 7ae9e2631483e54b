import { z } from 'zod';
import givenNamesData from '../data/given-names.json' with { type: 'json' };
import { findAgencyMentions } from './agencies.js';
import { parseData } from './lexicon.js';
import { DEFAULT_QUOTE_LEXICON, type QuoteLexicon } from './quote-lexicon.js';
import { isNameToken, isRoleWord, roleBefore } from './speaker-phrase.js';

/** A person an article names, under one canonical name. */
export interface Person {
  /** The fullest form the article uses: "Christopher Wray" over "Chris Wray" and "Wray". */
  name: string;
  variants: string[];
  /** The first role the article states for them ("FBI Director"), or null. */
  role: string | null;
  /** Agencies named in their roles, for "the FBI Chief" to find them. */
  agencies: string[];
  /** Where they are named, as positions comparable across the article (see `article-position.ts`). */
  mentions: number[];
}

/** A name and role found in the text, before people are merged. */
export interface PersonMention {
  name: string;
  role: string | null;
  at: number;
}

const givenNamesSchema = z.object({
  variants: z.array(z.array(z.string().trim().toLowerCase().min(1)).min(2)),
});

/** Titles that mean the same head of an organisation: "the FBI Chief" is its Director. */
const HEAD_TITLES = new Set(['chief', 'director', 'head']);

/**
 * The people of one article. Mentions of one person merge however the article writes them:
 * "Chris Wray", "Christopher Wray" and "Wray"; "Alireza Miryousefi" and a misspelled
 * "Miyousefi" (one letter off).
 */
export class PeopleIndex {
  readonly people: Person[] = [];

  /** Builds the index from every mention; full names first, so a surname finds its person. */
  static from(mentions: readonly PersonMention[]): PeopleIndex {
    const index = new PeopleIndex();
    const byLength = [...mentions].sort((a, b) => wordCount(b.name) - wordCount(a.name) || a.at - b.at);
    for (const mention of byLength) index.add(mention);
    for (const person of index.people) person.mentions.sort((a, b) => a - b);
    return index;
  }

  add(mention: PersonMention): Person {
    const person = this.find(mention.name) ?? this.create(mention.name);
    if (!person.variants.includes(mention.name)) person.variants.push(mention.name);
    if (isFuller(mention.name, person.name)) person.name = mention.name;
    if (mention.role !== null) this.addRole(person, mention.role, mention.at);
    person.mentions.push(mention.at);
    return person;
  }

  find(name: string): Person | undefined {
    return this.people.find((person) => person.variants.some((variant) => samePerson(variant, name)));
  }

  /**
   * The person a role stands for: "the FBI Chief" is whoever the article gave an FBI role, and
   * "the spokesman" the last one called spokesman before `at`. Null when no one fits.
   */
  byRole(role: string, at: number): Person | null {
    const agencies = findAgencyMentions(role).map((mention) => mention.name);
    const head = headTitle(role);
    const fits = (person: Person): boolean =>
      agencies.length > 0
        ? person.agencies.some((agency) => agencies.includes(agency))
        : person.role !== null && sameHeadTitle(headTitle(person.role), head);
    return latestBefore(this.people.filter(fits), at);
  }

  private create(name: string): Person {
    const person: Person = { name, variants: [], role: null, agencies: [], mentions: [] };
    this.people.push(person);
    return person;
  }

  private addRole(person: Person, role: string, at: number): void {
    const first = person.mentions.length === 0 || at < Math.min(...person.mentions);
    if (person.role === null || first) person.role = role;
    for (const mention of findAgencyMentions(role)) {
      if (!person.agencies.includes(mention.name)) person.agencies.push(mention.name);
    }
  }
}

/**
 * People named after a title anywhere in a text: "FBI Director Chris Wray", "Director of
 * National Intelligence John Ratcliffe", "Kremlin spokesman Dmitry Peskov". The role is the run
 * of title and organisation words before the name.
 */
export function findTitledPeople(
  text: string,
  lexicon: QuoteLexicon = DEFAULT_QUOTE_LEXICON,
): PersonMention[] {
  const matches = [...text.matchAll(/\S+/g)];
  const words = matches.map((match) => match[0]);
  const found: PersonMention[] = [];
  for (let i = 0; i < words.length; i++) {
    const run = nameRun(words, i, lexicon);
    const title = words[i - 1] ?? '';
    // Longer runs are lists or places ("Seyyed Mohammad Hosein Musa Kazemi, 24, and …").
    if (run >= 2 && run <= MAX_NAME_WORDS && !/[,.;:!?]$/.test(title) && isRoleWord(title, lexicon)) {
      const name = words
        .slice(i, i + run)
        .map(bare)
        .join(' ');
      found.push({ name, role: roleBefore(words, i, lexicon), at: matches[i]?.index ?? 0 });
    }
    i += Math.max(run, 1) - 1;
  }
  return found;
}

const MAX_NAME_WORDS = 4;

/** Length of the run of name words starting at `from`, ending at punctuation ("Wray," ends it). */
function nameRun(words: readonly string[], from: number, lexicon: QuoteLexicon): number {
  let length = 0;
  for (let i = from; i < words.length; i++) {
    const word = words[i] ?? '';
    // Most words are lowercase; the cheap tests spare them the full one (a-z is never \p{Lu}).
    const first = word.charCodeAt(0);
    if (first >= 0x61 && first <= 0x7a) break;
    if (!/^\p{Lu}/u.test(word) || !isNameToken(bare(word), lexicon)) break;
    length++;
    if (/[,;:!?)]$|[^.]\.$/.test(word) && !/^\p{Lu}\.$/u.test(word)) break;
  }
  return length;
}

/** A token without the punctuation that follows words: "Wray," → "Wray"; "G." stays. */
function bare(token: string): string {
  return /^\p{Lu}\.$/u.test(token) ? token : token.replace(/[,;:!?)"”’]+$|(?<=\p{L}{2})\.$/u, '');
}

function latestBefore(people: readonly Person[], at: number): Person | null {
  let best: Person | null = null;
  let bestAt = -Infinity;
  for (const person of people) {
    const last = person.mentions.filter((mention) => mention <= at).at(-1);
    if (last !== undefined && last > bestAt) [best, bestAt] = [person, last];
  }
  return best ?? people[0] ?? null;
}

/** The title a role is built on: "director" in "U.S. Director of National Intelligence". */
function headTitle(role: string, lexicon: QuoteLexicon = DEFAULT_QUOTE_LEXICON): string {
  const words = role.toLowerCase().split(/\s+/);
  return words.findLast((word) => lexicon.titles.has(word)) ?? words.at(-1) ?? '';
}

function sameHeadTitle(a: string, b: string): boolean {
  return a === b || (HEAD_TITLES.has(a) && HEAD_TITLES.has(b));
}

/** True when two written names can be the same person. */
export function samePerson(a: string, b: string): boolean {
  const [x, y] = [nameWords(a), nameWords(b)];
  const [xLast, yLast] = [x.at(-1) ?? '', y.at(-1) ?? ''];
  if (x.length === 1 || y.length === 1) return xLast === yLast || nearlySame(xLast, yLast);
  const firstsFit = firstNamesFit(x[0] ?? '', y[0] ?? '');
  return firstsFit && (xLast === yLast || (x[0] === y[0] && nearlySame(xLast, yLast)));
}

function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/’/g, "'")
    .split(/\s+/)
    .filter((word) => !/^\p{L}\.?$/u.test(word) || name.trim().split(/\s+/).length === 1);
}

/** "Chris" and "Christopher", "M." and "Matthew", "Mike" and "Michael" (indexer/data/given-names.json). */
export function firstNamesFit(a: string, b: string): boolean {
  const [x, y] = [a.replace(/\.$/, ''), b.replace(/\.$/, '')];
  if (x.startsWith(y) || y.startsWith(x)) return true;
  const family = GIVEN_NAME_FAMILY.get(x);
  return family !== undefined && family === GIVEN_NAME_FAMILY.get(y);
}

/** Given name (lowercase) → the full form it stands for, from the data file. */
const GIVEN_NAME_FAMILY: ReadonlyMap<string, string> = new Map(
  parseData(givenNamesSchema, givenNamesData, 'indexer/data/given-names.json').variants.flatMap((family) =>
    family.map((name): [string, string] => [name, family[0] ?? name]),
  ),
);

/** A surname misspelled by one letter: long enough, same first letter, one edit apart. */
function nearlySame(a: string, b: string): boolean {
  return a.length >= 5 && b.length >= 5 && a[0] === b[0] && editDistance(a, b) <= 1;
}

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = rows[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

function isFuller(candidate: string, current: string): boolean {
  const [a, b] = [wordCount(candidate), wordCount(current)];
  return a > b || (a === b && candidate.length > current.length);
}

function wordCount(name: string): number {
  return name.trim().split(/\s+/).length;
}
