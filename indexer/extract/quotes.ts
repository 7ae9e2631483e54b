import type { Quote } from '../../engine/types.js';
import { splitSentences } from '../sentences.js';
import { passageOf, position } from './article-position.js';
import { findTitledPeople, PeopleIndex, type PersonMention } from './people.js';
import { attributeSentence } from './quote-attribution.js';
import { DEFAULT_QUOTE_LEXICON, type QuoteLexicon } from './quote-lexicon.js';
import { maskQuotes, placeholder, PLACEHOLDER, type MaskedPassage } from './quote-mask.js';
import { findQuoteSpans, type QuoteSpan } from './quote-spans.js';
import { SpeakerResolver, type Speaker, type SpeechEvent } from './speaker-resolver.js';

/** A quote as one article tells it; the corpus decides its group (indexer/link-quotes.ts). */
export type ExtractedQuote = Omit<Quote, 'group'>;

/** A passage as quote extraction needs it. */
export interface QuotePassage {
  index: number;
  text: string;
}

/** Quotations of three words or fewer are scare quotes ("baseless") unless a speech verb attributes them. */
const SCARE_QUOTE_MAX_WORDS = 3;

/**
 * Every direct quotation of an article with its speaker: "“…,” X said", "X told MSNBC: “…”",
 * "said X", partial quotes in reported speech ("charged that Tehran is behind “other content”"),
 * pronouns and roles resolved to people ("he added", "the FBI Chief"), one canonical name per
 * person, organisations as speakers ("both agencies said" → "CISA and FBI"). Scare quotes of one
 * to three words with no speech verb are left out.
 */
export function extractQuotes(
  passages: readonly QuotePassage[],
  lexicon: QuoteLexicon = DEFAULT_QUOTE_LEXICON,
): ExtractedQuote[] {
  const texts = passages.map((passage) => passage.text);
  const spans = findQuoteSpans(texts);
  const masked = texts.map((text, i) => maskQuotes(text, i, spans));
  const events: SpeechEvent[] = [];
  const mentions: PersonMention[] = [];
  masked.forEach((passage, i) => {
    events.push(...passageEvents(passage.text, i, lexicon));
    mentions.push(...findTitledPeople(passage.text, lexicon).map((m) => ({ ...m, at: position(i, m.at) })));
  });
  const people = PeopleIndex.from([...mentions, ...personMentions(events)]);
  const said = resolveSpeakers(events, new SpeakerResolver(people, texts, masked));
  const attributed = new Set(events.flatMap((event) => (event.quote === null ? [] : [event.quote])));
  return spans.flatMap((span, id) => {
    const text = quoteText(span, texts);
    if (wordCount(text) <= SCARE_QUOTE_MAX_WORDS && (!attributed.has(id) || isSoCalled(span, texts)))
      return [];
    // A quotation attributed to someone the text does not name ("a source said") stays so.
    const speaker = attributed.has(id)
      ? (said.find((item) => item.event.quote === id)?.speaker ?? null)
      : continuedSpeaker(id, span, said, masked);
    const indexes = [...new Set(span.parts.map((part) => passages[part.passage]?.index ?? 0))];
    return [
      {
        text,
        speaker: speaker?.name ?? null,
        speakerRole: speaker?.role ?? null,
        passageIndex: indexes[0] ?? 0,
        passageIndexes: indexes,
      },
    ];
  });
}

function passageEvents(text: string, passage: number, lexicon: QuoteLexicon): SpeechEvent[] {
  const events: SpeechEvent[] = [];
  let offset = 0;
  for (const sentence of splitSentences(text)) {
    const at = Math.max(0, text.indexOf(sentence, offset));
    offset = at + sentence.length;
    const { quotes, speaker } = attributeSentence(sentence, lexicon);
    for (const [quote, { phrase }] of quotes) {
      const quoteAt = sentence.indexOf(placeholder(quote));
      events.push({ at: position(passage, at + quoteAt), phrase, quote, sentence });
    }
    // Reported speech ("Scott-Railton also said that …") tells who "he" is in later quotes.
    if (quotes.size === 0 && speaker) {
      events.push({ at: position(passage, at), phrase: speaker, quote: null, sentence });
    }
  }
  return events;
}

function personMentions(events: readonly SpeechEvent[]): PersonMention[] {
  return events.flatMap(({ phrase, at }) =>
    phrase.kind === 'person' ? [{ name: phrase.name, role: phrase.role, at }] : [],
  );
}

interface Said {
  event: SpeechEvent;
  speaker: Speaker;
}

/**
 * Resolves events in article order, so "he" is the last person who spoke before. Events with no
 * speaker are dropped; a quotation that runs over paragraphs may be attributed twice, and the
 * first speaker found wins (`find` takes it).
 */
function resolveSpeakers(events: readonly SpeechEvent[], resolver: SpeakerResolver): Said[] {
  return [...events]
    .sort((a, b) => a.at - b.at)
    .flatMap((event) => {
      const speaker = resolver.resolve(event);
      return speaker ? [{ event, speaker }] : [];
    });
}

/**
 * A quotation no sentence attributes goes on from whoever spoke last in its paragraph ("“…,”
 * both agencies said. “…”", "Krebs said Iran was behind it. “…”"), else from the quotation after
 * it there ("“…” “…,” he said"); a paragraph that is nothing but quotation goes on from the
 * paragraph before.
 */
function continuedSpeaker(
  id: number,
  span: QuoteSpan,
  said: readonly Said[],
  masked: readonly MaskedPassage[],
): Speaker | null {
  const passage = span.parts[0]?.passage ?? 0;
  const text = masked[passage]?.text ?? '';
  const at = position(passage, Math.max(0, text.indexOf(placeholder(id))));
  const inPassage = said.filter((item) => passageOf(item.event.at) === passage);
  const before = inPassage.filter((item) => item.event.at < at).at(-1);
  const after = inPassage.find((item) => item.event.at > at && item.event.quote !== null);
  const onlyQuotes = text.replace(PLACEHOLDER, '').replace(/[\s\p{P}]/gu, '') === '';
  const previousPassage = onlyQuotes
    ? said.filter((item) => passageOf(item.event.at) === passage - 1).at(-1)
    : undefined;
  return (before ?? after ?? previousPassage)?.speaker ?? null;
}

/** "the so-called “Russian playbook”": the writer keeps a term at arm's length; nobody is quoted. */
function isSoCalled(span: QuoteSpan, texts: readonly string[]): boolean {
  const [first] = span.parts;
  if (!first) return false;
  return /\bso-called\s*["“”'‘’]?\s*$/i.test((texts[first.passage] ?? '').slice(0, first.start));
}

function quoteText(span: QuoteSpan, texts: readonly string[]): string {
  return span.parts
    .map((part) => (texts[part.passage] ?? '').slice(part.start, part.end))
    .join(' ')
    .replace(/[\s,]+$/, '');
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length;
}
