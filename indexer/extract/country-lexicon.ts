import { countries as isoCountries } from 'countries-list';
import worldCountriesModule, { type Country } from 'world-countries';
import type { CountryEntry } from './lexicon.js';

// The package types describe an ES module with a default export, but Node loads its CommonJS
// entry (and bundlers its ES one), whose export is the list itself either way.
const worldCountries = worldCountriesModule as unknown as readonly Country[];

/** The hand-kept part of the country vocabulary (see `indexer/data/country-extras.json`). */
export interface CountryExtras {
  /** Canonical name → metonyms the packages lack ("Kremlin"). */
  metonyms: Record<string, string[]>;
  /** Canonical name → state bodies that act for the country ("GRU"). */
  stateBodies: Record<string, string[]>;
  /** Surfaces dropped because English news mostly means something else by them ("Georgia", "Jordan"). */
  ambiguous: string[];
}

type Kind = 'name' | 'demonym' | 'people';

interface Draft {
  name: string;
  independent: boolean;
  surfaces: Map<string, Kind>;
}

/**
 * Builds the country vocabulary from two maintained packages: `countries-list` gives the English
 * short name (the canonical facet value), common aliases ("US", "Britain", "DPRK") and the
 * capital; `world-countries` gives the official name ("Islamic Republic of Iran") and the
 * demonyms ("Iranian"). From those we derive dotted abbreviations ("U.S.") and the plural people
 * nouns ("Iranians"). The extras add what no package has. A surface claimed by two countries goes
 * to the only sovereign one among them, or to none.
 */
export function buildCountryLexicon(extras: CountryExtras): CountryEntry[] {
  const drafts = packageDrafts();
  addExtras(drafts, extras);
  const owners = surfaceOwners(drafts.values());
  const ambiguous = new Set(extras.ambiguous);
  return [...drafts.values()].map((draft) => toEntry(draft, owners, ambiguous));
}

function packageDrafts(): Map<string, Draft> {
  const world = new Map(worldCountries.map((country) => [country.cca2, country]));
  const drafts = new Map<string, Draft>();
  for (const [code, iso] of Object.entries(isoCountries)) {
    const other = world.get(code);
    const surfaces = new Map<string, Kind>();
    const names = [iso.name, ...(iso.alias ?? []), iso.capital, other?.name.common, other?.name.official];
    for (const name of names) if (name) addName(surfaces, name);
    for (const demonym of [other?.demonyms['eng']?.m, other?.demonyms['eng']?.f]) {
      if (demonym) addDemonym(surfaces, demonym);
    }
    drafts.set(iso.name, { name: iso.name, independent: other?.independent ?? false, surfaces });
  }
  return drafts;
}

function addExtras(drafts: Map<string, Draft>, extras: CountryExtras): void {
  for (const table of [extras.metonyms, extras.stateBodies]) {
    for (const [country, names] of Object.entries(table)) {
      const draft = drafts.get(country);
      if (!draft) throw new Error(`indexer/data/country-extras.json: no country is named "${country}"`);
      for (const name of names) draft.surfaces.set(name, 'name');
    }
  }
}

function addName(surfaces: Map<string, Kind>, name: string): void {
  surfaces.set(name, 'name');
  for (const dotted of dottedForms(name)) surfaces.set(dotted, 'name');
}

function addDemonym(surfaces: Map<string, Kind>, demonym: string): void {
  surfaces.set(demonym, 'demonym');
  const plural = peopleNoun(demonym);
  if (plural) surfaces.set(plural, 'people');
}

/** "US" is also written "U.S." and, in careless copy, "U.S"; the same holds for "UK" and "USA". */
export function dottedForms(name: string): string[] {
  if (!/^[A-Z]{2,4}$/.test(name)) return [];
  const dotted = `${name.split('').join('.')}.`;
  return [dotted, dotted.slice(0, -1)];
}

/**
 * The plural noun for the people: "Iranian" → "Iranians", "North Korean" → "North Koreans".
 * Demonyms in -ese, -sh, -ch, -s, -x or -z ("Chinese", "British", "Dutch", "Swiss") have none.
 */
export function peopleNoun(demonym: string): string | null {
  const words = demonym.split(/\s+/);
  const last = words.at(-1) ?? '';
  if (/(?:ese|sh|ch|s|x|z)$/.test(last)) return null;
  return [...words.slice(0, -1), `${last}s`].join(' ');
}

/** Surface → the countries that claim it. */
function surfaceOwners(drafts: Iterable<Draft>): Map<string, Draft[]> {
  const owners = new Map<string, Draft[]>();
  for (const draft of drafts) {
    for (const surface of draft.surfaces.keys()) owners.set(surface, [...(owners.get(surface) ?? []), draft]);
  }
  return owners;
}

function toEntry(draft: Draft, owners: Map<string, Draft[]>, ambiguous: Set<string>): CountryEntry {
  const entry: CountryEntry = {
    name: draft.name,
    matchName: !ambiguous.has(draft.name),
    names: [],
    demonyms: [],
    peoples: [],
  };
  for (const [surface, kind] of draft.surfaces) {
    if (surface === draft.name || ambiguous.has(surface) || !ownsSurface(draft, owners.get(surface) ?? [])) {
      continue;
    }
    if (kind === 'name') entry.names.push(surface);
    else if (kind === 'demonym') entry.demonyms.push(surface);
    else entry.peoples.push(surface);
  }
  return entry;
}

function ownsSurface(draft: Draft, claimants: readonly Draft[]): boolean {
  if (claimants.length <= 1) return true;
  const sovereign = claimants.filter((claimant) => claimant.independent);
  return sovereign.length === 1 && sovereign[0] === draft;
}
