import { findCountryMentions, type CountryMention } from './countries.js';
import { DEFAULT_AGENCIES, type AgencyEntry } from './lexicon.js';
import { escapeRegExp, isAcronym, WholeWordFinder } from './patterns.js';

/** Compiled agency aliases; build once with `compileAgencyMatcher` and reuse. */
export interface AgencyMatcher {
  /** Acronyms and one-word names ("FBI", "Pentagon"), matched as written. */
  readonly exact: RegExp | null;
  /** Phrases of two words or more, matched in any case. */
  readonly phrases: RegExp | null;
  /** Alias key (see `aliasKey`) → the agency. */
  readonly agencies: ReadonlyMap<string, AgencyEntry>;
  /** Find the matches of `exact` and `phrases`, fast (see WholeWordFinder). */
  readonly finders: readonly WholeWordFinder[];
}

/** One agency named in a text: its canonical name and where the alias stands. */
export interface AgencyMention {
  name: string;
  /** The agency's full name, for "the department" to find "Treasury" (Department of the Treasury). */
  fullName: string;
  start: number;
  end: number;
}

/**
 * Compiles agency entries into two whole-word patterns. Acronyms and one-word names match as
 * written, so "cia" inside a word, a lowercase "nsa" or "the state treasury" never count;
 * phrases match in any case ("the justice department"). A leading "US" in an alias also matches
 * "U.S.", and words of a phrase may be glued together as scrapes leave them ("GuardCorps").
 */
export function compileAgencyMatcher(agencies: readonly AgencyEntry[]): AgencyMatcher {
  const byKey = new Map<string, AgencyEntry>();
  const exact: string[] = [];
  const phrases: string[] = [];
  for (const agency of agencies) {
    const aliases = [
      ...(agency.perCountry ? [] : [agency.name]),
      ...(agency.matchFullName || agency.perCountry ? [agency.fullName] : []),
      ...agency.aliases,
      ...(agency.perCountry ? [agency.name] : []),
    ];
    for (const alias of aliases) {
      byKey.set(aliasKey(alias), agency);
      (isAcronym(alias) || !/\s/.test(alias) ? exact : phrases).push(alias);
    }
  }
  const finders = [compile(exact, 'gu'), compile(phrases, 'giu')];
  return {
    exact: finders[0]?.regex ?? null,
    phrases: finders[1]?.regex ?? null,
    agencies: byKey,
    finders: finders.filter((finder) => finder !== null),
  };
}

function compile(aliases: string[], flags: string): WholeWordFinder | null {
  if (aliases.length === 0) return null;
  const alternation = [...new Set(aliases)]
    .sort((a, b) => b.length - a.length)
    .map((alias) =>
      escapeRegExp(alias)
        .replace(/\s+(?=\p{Lu})/gu, '\\s*')
        .replace(/\s+/g, '\\s+')
        .replace(/^US\\s\*/, 'U\\.?S\\.?\\s+'),
    )
    .join('|');
  return new WholeWordFinder(alternation, flags);
}

/** Matched text and alias reduce to the same key: lowercase, no spaces, "U.S." as "us". */
function aliasKey(text: string): string {
  return text
    .replace(/^U\.?S\.?\s*/i, 'US ')
    .replace(/\s+/g, '')
    .toLowerCase();
}

const defaultMatcher = compileAgencyMatcher(DEFAULT_AGENCIES);

/**
 * Government agencies a passage names, by canonical short name, sorted. Any alias in the
 * agency list counts; the list lives in `indexer/data/agencies.json` so users can extend it.
 * A body every country has ("Foreign Ministry") counts only with its country stated.
 */
export function extractAgencies(text: string, matcher: AgencyMatcher = defaultMatcher): string[] {
  return extractArticleAgencies([text], matcher)[0] ?? [];
}

/**
 * Agencies per passage of one article. Unlike `extractAgencies`, a country's body named without
 * its country ("the Foreign Ministry said") is read as the one the article named before
 * ("the Iranian Foreign Ministry"), the way a reader follows the text.
 */
export function extractArticleAgencies(
  texts: readonly string[],
  matcher: AgencyMatcher = defaultMatcher,
): string[][] {
  const lastQualified = new Map<string, string>();
  return texts.map((text) => {
    const names = findAgencyMentions(text, matcher, lastQualified).map((mention) => mention.name);
    return [...new Set(names)].sort();
  });
}

/**
 * Every agency named in a text with its position. `lastQualified` (body → canonical name) carries
 * the country of bodies like "Foreign Ministry" from earlier text and is updated as they are read.
 */
export function findAgencyMentions(
  text: string,
  matcher: AgencyMatcher = defaultMatcher,
  lastQualified = new Map<string, string>(),
): AgencyMention[] {
  // Only bodies like "Foreign Ministry" need the countries, and most texts name none of them.
  let countries: CountryMention[] | null = null;
  const countriesOf = (): CountryMention[] => (countries ??= findCountryMentions(text));
  const mentions: AgencyMention[] = [];
  for (const finder of matcher.finders) {
    for (const match of finder.matches(text)) {
      const agency = matcher.agencies.get(aliasKey(match.text));
      if (!agency) continue;
      const start = match.index;
      const end = start + match.text.length;
      const name = agency.perCountry
        ? qualifiedName(agency.name, ownerCountry(text, start, end, countriesOf()), lastQualified)
        : agency.name;
      if (name !== null) mentions.push({ name, fullName: agency.fullName, start, end });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

function qualifiedName(
  body: string,
  country: string | null,
  lastQualified: Map<string, string>,
): string | null {
  if (country === null) return lastQualified.get(body) ?? null;
  const name = `${body} (${country})`;
  lastQualified.set(body, name);
  return name;
}

/** "Iran's foreign ministry", "the Iranian Foreign Ministry", "Ministry of Foreign Affairs of Iran". */
function ownerCountry(
  text: string,
  start: number,
  end: number,
  countries: readonly CountryMention[],
): string | null {
  const before = countries.findLast((mention) => mention.end <= start);
  if (before && /^(?:['’]s)?\s+$/u.test(text.slice(before.end, start))) return before.country;
  const after = countries.find((mention) => mention.start >= end);
  if (after?.kind === 'name' && /^\s+of\s+(?:the\s+)?$/iu.test(text.slice(end, after.start)))
    return after.country;
  return null;
}
