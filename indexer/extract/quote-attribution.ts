import { DEFAULT_QUOTE_LEXICON, type QuoteLexicon } from './quote-lexicon.js';
import { HAS_PLACEHOLDER, PLACEHOLDER } from './quote-mask.js';
import { isBareName, parseSpeakerPhrase, type SpeakerPhrase } from './speaker-phrase.js';

/** How a sentence attributes one of its quotations. */
export interface Attribution {
  phrase: SpeakerPhrase;
  /**
   * `before`: "X said that “…”"; `after`: "“…,” X said" or "“…,” said X"; `inherited`: a participle
   * ("…, adding that “…”") or another quote of the sentence gives the speaker.
   */
  via: 'before' | 'after' | 'inherited';
}

export interface SentenceAttributions {
  /** Quotation id → its attribution; absent when the sentence has none for it. */
  quotes: Map<number, Attribution>;
  /** Who the sentence has speaking, quoted or not ("Scott-Railton also said that …"), or null. */
  speaker: SpeakerPhrase | null;
}

interface Verb {
  start: number;
  end: number;
  word: string;
}

const WORD = /\p{L}[\p{L}'’-]*/gu;
/** Before these a verb form is a noun: "the claims", "made claims", "a later Twitter post". */
const NOUN_BEFORE = new Set(
  (
    'the a an its his her their our my your this these those such any some no every each another recent ' +
    'previous new made make makes making of with for against about twitter facebook'
  ).split(' '),
);
const PASSIVE_BEFORE = /\b(?:is|are|was|were|be|been|being)(?:\s+\p{L}+ly|\s+each|\s+also)?\s*$/iu;
const ADJUNCT_BEFORE = /(?:,|\b(?:while|when|after|before|by|as))\s*$/i;
/** "“…,” Peskov was quoted as saying": the one passive that names the speaker as its subject. */
const QUOTED_AS_SAYING = /^(.{1,150}?)\s+(?:was|were|is|are)\s+quoted\s+(?:as\s+saying|by)\b/i;

/**
 * Attributes the quotations of one sentence (masked, see `placeholder`). A quotation
 * takes the speaker named right after it ("“…,” X said", "“…,” said X", "according to X"), else
 * the subject of the nearest speech verb before it ("X told MSNBC: “…”"), else — after a
 * participle such as "adding" or "stressing" — the sentence's first speaker.
 */
export function attributeSentence(
  sentence: string,
  lexicon: QuoteLexicon = DEFAULT_QUOTE_LEXICON,
): SentenceAttributions {
  const verbs = findSpeechVerbs(sentence, lexicon);
  const quotes = new Map<number, Attribution>();
  let speaker: SpeakerPhrase | null = null;
  for (const match of sentence.matchAll(PLACEHOLDER)) {
    const id = Number(match[1]);
    const end = match.index + match[0].length;
    const attribution =
      speakerAfter(sentence.slice(end), lexicon) ??
      speakerBefore(sentence, match.index, verbs, () => speaker ?? firstSpeaker(sentence, verbs));
    if (!attribution) continue;
    quotes.set(id, attribution);
    speaker ??= attribution.phrase;
  }
  return { quotes, speaker: speaker ?? firstSpeaker(sentence, verbs) };
}

function speakerAfter(after: string, lexicon: QuoteLexicon): Attribution | null {
  // An attribution follows the quote's own punctuation: "“…,” he said", not "“baseless” US claims".
  if (!/^\s*[,.!?;:…—–-]/.test(after)) return null;
  const rest = after.replace(/^[\s,.!?;:…—–-]*/, '');
  const phrase = quotedAsSaying(rest) ?? accordingTo(rest) ?? verbAttribution(rest, lexicon);
  return phrase ? { phrase, via: 'after' } : null;
}

function quotedAsSaying(rest: string): SpeakerPhrase | null {
  const subject = QUOTED_AS_SAYING.exec(rest)?.[1];
  return subject ? subjectPhrase(subject) : null;
}

function accordingTo(rest: string): SpeakerPhrase | null {
  const source = /^according to\s+(.+)$/i.exec(rest)?.[1];
  return source ? parseSpeakerPhrase(nounPhraseAfter(source)) : null;
}

/** "said X" or "X said" right after a quotation, X being short and starting like a noun phrase. */
function verbAttribution(rest: string, lexicon: QuoteLexicon): SpeakerPhrase | null {
  const verb = findSpeechVerbs(rest, lexicon).find((candidate) => !candidate.word.endsWith('ing'));
  if (!verb) return null;
  const between = rest.slice(0, verb.start).trim();
  if (between === '') return parseSpeakerPhrase(nounPhraseAfter(rest.slice(verb.end)));
  return looksLikeSubject(between) ? subjectPhrase(between) : null;
}

const SUBJECT_START = /^(?:\p{Lu}|(?:the|both|he|she|they|it|a|an|one|two)\b)/u;
const MAX_SUBJECT_WORDS = 20;

function looksLikeSubject(text: string): boolean {
  return (
    SUBJECT_START.test(text) &&
    text.split(/\s+/).length <= MAX_SUBJECT_WORDS &&
    !HAS_PLACEHOLDER.test(text) &&
    !/\sthat\s/.test(text)
  );
}

function speakerBefore(
  sentence: string,
  quoteAt: number,
  verbs: readonly Verb[],
  sentenceSpeaker: () => SpeakerPhrase | null,
): Attribution | null {
  const verb = verbs.findLast((candidate) => candidate.end <= quoteAt);
  if (!verb) return null;
  const before = sentence.slice(0, verb.start);
  if (verb.word.endsWith('ing') && ADJUNCT_BEFORE.test(before)) {
    const inherited = sentenceSpeaker();
    return inherited ? { phrase: inherited, via: 'inherited' } : null;
  }
  const subject =
    subjectPhrase(before) ?? parseSpeakerPhrase(nounPhraseAfter(sentence.slice(verb.end, quoteAt)));
  return { phrase: subject, via: 'before' };
}

/** The subject of the sentence's first finite speech verb: who the sentence has speaking. */
function firstSpeaker(sentence: string, verbs: readonly Verb[]): SpeakerPhrase | null {
  const verb = verbs.find((candidate) => !candidate.word.endsWith('ing'));
  return verb ? subjectPhrase(sentence.slice(0, verb.start)) : null;
}

/** Speech verbs used as verbs: not nouns ("the claims") and not passives ("was accused of"). */
export function findSpeechVerbs(text: string, lexicon: QuoteLexicon = DEFAULT_QUOTE_LEXICON): Verb[] {
  const verbs: Verb[] = [];
  let previous = '';
  for (const match of text.matchAll(WORD)) {
    const word = match[0].toLowerCase();
    const start = match.index;
    const end = start + match[0].length;
    const asVerb =
      lexicon.speechVerbs.has(word) &&
      !usedAsNoun(word, previous) &&
      !usedAsPassive(word, text.slice(0, start)) &&
      (!lexicon.nounLikeVerbs.has(word) || SPEECH_FOLLOWS.test(text.slice(end)));
    if (asVerb) verbs.push({ start, end, word });
    previous = word;
  }
  return verbs;
}

/** Past forms never follow a determiner; base and -s forms may be nouns ("the claims", "a post"). */
function usedAsNoun(word: string, previous: string): boolean {
  return !PAST_OR_PARTICIPLE.test(word) && NOUN_BEFORE.has(previous);
}

/** "were each accused of …": the subject is the accused, not a speaker. */
function usedAsPassive(word: string, before: string): boolean {
  return PAST_OR_PARTICIPLE.test(word) && !word.endsWith('ing') && PASSIVE_BEFORE.test(before);
}

const PAST_OR_PARTICIPLE = /(?:ed|ing|said|told|wrote|written)$/;
/** What follows "claims" or "states" when they report speech: "claims that", "states:", a quotation. */
const SPEECH_FOLLOWS = /^\s*(?:that\b|:|,?\s*⟨Q)/;

const TRAILING_TIME =
  /\s+(?:(?:last|this|next|earlier|late|later)\s+\p{L}+|on\s+\p{Lu}\p{L}+|yesterday|today|tonight|recently)$/iu;
// Lowercase only: a capitalised "Kelly" before "said" is a name, not an adverb.
const TRAILING_ADVERB =
  /\s+(?:has|have|had|is|are|was|were|also|then|later|again|previously|repeatedly|once|already|further|first|still|now|\p{Ll}+ly)$/u;
/** A short place or medium after the subject: "in a tweet", "on the email"; longer tails are part of a role. */
const TRAILING_PREPOSITION =
  /\s+(?:in|on|at|during|via|through|after|before|from|with|to)(?:\s+[^\s,]+){1,4}$/iu;
const PRONOUN_AT_END = /(?:^|[\s,])(he|she|they|it)$/i;
const LEADING_ADVERBIAL =
  /^(?:in|on|at|after|before|following|regarding|during|despite|according|earlier|later|however|but|still|meanwhile|yet|and|also|then|speaking|asked|when|while|as|since|though|although|if|because|including|such|like)\b/i;
const LEADING_CONJUNCTION = /^(?:but|and|so|yet|however|still|also|then|meanwhile)\s+/i;
const CLAUSE_WORD =
  /\s(?:that|why|is|are|was|were|has|have|had|been|be|by|who|which|what|when|where|while|because|if|than)\s/i;

/**
 * The speaker phrase standing before a speech verb: "In a later Twitter post, Miyousefi",
 * "CISA Director Chris Krebs in a tweet", "Democrats, who have made claims … and". Null when
 * nothing but a quotation stands there ("“…,” said X" is read from the words after the verb).
 */
export function subjectPhrase(textBeforeVerb: string): SpeakerPhrase | null {
  const afterQuotes = textBeforeVerb.split(PLACEHOLDER).at(-1) ?? '';
  let text = stripTrailing(afterQuotes.replace(/^[\s,.!?;:…]*/, ''));
  if (text === '') return null;
  const pronoun = PRONOUN_AT_END.exec(text)?.[1];
  if (pronoun) return parseSpeakerPhrase(pronoun);
  const relative = text.search(/,\s*who\b/i);
  if (relative !== -1) text = stripTrailing(text.slice(0, relative));
  // "Krebs in a tweet" loses its place; "Ana Pereira, an analyst at the Atlantic Council" keeps its role.
  const apposition = /,\s*(?:a|an|the)\s[^,]*$/i.test(text);
  const withoutPlace = text.replace(TRAILING_PREPOSITION, '');
  if (!apposition && withoutPlace.trim() !== '') text = withoutPlace;
  return parseSpeakerPhrase(lastNounPhrase(text));
}

function stripTrailing(text: string): string {
  let current = text.replace(/[\s,]+$/, '');
  for (let previous = ''; previous !== current;) {
    previous = current;
    current = current
      .replace(TRAILING_TIME, '')
      .replace(TRAILING_ADVERB, '')
      .replace(/[\s,]+$/, '');
  }
  return current;
}

/**
 * The noun phrase a clause ends with, keeping an apposition: "The Spokesman for Iran's mission,
 * Alireza Miryousefi" stays whole, "That is why news organizations, including VOA" gives
 * "news organizations".
 */
function lastNounPhrase(text: string): string {
  const parts = text.split(/\s*,\s*/).filter((part) => part !== '');
  while (parts.length > 1 && LEADING_ADVERBIAL.test(parts.at(-1) ?? '')) parts.pop();
  const last = parts.pop() ?? '';
  const previous = parts.at(-1);
  const phrase =
    previous !== undefined && !LEADING_ADVERBIAL.test(previous) && !CLAUSE_WORD.test(` ${previous} `)
      ? `${previous}, ${last}`
      : last;
  const chunks = phrase.replace(LEADING_CONJUNCTION, '').split(CLAUSE_WORD);
  return chunks.at(-1) ?? phrase;
}

/**
 * The speaker phrase after "said" or "according to": up to the first comma, stop or preposition,
 * with an apposition kept ("John Scott-Railton, a senior researcher with The Citizen Lab",
 * "Graham Brookie, director of the lab", "the spokesman, Elena Cruz").
 */
export function nounPhraseAfter(text: string, lexicon: QuoteLexicon = DEFAULT_QUOTE_LEXICON): string {
  // A full stop after a lone capital is an initial or an abbreviation ("U.S.", "G."), not an end.
  const boundary =
    /(?<!(?:^|[\s.])\p{Lu})\.(?=\s|$)|[;:!?⟨,]|\s(?:at|in|on|after|before|during|while|who|which|that|when|as|to|from|with|for|about)\b/u;
  const cut = text.search(boundary);
  const head = cut === -1 ? text : text.slice(0, cut);
  const next = /^,\s*([^,.;:!?⟨]+)/.exec(cut === -1 ? '' : text.slice(cut))?.[1]?.trim() ?? '';
  const firstWord = (next.split(/\s+/)[0] ?? '').toLowerCase();
  const apposition = /^(?:a|an|the)$/.test(firstWord) || lexicon.titles.has(firstWord) || isBareName(next);
  return apposition ? `${head}, ${next}` : head;
}
