import { findAgencyMentions } from './agencies.js';
import { countryOfSurface, findCountryMentions } from './countries.js';
import { DEFAULT_QUOTE_LEXICON, type QuoteLexicon } from './quote-lexicon.js';

/** What the words in a speaker's place say about who is speaking, before the article resolves them. */
export type SpeakerPhrase =
  /** "Kremlin spokesman Dmitry Peskov", "Ratcliffe" (a name of one word is resolved later). */
  | { kind: 'person'; name: string; role: string | null }
  | { kind: 'pronoun'; pronoun: (typeof PRONOUNS)[number] }
  /** A person named by role only: "the FBI Chief", "the security chief". */
  | { kind: 'role'; role: string }
  /** An agency, a country or a named group: "the Treasury", "Iran's foreign ministry", "Democrats". */
  | { kind: 'organisation'; name: string }
  /** "both agencies", "the two agencies": the agencies just named. */
  | { kind: 'agencies' }
  /** "the department", "the ministry": the agency of that kind named last. */
  | { kind: 'agency-anaphor'; head: string }
  /** Something written rather than someone: "the alert"; `issuers` when the phrase names them ("an FBI alert"). */
  | { kind: 'document'; noun: string; issuers: string[] }
  /** Someone the text does not name: "government officials", "a source". */
  | { kind: 'unnamed' };

const PRONOUNS = ['he', 'she', 'they', 'it'] as const;
const DETERMINER = /^(?:the|a|an|both|two|the two|another|one|its|their|his|her)\s+/i;
const INDEFINITE = /^(?:a|an|another|one)$/i;
/** Capitalised words that open sentences or name days and months, never part of a person's name. */
const NOT_NAMES = new Set(
  (
    'the a an in on at but and or so yet however still also after before during following regarding ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june ' +
    'july august september october november december'
  ).split(' '),
);

/**
 * Reads the words in a speaker's place — the subject of "said", the words after "said", or an
 * apposition ("John Scott-Railton, a senior researcher …") — into a speaker phrase.
 */
export function parseSpeakerPhrase(
  phrase: string,
  lexicon: QuoteLexicon = DEFAULT_QUOTE_LEXICON,
): SpeakerPhrase {
  const text = phrase
    .replace(/\s+/g, ' ')
    .replace(/^[\s,]+|[\s,.;:]+$/g, '')
    .trim();
  const pronoun = PRONOUNS.find((candidate) => candidate === text.toLowerCase());
  if (pronoun) return { kind: 'pronoun', pronoun };
  const parts = text.split(/\s*,\s*/).filter((part) => part !== '');
  if (parts.length > 1) return parseApposition(parts, lexicon);
  return parseSimplePhrase(text, lexicon);
}

/** "The Spokesman for Iran's mission, Alireza Miryousefi" or "John Scott-Railton, a senior researcher". */
function parseApposition(parts: readonly string[], lexicon: QuoteLexicon): SpeakerPhrase {
  const nameAt = parts.findIndex((part) => isBareName(part, lexicon));
  // Without a name, the first part is the head and the rest describes it.
  if (nameAt === -1) return parseSimplePhrase(parts[0] ?? '', lexicon);
  const role = parts
    .filter((_, i) => i !== nameAt)
    .map((part) => part.replace(DETERMINER, ''))
    .join(', ');
  return { kind: 'person', name: parts[nameAt] ?? '', role: role === '' ? null : role };
}

function parseSimplePhrase(text: string, lexicon: QuoteLexicon): SpeakerPhrase {
  const determiner = DETERMINER.exec(text)?.[0].trim() ?? '';
  const rest = text.slice(determiner.length).trim();
  const lastWord = (rest.split(' ').at(-1) ?? '').toLowerCase();
  if (lastWord === 'agencies' && /^(?:both|two|the two|the)$/i.test(determiner)) return { kind: 'agencies' };
  if (INDEFINITE.test(determiner)) return { kind: 'unnamed' };
  if (/^the$/i.test(determiner) && lexicon.organisationWords.has(rest.toLowerCase())) {
    return { kind: 'agency-anaphor', head: rest.toLowerCase() };
  }
  if (lexicon.groups.has(rest)) return { kind: 'organisation', name: rest };
  if (lexicon.genericPeople.has(lastWord)) return { kind: 'unnamed' };
  const person = asPerson(rest, lexicon);
  if (person) return person;
  // A title last makes a person even when the words before name an agency ("the FBI Chief").
  if (lexicon.titles.has(lastWord)) return { kind: 'role', role: rest };
  return asOrganisation(rest) ?? asDocument(rest, lexicon) ?? { kind: 'unnamed' };
}

