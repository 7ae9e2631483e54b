import { z } from 'zod';
import agencyData from '../data/agencies.json' with { type: 'json' };
import countryData from '../data/countries.json' with { type: 'json' };

const nonEmpty = z.string().trim().min(1);

const countrySchema = z.object({
  /** Canonical name shown in facets. */
  name: nonEmpty,
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

const agencySchema = z.object({
  /** Canonical short name shown in facets. */
  name: nonEmpty,
  fullName: nonEmpty,
  aliases: z.array(nonEmpty).default([]),
});

export type CountryEntry = z.infer<typeof countrySchema>;
export type AgencyEntry = z.infer<typeof agencySchema>;

/**
 * Validates a country list (the shape of `indexer/data/countries.json`). Throws with the
 * offending entry's position when a user's edit breaks the file.
 */
export function parseCountries(data: unknown): CountryEntry[] {
  return parseList(z.array(countrySchema), data, 'indexer/data/countries.json');
}

/** Validates an agency list (the shape of `indexer/data/agencies.json`). */
export function parseAgencies(data: unknown): AgencyEntry[] {
  return parseList(z.array(agencySchema), data, 'indexer/data/agencies.json');
}

function parseList<T>(schema: z.ZodType<T>, data: unknown, source: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `at [${issue.path.join('.')}]: ${issue.message}`);
  throw new Error(`${source} is invalid:\n  ${problems.join('\n  ')}`);
}

/** The bundled country list. */
export const DEFAULT_COUNTRIES: readonly CountryEntry[] = parseCountries(countryData);

/** The bundled agency list. */
export const DEFAULT_AGENCIES: readonly AgencyEntry[] = parseAgencies(agencyData);
