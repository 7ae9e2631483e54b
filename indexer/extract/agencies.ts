import { DEFAULT_AGENCIES, type AgencyEntry } from './lexicon.js';
import { escapeRegExp, isAcronym, wholeWords } from './patterns.js';

/** Compiled agency aliases; build once with `compileAgencyMatcher` and reuse. */
export interface AgencyMatcher {
  /** Acronyms, matched in capitals only. */
  readonly acronyms: RegExp | null;
  /** Phrases, matched in any case. */
  readonly phrases: RegExp | null;
  /** Alias key (see `aliasKey`) → canonical name. */
  readonly names: ReadonlyMap<string, string>;
}

/**
 * Compiles agency entries into two whole-word patterns: acronyms ("FBI", "MI5") match in
 * capitals only, so "cia" inside a word or a lowercase "nsa" never counts; phrases match in any
 * case. A leading "US" in an alias also matches "U.S.".
 */
export function compileAgencyMatcher(agencies: readonly AgencyEntry[]): AgencyMatcher {
  const names = new Map<string, string>();
  const acronyms: string[] = [];
  const phrases: string[] = [];
  for (const agency of agencies) {
    for (const alias of [agency.name, agency.fullName, ...agency.aliases]) {
      names.set(aliasKey(alias), agency.name);
      (isAcronym(alias) ? acronyms : phrases).push(alias);
    }
  }
  return { acronyms: compile(acronyms, 'gu'), phrases: compile(phrases, 'giu'), names };
}

function compile(aliases: string[], flags: string): RegExp | null {
  if (aliases.length === 0) return null;
  const alternation = [...new Set(aliases)]
    .sort((a, b) => b.length - a.length)
    .map((alias) =>
      escapeRegExp(alias)
        .replace(/\s+/g, '\\s+')
        .replace(/^US\\s\+/, 'U\\.?S\\.?\\s+'),
    )
    .join('|');
  return new RegExp(wholeWords(alternation), flags);
}

/** Matched text and alias reduce to the same key: lowercase, single spaces, "U.S." as "us". */
function aliasKey(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/^U\.?S\.? /i, 'US ')
    .toLowerCase();
}

const defaultMatcher = compileAgencyMatcher(DEFAULT_AGENCIES);

/**
 * Government agencies a passage names, by canonical short name, sorted. Any alias in the
 * agency list counts; the list lives in `indexer/data/agencies.json` so users can extend it.
 */
export function extractAgencies(text: string, matcher: AgencyMatcher = defaultMatcher): string[] {
  const found = new Set<string>();
  for (const pattern of [matcher.acronyms, matcher.phrases]) {
    if (pattern === null) continue;
    for (const [match] of text.matchAll(pattern)) {
      const name = matcher.names.get(aliasKey(match));
      if (name !== undefined) found.add(name);
    }
  }
  return [...found].sort();
}
