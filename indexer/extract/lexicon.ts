import { z } from 'zod';
import agencyData from '../data/agencies.json' with { type: 'json' };
import countryExtrasData from '../data/country-extras.json' with { type: 'json' };
import { buildCountryLexicon, type CountryExtras } from './country-lexicon.js';

const nonEmpty = z.string().trim().min(1);

const countrySchema = z.object({
  /** Canonical name shown in facets. */
  name: nonEmpty,
  /** False when the name itself mostly means something else in English news ("Jordan", "Chad"). */
  matchName: z.boolean().default(true),
  /**
   * Other names, metonyms (capitals, "Kremlin") and state bodies that act for the country
   * ("GRU", "IRGC"); matched case-sensitively.
   */
  names: z.array(nonEmpty).default([]),
  /** Adjectives: "Iranian" in "Iranian hackers". */
  demonyms: z.array(nonEmpty).default([]),
  /** Plural nouns for the people: "Iranians". */
  peoples: z.array(nonEmpty).default([]),
});

const countryExtrasSchema = z.object({
  metonyms: z.record(z.string(), z.array(nonEmpty)).default({}),
  stateBodies: z.record(z.string(), z.array(nonEmpty)).default({}),
  ambiguous: z.array(nonEmpty).default([]),
});

const agencySchema = z.object({
  /** Canonical short name shown in facets. */
  name: nonEmpty,
  fullName: nonEmpty,
  aliases: z.array(nonEmpty).default([]),
  /** False when the full name is too generic to match on its own ("Security Service"). */
  matchFullName: z.boolean().default(true),
  /**
   * A body every country has ("Foreign Ministry"): it counts only with its country stated
   * ("Iran's foreign ministry", "the Russian Foreign Ministry") and is named "Foreign Ministry (Iran)".
   */
  perCountry: z.boolean().default(false),
});

export type CountryEntry = z.infer<typeof countrySchema>;
export type AgencyEntry = z.infer<typeof agencySchema>;

/** Validates a hand-made country list, e.g. for tests or a corpus about other places. */
export function parseCountries(data: unknown): CountryEntry[] {
  return parseData(z.array(countrySchema), data, 'country list');
}

/** Validates `indexer/data/country-extras.json`. */
export function parseCountryExtras(data: unknown): CountryExtras {
  return parseData(countryExtrasSchema, data, 'indexer/data/country-extras.json');
}

/** Validates an agency list (the shape of `indexer/data/agencies.json`). */
export function parseAgencies(data: unknown): AgencyEntry[] {
  return parseData(z.array(agencySchema), data, 'indexer/data/agencies.json');
}

/** Validates a bundled or user-edited data file, naming the file and each problem's place in it. */
export function parseData<T>(schema: z.ZodType<T>, data: unknown, source: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `at [${issue.path.join('.')}]: ${issue.message}`);
  throw new Error(`${source} is invalid:\n  ${problems.join('\n  ')}`);
}

/** Every country of the ISO list with its names, capitals and demonyms, plus the bundled extras. */
export const DEFAULT_COUNTRIES: readonly CountryEntry[] = buildCountryLexicon(
  parseCountryExtras(countryExtrasData),
);

/** The bundled agency list. */
export const DEFAULT_AGENCIES: readonly AgencyEntry[] = parseAgencies(agencyData);
