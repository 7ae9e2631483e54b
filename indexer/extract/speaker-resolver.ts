import { findAgencyMentions, type AgencyMention } from './agencies.js';
import { passageOf } from './article-position.js';
import { findCountryMentions } from './countries.js';
import { genderOf, pronounFits } from './gender.js';
import { escapeRegExp } from './patterns.js';
import type { PeopleIndex } from './people.js';
import { placeholder, type MaskedPassage } from './quote-mask.js';
import type { SpeakerPhrase } from './speaker-phrase.js';

/** Something said at one place in the article: a quotation, or reported speech. */
export interface SpeechEvent {
  /** See `position`. */
  at: number;
  phrase: SpeakerPhrase;
  /** The quotation it attributes, or null for reported speech ("Krebs said that …"). */
  quote: number | null;
  /** The sentence with placeholders, for "what it called" and the like. */
  sentence: string;
}

/** Who said it, as `Quote.speaker` and `Quote.speakerRole` give it. */
export interface Speaker {
  name: string;
  role: string | null;
  kind: 'person' | 'organisation';
}

/**
 * Turns speaker phrases into speakers, reading the article in order: "he" is the last person who
 * spoke, "the FBI Chief" the person the article gave an FBI role, "both agencies" the last two
 * agencies named, "the alert" whoever issued it.
 */
export class SpeakerResolver {
  /** People who spoke, least recent first, each once: "she" is the last one who can be a she. */
  private recentPeople: Speaker[] = [];
  private lastOrganisation: Speaker | null = null;

  constructor(
    private readonly people: PeopleIndex,
    private readonly texts: readonly string[],
    private readonly masked: readonly MaskedPassage[],
  ) {}

  /** Resolves one event; call in article order, since later pronouns depend on it. */
  resolve(event: SpeechEvent): Speaker | null {
    const speaker = this.speakerOf(event);
    if (speaker?.kind === 'person')
      this.recentPeople = [...this.recentPeople.filter((person) => person.name !== speaker.name), speaker];
    if (speaker?.kind === 'organisation') this.lastOrganisation = speaker;
    return speaker;
  }

  private speakerOf(event: SpeechEvent): Speaker | null {
    const { phrase } = event;
    switch (phrase.kind) {
      case 'person':
        return this.person(phrase.name, phrase.role);
      case 'role': {
        const person = this.people.byRole(phrase.role, event.at);
        return person ? this.person(person.name, phrase.role) : (this.recentPeople.at(-1) ?? null);
      }
      case 'pronoun':
        return this.pronoun(phrase.pronoun, event);
      case 'organisation':
        return organisation([phrase.name]);
      case 'agencies':
        return organisation(this.agenciesBefore(event, 2));
      case 'agency-anaphor':
        return organisation(this.agenciesBefore(event, 1, phrase.head));
      case 'document':
        return organisation(phrase.issuers.length > 0 ? phrase.issuers : this.issuers(phrase.noun, event.at));
      case 'unnamed':
        return null;
    }
  }

  private person(name: string, role: string | null): Speaker {
    const person = this.people.find(name);
    const canonical = person?.name ?? name;
    // News introduces people by full name or title; a lone word never so introduced ("Microsoft
    // said") is more likely a company, which "he" must not refer back to.
    const organisationLike = !/\s/.test(canonical) && (person?.role ?? role) === null;
    return {
      name: canonical,
      role: person?.role ?? role,
      kind: organisationLike ? 'organisation' : 'person',
    };
  }

  private pronoun(pronoun: 'he' | 'she' | 'they' | 'it', event: SpeechEvent): Speaker | null {
    if (pronoun === 'he' || pronoun === 'she') {
      // The last person who spoke, unless the article or their name says the pronoun cannot be theirs.
      return (
        this.recentPeople.findLast((person) => pronounFits(pronoun, genderOf(person.name, person.role))) ??
        null
      );
    }
    if (pronoun === 'they') return this.lastOrganisation;
    // "Iran summoned the envoy to protest what it called …": the country or agency named last before the quote.
    const before = event.sentence.slice(0, event.sentence.indexOf(placeholder(event.quote ?? -1)));
    const named = [
      ...findCountryMentions(before)
        .filter((mention) => mention.kind === 'name')
        .map((mention) => ({ name: mention.country, end: mention.end })),
      ...findAgencyMentions(before).map((mention) => ({ name: mention.name, end: mention.end })),
    ];
    const nearest = named.sort((a, b) => b.end - a.end)[0];
    return nearest ? organisation([nearest.name]) : this.lastOrganisation;
  }

  /**
   * The last `count` agencies named up to the quotation, its own words included ("CISA and the
   * FBI …", both agencies said); with `head`, only agencies of that kind ("the department").
   */
  private agenciesBefore(event: SpeechEvent, count: number, head?: string): string[] {
    const passage = passageOf(event.at);
    const quoteEnd = event.quote === null ? undefined : this.masked[passage]?.original.get(event.quote)?.end;
    const fits = (mention: AgencyMention, text: string): boolean =>
      head === undefined ||
      [mention.name, mention.fullName, text.slice(mention.start, mention.end)].some((name) =>
        name.toLowerCase().split(/\s+/).includes(head),
      );
    const names: string[] = [];
    for (let i = passage; i >= 0 && names.length < count; i--) {
      const text = (this.texts[i] ?? '').slice(0, i === passage ? quoteEnd : undefined);
      for (const mention of findAgencyMentions(text).reverse()) {
        if (names.length < count && !names.includes(mention.name) && fits(mention, text))
          names.push(mention.name);
      }
    }
    return names.reverse();
  }

  /** "an alert issued by the FBI and CISA" or "a statement from the FBI", earlier in the article, makes them its speakers. */
  private issuers(noun: string, at: number): string[] {
    const issued = new RegExp(
      `\\b${escapeRegExp(noun)}s?\\b[^.;]{0,40}?\\b(?:(?:issued|released|published|put out|sent)\\s+(?:jointly\\s+)?)?(?:by|from)\\s+` +
        '([^.;]+?)(?:,\\s*(?:which|who)\\b|[.;]|$)',
      'gi',
    );
    for (let i = passageOf(at); i >= 0; i--) {
      const last = [...(this.masked[i]?.text ?? '').matchAll(issued)].at(-1);
      if (last?.[1]) return [...new Set(findAgencyMentions(last[1]).map((mention) => mention.name))];
    }
    return [];
  }
}

/** One organisation, or several speaking together ("CISA and FBI"); null for none. */
function organisation(names: readonly string[]): Speaker | null {
  return names.length === 0 ? null : { name: names.join(' and '), role: null, kind: 'organisation' };
}
