import { z } from 'zod';
import speakerWordsData from '../data/speaker-words.json' with { type: 'json' };
import speechVerbsData from '../data/speech-verbs.json' with { type: 'json' };
import { parseData } from './lexicon.js';

const words = z.array(z.string().trim().min(1));

const speechVerbsSchema = z.object({
  verbs: words,
  forms: z.record(z.string(), words).default({}),
  alsoNouns: words.default([]),
});

const speakerWordsSchema = z.object({
  titles: words,
  organisationWords: words,
  documents: words,
  issuedDocuments: words,
  genericPeople: words,
  groups: words,
});

/** The vocabulary the quote rules read; see `indexer/data/speech-verbs.json` and `speaker-words.json`. */
export interface QuoteLexicon {
  /** Every form of every speech verb, lowercase. */
  speechVerbs: ReadonlySet<string>;
  /** Forms that are common nouns as well ("states", "claims"); see `alsoNouns` in the data file. */
  nounLikeVerbs: ReadonlySet<string>;
  titles: ReadonlySet<string>;
  organisationWords: ReadonlySet<string>;
  documents: ReadonlySet<string>;
  /** Documents that an agency issues ("an alert issued by the FBI"), so the agency is the speaker. */
  issuedDocuments: ReadonlySet<string>;
  genericPeople: ReadonlySet<string>;
  groups: ReadonlySet<string>;
}

/** Validates both data files and derives the verb forms. */
export function parseQuoteLexicon(speechVerbs: unknown, speakerWords: unknown): QuoteLexicon {
  const verbs = parseData(speechVerbsSchema, speechVerbs, 'indexer/data/speech-verbs.json');
  const speaker = parseData(speakerWordsSchema, speakerWords, 'indexer/data/speaker-words.json');
  const lower = (list: readonly string[]): Set<string> => new Set(list.map((word) => word.toLowerCase()));
  const formsOf = (verb: string): string[] => [verb, ...(verbs.forms[verb] ?? inflect(verb))];
  return {
    speechVerbs: new Set(verbs.verbs.flatMap(formsOf)),
    // The base form and the -s form come first in `formsOf`.
    nounLikeVerbs: new Set(verbs.alsoNouns.flatMap((verb) => formsOf(verb).slice(0, 2))),
    titles: lower(speaker.titles),
    organisationWords: lower(speaker.organisationWords),
    documents: lower(speaker.documents),
    issuedDocuments: lower(speaker.issuedDocuments),
    genericPeople: lower(speaker.genericPeople),
    groups: new Set(speaker.groups),
  };
}

/** Regular English inflection: state → states, stated, stating; deny → denies, denied, denying. */
export function inflect(verb: string): string[] {
  if (/[^aeiou]y$/.test(verb)) {
    const stem = verb.slice(0, -1);
    return [`${stem}ies`, `${stem}ied`, `${verb}ing`];
  }
  if (/e$/.test(verb)) return [`${verb}s`, `${verb}d`, `${verb.slice(0, -1)}ing`];
  const third = /(?:s|sh|ch|x|z|o)$/.test(verb) ? `${verb}es` : `${verb}s`;
  return [third, `${verb}ed`, `${verb}ing`];
}

/** The bundled vocabulary. */
export const DEFAULT_QUOTE_LEXICON: QuoteLexicon = parseQuoteLexicon(speechVerbsData, speakerWordsData);