/** A name at the end of the phrase, and the title before it as the role. */
function asPerson(text: string, lexicon: QuoteLexicon): SpeakerPhrase | null {
  const tokens = text.split(' ');
  let first = tokens.length;
  while (first > 0 && isNameToken(tokens[first - 1] ?? '', lexicon)) first--;
  const name = tokens.slice(first);
  if (name.length === 0 || name.length > 4 || name.every(isInitial)) return null;
  // A lone capitalised word after lowercase words is a title or a thing ("the Proud Boys group").
  if (name.length === 1 && first > 0 && !isRoleWord(tokens[first - 1] ?? '', lexicon)) return null;
  return { kind: 'person', name: name.join(' '), role: roleBefore(tokens, first, lexicon) };
}

/**
 * The run of title and organisation words right before a name: "U.S. Director of National
 * Intelligence" before "John Ratcliffe", "FBI Director" in "… the press conference included FBI
 * Director Chris Wray". Null when a name stands alone.
 */
export function roleBefore(
  tokens: readonly string[],
  nameAt: number,
  lexicon: QuoteLexicon = DEFAULT_QUOTE_LEXICON,
): string | null {
  let start = nameAt;
  while (start > 0) {
    const token = tokens[start - 1] ?? '';
    if (/[,;:!?]$/.test(token)) break;
    const connector = /^(?:of|for|the)$/i.test(token) && /^\p{Lu}/u.test(tokens[start] ?? '');
    if (!connector && !isRoleWord(token.replace(/[’']s$/, ''), lexicon) && !/^\p{Lu}/u.test(token)) break;
    start--;
  }
  while (start < nameAt && /^(?:of|for|the)$/i.test(tokens[start] ?? '')) start++;
  const role = tokens.slice(start, nameAt).join(' ');
  return role === '' ? null : role;
}

function asOrganisation(text: string): SpeakerPhrase | null {
  const agency = findAgencyMentions(text).at(-1);
  if (agency && agency.end === text.length && isQualifier(text.slice(0, agency.start))) {
    return { kind: 'organisation', name: agency.name };
  }
  const [country, ...others] = findCountryMentions(text);
  if (
    country &&
    others.length === 0 &&
    country.kind === 'name' &&
    country.start === 0 &&
    country.end === text.length
  ) {
    return { kind: 'organisation', name: country.country };
  }
  return null;
}

/** What may stand before an agency's name in a speaker phrase: nothing, "US", "Iran's". */
function isQualifier(text: string): boolean {
  const rest = text.trim();
  if (rest === '') return true;
  const countries = findCountryMentions(rest);
  return countries.length === 1 && /^(?:['’]s)?$/.test(rest.slice(countries[0]?.end ?? 0).trim());
}

function asDocument(text: string, lexicon: QuoteLexicon): SpeakerPhrase | null {
  const lower = text.toLowerCase();
  // "The text of the emails", "the subject line on the email": the head noun, or the last one.
  const head = lower.split(/\s+(?:of|on|from|in)\s+/)[0] ?? lower;
  const endsWith = (phrase: string, word: string): boolean => phrase === word || phrase.endsWith(` ${word}`);
  const noun = [...lexicon.documents].find(
    (document) => endsWith(head, document) || endsWith(lower, document),
  );
  if (noun === undefined) return null;
  return {
    kind: 'document',
    noun,
    issuers: [...new Set(findAgencyMentions(text).map((mention) => mention.name))],
  };
}

/** A phrase that is nothing but a person's name: "Alireza Miryousefi", "Miyousefi". */
export function isBareName(text: string, lexicon: QuoteLexicon = DEFAULT_QUOTE_LEXICON): boolean {
  const tokens = text.trim().split(/\s+/);
  return (
    tokens.length <= 4 &&
    tokens.every((token) => isNameToken(token, lexicon)) &&
    !tokens.every(isInitial) &&
    findCountryMentions(text).length === 0
  );
}

/**
 * A word that can be part of a person's name: capitalised ("O'Brien", "Scott-Railton") or an
 * initial ("G."), but not a title, an organisation word, an acronym, a country or a possessive.
 */
export function isNameToken(token: string, lexicon: QuoteLexicon = DEFAULT_QUOTE_LEXICON): boolean {
  if (isInitial(token)) return true;
  if (!/^\p{Lu}[\p{Ll}'’-][\p{L}'’-]*$/u.test(token)) return false;
  if (/['’]s$/.test(token)) return false;
  const lower = token.toLowerCase();
  if (NOT_NAMES.has(lower) || isRoleWord(token, lexicon)) return false;
  return countryOfSurface(token) === null;
}

/** A title ("Director", "spokesman") or a word of an organisation's name ("Intelligence", "House"). */
export function isRoleWord(token: string, lexicon: QuoteLexicon = DEFAULT_QUOTE_LEXICON): boolean {
  if (/^\p{Lu}{2,}/u.test(token)) return true;
  // "Director-General", "Secretary-General", "vice-president": a title if any part is one.
  return token
    .toLowerCase()
    .split('-')
    .some((part) => lexicon.titles.has(part) || lexicon.organisationWords.has(part));
}

function isInitial(token: string): boolean {
  return /^\p{Lu}\.?$/u.test(token);
}
