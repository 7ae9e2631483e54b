import { splitSentences } from '../sentences.js';
import {
  ACCUSED_PARTY_NOUNS,
  ACCUSING_VERBS,
  ACTOR_NOUNS,
  ACTS_BY,
  ACTS_FROM,
  ACTS_OF,
  AGENT_VERBS,
  ATTRIBUTION_PREDICATES,
  AUXILIARIES,
  DEMONYM_SUFFIXES,
  DENIAL_CUES,
  ELECTION_BOUND_CUES,
  ELECTION_CONTEXT,
  NOT_AN_ACTOR_AFTER,
  POSSESSED_ACTS,
  STRONG_CUES,
  TRACING_VERBS,
} from './accusation-rules.js';
import { DEFAULT_COUNTRIES, type CountryEntry } from './lexicon.js';
import { lexiconKey, literalAlternation, WholeWordFinder, wholeWords } from './patterns.js';

/** One country found accused, with the rule and sentence that said so (for tuning and tests). */
export interface Accusation {
  country: string;
  rule: string;
  sentence: string;
}

/** Compiled country names; build once with `compileCountryMatcher` and reuse. */
export interface CountryMatcher {
  readonly mention: RegExp;
  /** Finds the matches of `mention`, fast (see WholeWordFinder). */
  readonly finder: WholeWordFinder;
  readonly surfaces: ReadonlyMap<string, { country: string; kind: 'name' | 'demonym' }>;
}

/**
 * A name right after one of these words is another place: "New Mexico", "Latin America",
 * "Northern Ireland". Names that really start so ("North Korea") are matched whole before this
 * check applies.
 */
const OTHER_PLACE = {
  pattern:
    '(?:New|Latin|South|North|Central|East|West|Northern|Southern|Eastern|Western|Upper|Lower|Greater)\\s',
  // The longest of them and its space, in UTF-16 units.
  length: 9,
};

/**
 * Compiles a country list into one case-sensitive pattern for every name, metonym, demonym and
 * people noun. Case matters: "US" is a country, "us" is not.
 */
export function compileCountryMatcher(countries: readonly CountryEntry[]): CountryMatcher {
  const surfaces = new Map<string, { country: string; kind: 'name' | 'demonym' }>();
  for (const entry of countries) {
    const names = entry.matchName ? [entry.name, ...entry.names] : entry.names;
    for (const name of [...names, ...entry.peoples]) {
      surfaces.set(lexiconKey(name), { country: entry.name, kind: 'name' });
    }
    for (const demonym of entry.demonyms)
      surfaces.set(lexiconKey(demonym), { country: entry.name, kind: 'demonym' });
  }
  const finder = new WholeWordFinder(literalAlternation([...surfaces.keys()]), 'gu', OTHER_PLACE);
  return { mention: finder.regex, finder, surfaces };
}

// Country mentions are replaced by tokens before the rules run, so that the rules can ignore
// case while the names keep it: ⟦n⟧ is a country name or people noun, ⟪n⟫ a demonym.
const NAME = '⟦\\d+⟧';
const DEMONYM = '⟪\\d+⟫';
const TOKEN = /⟦(\d+)⟧|⟪(\d+)⟫/g;
/** A word the rules may skip over: never a country, never across sentence punctuation. */
const WORD = '[^\\s.;:!?⟦⟧⟪⟫]+';

const alt = (fragments: readonly string[]): string => `(?:${fragments.join('|')})`;

const NAME_LIST = `${NAME}(?:(?:, ?| )(?:and |or )?(?:the )?${NAME})*`;
const DEMONYM_ACTOR = `${DEMONYM}(?:-${alt(DEMONYM_SUFFIXES)})? (?:${WORD} ){0,2}?${alt(ACTOR_NOUNS)}`;
const AUX_CHAIN = (max: number): string => `(?:${alt(AUXILIARIES)} ){0,${max}}`;
const NOT_POSSESSIVE = "(?!['’]s\\b)";

interface Rule {
  name: string;
  pattern: RegExp;
  /** `sentence`: the sentence must name an act; `paragraph`: some sentence of the paragraph must. */
  needs: 'sentence' | 'paragraph';
  /** Only in a sentence that accuses, charges or sanctions someone. */
  needsAccusingVerb?: boolean;
  /** Follow "and Russia", ", and separately, by Russia" after the matched country. */
  followsCoordination?: boolean;
}

