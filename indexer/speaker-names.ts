/**
 * One name per person across the corpus. Each article already names its speakers consistently
 * (indexer/extract/people.ts); outlets differ among themselves: "Chris Krebs" and "Christopher
 * Krebs", "Chuck Schumer" and "Charles Schumer". Merging is deliberately cautious, because two
 * people sharing a surname is common: names must fit word for word (surname equal, given names
 * variants of each other) and the roles the articles give them must not point to different agencies.
 */
import { findAgencyMentions } from './extract/agencies.js';
import { firstNamesFit } from './extract/people.js';

export interface NamedSpeaker {
  name: string;
  role: string | null;
}

interface Person {
  /** The name shown for everyone merged into this person. */
  name: string;
  words: string[];
  agencies: Set<string>;
  /** How often each written form was used, to prefer the commonest among equally full names. */
  uses: number;
}

/** Two to four capitalised words, no digits or brackets: "John Scott-Railton", not "CISA and FBI". */
const PERSON_NAME = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}$/u;

function looksLikePerson(name: string): boolean {
  return PERSON_NAME.test(name) && !/\band\b/i.test(name) && findAgencyMentions(name).length === 0;
}

function nameWords(name: string): string[] {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/’/g, "'").split(/\s+/);
}

/** Same surname and fitting given names; middle names and initials may be missing on either side. */
function sameName(a: readonly string[], b: readonly string[]): boolean {
  if (a.at(-1) !== b.at(-1)) return false;
  return firstNamesFit(a[0] ?? '', b[0] ?? '');
}

function agenciesOf(role: string | null): Set<string> {
  return new Set(role === null ? [] : findAgencyMentions(role).map((mention) => mention.name));
}

/** Roles that name agencies must share one: an FBI agent is not the CISA director of the same name. */
function rolesAgree(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size === 0 || b.size === 0) return true;
  return [...a].some((agency) => b.has(agency));
}

/**
 * Agencies speaking together, in one order whatever order the article named them in: "FBI and
 * CISA" and "CISA and FBI" are one speaker. Null unless every part is an agency's name.
 */
function agenciesTogether(name: string): string | null {
  const parts = name.split(' and ');
  if (parts.length < 2) return null;
  const agencies = parts.every((part) => findAgencyMentions(part).some((mention) => mention.name === part));
  return agencies ? [...parts].sort().join(' and ') : null;
}

/** Fuller first: more words, then longer, then more used. */
function fuller(a: Person, b: Person): number {
  return b.words.length - a.words.length || b.name.length - a.name.length || b.uses - a.uses;
}

/**
 * Written speaker name → the name to show for that person everywhere. Agencies speaking together
 * are listed in one order; other names that do not look like a person's (organisations, lone
 * words) are left as they are, as are people no other article names differently.
 */
export function canonicalSpeakers(speakers: readonly NamedSpeaker[]): Map<string, string> {
  const forms = new Map<string, Person>();
  const canonical = new Map<string, string>();
  for (const { name, role } of speakers) {
    const together = agenciesTogether(name);
    if (together !== null) canonical.set(name, together);
    if (!looksLikePerson(name)) continue;
    const form = forms.get(name) ?? { name, words: nameWords(name), agencies: new Set<string>(), uses: 0 };
    for (const agency of agenciesOf(role)) form.agencies.add(agency);
    form.uses++;
    forms.set(name, form);
  }
  const bySurname = new Map<string, Person[]>();
  for (const form of forms.values()) {
    const surname = form.words.at(-1) ?? '';
    bySurname.set(surname, [...(bySurname.get(surname) ?? []), form]);
  }
  for (const group of bySurname.values()) {
    const people: Person[] = [];
    for (const form of [...group].sort(fuller)) {
      const person = people.find(
        (p) => sameName(p.words, form.words) && rolesAgree(p.agencies, form.agencies),
      );
      if (person) {
        for (const agency of form.agencies) person.agencies.add(agency);
        canonical.set(form.name, person.name);
      } else {
        people.push({ ...form, agencies: new Set(form.agencies) });
        canonical.set(form.name, form.name);
      }
    }
  }
  return canonical;
}
