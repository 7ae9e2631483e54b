/**
 * Names the synthetic articles draw on. Countries and agencies are spelled the way the indexer's
 * extractors (indexer/extract) recognise them, so the facets of a generated corpus are populated;
 * test/bench/corpus-generator.test.ts checks that against the extractors themselves.
 * Outlets and people are invented.
 */

export interface CountryNames {
  /** Canonical name, as the country facet shows it. */
  name: string;
  /** Adjective: "Iranian hackers". */
  demonym: string;
  /** The capital, used for denials and mentions that accuse no one. */
  capital: string;
}

/** Ordered by how often they are accused: the generator draws them with Zipf weights. */
export const COUNTRIES: readonly CountryNames[] = [
  { name: 'Russia', demonym: 'Russian', capital: 'Moscow' },
  { name: 'Iran', demonym: 'Iranian', capital: 'Tehran' },
  { name: 'China', demonym: 'Chinese', capital: 'Beijing' },
  { name: 'North Korea', demonym: 'North Korean', capital: 'Pyongyang' },
  { name: 'Venezuela', demonym: 'Venezuelan', capital: 'Caracas' },
  { name: 'Cuba', demonym: 'Cuban', capital: 'Havana' },
  { name: 'Belarus', demonym: 'Belarusian', capital: 'Minsk' },
  { name: 'Syria', demonym: 'Syrian', capital: 'Damascus' },
  { name: 'Moldova', demonym: 'Moldovan', capital: 'Chisinau' },
  { name: 'Qatar', demonym: 'Qatari', capital: 'Doha' },
  { name: 'Azerbaijan', demonym: 'Azerbaijani', capital: 'Baku' },
  { name: 'Hungary', demonym: 'Hungarian', capital: 'Budapest' },
  { name: 'Pakistan', demonym: 'Pakistani', capital: 'Islamabad' },
  { name: 'Egypt', demonym: 'Egyptian', capital: 'Cairo' },
  { name: 'Serbia', demonym: 'Serbian', capital: 'Belgrade' },
  { name: 'Nicaragua', demonym: 'Nicaraguan', capital: 'Managua' },
];

export interface AgencyNames {
  /** Canonical short name, as the agency facet shows it. */
  name: string;
  /** Ways articles refer to it; each is an alias in indexer/data/agencies.json. */
  mentions: readonly string[];
}

export const AGENCIES: readonly AgencyNames[] = [
  { name: 'FBI', mentions: ['FBI', 'Federal Bureau of Investigation'] },
  { name: 'CISA', mentions: ['CISA', 'Cybersecurity and Infrastructure Security Agency'] },
  {
    name: 'ODNI',
    mentions: ['Office of the Director of National Intelligence', 'Director of National Intelligence'],
  },
  { name: 'DHS', mentions: ['Department of Homeland Security', 'DHS'] },
  { name: 'DOJ', mentions: ['Justice Department', 'Department of Justice'] },
  { name: 'Treasury', mentions: ['Treasury Department', 'Office of Foreign Assets Control'] },
  { name: 'State Department', mentions: ['State Department'] },
  { name: 'NSA', mentions: ['National Security Agency', 'NSA'] },
  { name: 'CIA', mentions: ['CIA', 'Central Intelligence Agency'] },
  { name: 'DOD', mentions: ['Pentagon', 'Defense Department'] },
];

/** Invented outlets, most prolific first. */
export const OUTLETS: readonly string[] = [
  'The Morning Ledger',
  'Capital Wire',
  'Northern Courier',
  'Global Dispatch',
  'The Evening Standardbearer',
  'Harbor Times',
  'Civic Observer',
  'Meridian News',
  'The Frontier Herald',
  'Lakeside Tribune',
  'Continental Review',
  'Signal Daily',
  'The Quarterly Monitor',
  'Atlas Press Agency',
  'Riverbank Gazette',
  'Pinecrest Post',
  'Summit Bulletin',
  'The Open Record',
  'Westgate Journal',
  'Coastline Chronicle',
  'Prairie Sentinel',
  'Metro Ledger',
  'The Plain Reporter',
  'Eastern Correspondent',
];

export const FIRST_NAMES: readonly string[] = (
  'Anna David Maria James Elena Michael Sofia Daniel Laura Robert Nadia Thomas Julia Peter Sarah ' +
  'Ahmed Olga Carlos Mei Samuel Fatima Lucas Ingrid Omar Hannah Victor Leila Martin Clara Jonas'
).split(' ');

export const LAST_NAMES: readonly string[] = (
  'Keller Moreno Lindqvist Okafor Brennan Castillo Novak Whitaker Haddad Petrova Sutherland Abara ' +
  'Fischer Delgado Marsh Kowalski Ashworth Tanaka Ferreira Holloway Rasmussen Caldwell Ibarra Winslow'
).split(' ');

/** Roles for quoted speakers; `{agency}` is replaced by an agency mention. */
export const SPEAKER_ROLES: readonly string[] = [
  'a spokesperson for the {agency}',
  'a senior official at the {agency}',
  'an analyst who studies online influence',
  'a former election official',
  'a professor of political science',
  'a researcher at an independent monitoring group',
];

/** Words of a "country accused of …" headline. */
export const HEADLINE_ACTS: readonly string[] = [
  'interfering in',
  'meddling in',
  'hacking ahead of',
  'spreading disinformation before',
  'targeting voters in',
];