const rule = (name: string, source: string, options: Omit<Rule, 'name' | 'pattern'>): Rule => ({
  name,
  pattern: new RegExp(source, 'giu'),
  ...options,
});

/** The rules, in the order they are tried; every match adds its countries. See accusation-rules.ts. */
const RULES: readonly Rule[] = [
  rule(
    'subject of an interfering verb',
    `(?<who>${NAME_LIST})${NOT_POSSESSIVE}(?:,? (?:which|who))?,? ${AUX_CHAIN(5)}${alt(AGENT_VERBS)}\\b(?! by\\b)`,
    { needs: 'sentence' },
  ),
  rule(
    'object of an accusation',
    `\\b${alt(ACCUSING_VERBS)} (?:${WORD} ){0,4}?(?:the )?(?<who>${NAME})${NOT_POSSESSIVE}`,
    { needs: 'sentence', followsCoordination: true },
  ),
  rule('agent after "by"', `\\b${alt(ACTS_BY)} by (?:the )?(?<who>${NAME})${NOT_POSSESSIVE}`, {
    needs: 'sentence',
    followsCoordination: true,
  }),
  rule('agent after "from"', `\\b${alt(ACTS_FROM)} from (?:the )?(?<who>${NAME})${NOT_POSSESSIVE}`, {
    needs: 'sentence',
    followsCoordination: true,
  }),
  rule('agent after "of"', `\\b${alt(ACTS_OF)} of (?:the )?(?<who>${NAME})${NOT_POSSESSIVE}`, {
    needs: 'sentence',
    followsCoordination: true,
  }),
  rule(
    'traced back to',
    `\\b${alt(TRACING_VERBS)} (?:${WORD} ){0,6}?(?:back )?to (?:the )?(?<who>${NAME})${NOT_POSSESSIVE}`,
    { needs: 'sentence', followsCoordination: true },
  ),
  rule('possessor of the act', `(?<who>${NAME})['’]s (?:${WORD} ){0,3}?${alt(POSSESSED_ACTS)}\\b`, {
    needs: 'sentence',
  }),
  rule('demonym on an actor', `(?<who>${DEMONYM_ACTOR})\\b(?!['’])(?! ${alt(NOT_AN_ACTOR_AFTER)}\\b)`, {
    needs: 'sentence',
  }),
  rule(
    'demonym on an accused party',
    `(?<who>${DEMONYM}(?:-${alt(DEMONYM_SUFFIXES)})? (?:${WORD} ){0,2}?${alt(ACCUSED_PARTY_NOUNS)})\\b(?!['’])(?! ${alt(NOT_AN_ACTOR_AFTER)}\\b)`,
    { needs: 'sentence', needsAccusingVerb: true },
  ),
  rule(
    'attributed act',
    `(?<who>${NAME_LIST}|${DEMONYM_ACTOR})${NOT_POSSESSIVE},? ${AUX_CHAIN(4)}${alt(ATTRIBUTION_PREDICATES)}\\b`,
    { needs: 'paragraph' },
  ),
];

/** ", and separately, by Russia", " in this case and Russia", " or the Kremlin" after a matched country. */
const COORDINATED = new RegExp(
  `(?: in (?:${WORD} ){0,3}?${WORD})?(?:, ?(?:and |or )?| (?:and|or|as well as) )(?:separately,? )?(?:also )?(?:by |from )?(?:the )?(?<who>${NAME})${NOT_POSSESSIVE}`,
  'iuy',
);

const words = (fragments: readonly string[]): RegExp => new RegExp(wholeWords(alt(fragments)), 'iu');
const STRONG_CUE = words(STRONG_CUES);
const ELECTION_BOUND_CUE = words(ELECTION_BOUND_CUES);
const ELECTION_WORD = words(ELECTION_CONTEXT);
const DENIAL = words(DENIAL_CUES);
const ACCUSING_VERB = words(ACCUSING_VERBS);

/** True when the sentence names an act of interference (possibly only as an election-bound verb). */
export function namesInterference(sentence: string): boolean {
  return STRONG_CUE.test(sentence) || (ELECTION_BOUND_CUE.test(sentence) && ELECTION_WORD.test(sentence));
}

/** True when the sentence denies or dismisses an accusation. */
export function isDenial(sentence: string): boolean {
  return DENIAL.test(sentence);
}

const defaultMatcher = compileCountryMatcher(DEFAULT_COUNTRIES);

/** A country named in a text, where and how ("Iranian" is a demonym, "Tehran" a name). */
export interface CountryMention {
  start: number;
  end: number;
  country: string;
  kind: 'name' | 'demonym';
}

/** The country a single word or name stands for, if it is one ("Tehran" → Iran), without scanning text. */
export function countryOfSurface(surface: string, matcher: CountryMatcher = defaultMatcher): string | null {
  return matcher.surfaces.get(lexiconKey(surface))?.country ?? null;
}

/** Every country mention in a text, in order. Other extractors use it to qualify what they find. */
export function findCountryMentions(
  text: string,
  matcher: CountryMatcher = defaultMatcher,
): CountryMention[] {
  const mentions: CountryMention[] = [];
  for (const match of matcher.finder.matches(text)) {
    const found = matcher.surfaces.get(lexiconKey(match.text));
    if (found) mentions.push({ start: match.index, end: match.index + match.text.length, ...found });
  }
  return mentions;
}

/**
 * Explains which countries a passage accuses of interference: every accusation with the rule
 * and sentence behind it. Rules are sentence-level and favour precision: accusers, go-betweens,
 * places and denials are not accused, and a passage without a clear accusation yields nothing.
 */
export function findAccusations(text: string, matcher: CountryMatcher = defaultMatcher): Accusation[] {
  // Most passages name no country at all; they need no sentence splitting.
  if (!matcher.finder.test(text)) return [];
  const sentences = splitSentences(text).map((sentence) => sentence.replace(/\s+/g, ' '));
  const paragraphNamesInterference = sentences.some(namesInterference);
  return sentences.flatMap((sentence) => {
    if (isDenial(sentence)) return [];
    const sentenceNamesInterference = namesInterference(sentence);
    const accusing = ACCUSING_VERB.test(sentence);
    const applicable = RULES.filter(
      (r) =>
        (r.needs === 'sentence' ? sentenceNamesInterference : paragraphNamesInterference) &&
        (!r.needsAccusingVerb || accusing),
    );
    return applicable.length === 0 ? [] : applySentenceRules(sentence, applicable, matcher);
  });
}

/** Names of the countries a passage accuses of interference, sorted. */
export function extractAccusedCountries(text: string, matcher: CountryMatcher = defaultMatcher): string[] {
  return [...new Set(findAccusations(text, matcher).map((accusation) => accusation.country))].sort();
}

function applySentenceRules(sentence: string, rules: readonly Rule[], matcher: CountryMatcher): Accusation[] {
  const { masked, countries } = maskCountries(sentence, matcher);
  if (countries.length === 0) return [];
  const accusations: Accusation[] = [];
  for (const r of rules) {
    for (const match of masked.matchAll(r.pattern)) {
      const who = [match.groups?.['who'] ?? ''];
      if (r.followsCoordination) who.push(...coordinatedAfter(masked, match.index + match[0].length));
      for (const index of tokenIndexes(who.join(' '))) {
        const country = countries[index];
        if (country) accusations.push({ country, rule: r.name, sentence });
      }
    }
  }
  return accusations;
}

/** Replaces each country mention by a token and returns the countries in token order. */
function maskCountries(sentence: string, matcher: CountryMatcher): { masked: string; countries: string[] } {
  const countries: string[] = [];
  const masked = matcher.finder.replace(sentence, (surface) => {
    const found = matcher.surfaces.get(lexiconKey(surface));
    if (!found) return surface;
    countries.push(found.country);
    const n = countries.length - 1;
    return found.kind === 'name' ? `⟦${n}⟧` : `⟪${n}⟫`;
  });
  return { masked, countries };
}

function coordinatedAfter(masked: string, from: number): string[] {
  const found: string[] = [];
  COORDINATED.lastIndex = from;
  for (let match = COORDINATED.exec(masked); match; match = COORDINATED.exec(masked)) {
    found.push(match.groups?.['who'] ?? '');
  }
  return found;
}

function tokenIndexes(text: string): number[] {
  return [...text.matchAll(TOKEN)].map((match) => Number(match[1] ?? match[2]));
}
