import type { QuoteSpan } from './quote-spans.js';

/**
 * What stands for quotation `id` in a masked passage: `⟨Q7⟩`. Words inside a quote then never
 * attribute it ("said" in "“He said he was sorry,” she recalled"), and sentence splitting sees the
 * sentence around it; the capital Q makes a quote opening a sentence start one, as its first
 * capital letter did.
 */
export function placeholder(id: number): string {
  return `⟨Q${id}⟩`;
}

/** Every placeholder, with the quotation's id as group 1. */
export const PLACEHOLDER = /⟨Q(\d+)⟩/g;
export const HAS_PLACEHOLDER = /⟨Q\d+⟩/;

/** A passage with its quotations replaced by placeholders (see `placeholder`). */
export interface MaskedPassage {
  text: string;
  /** Where each quotation's words stand in the original passage text. */
  original: Map<number, { start: number; end: number }>;
}

/**
 * Replaces the quotations of one passage, marks included, by placeholders (the id is the span's
 * position in `spans`). The quote's closing punctuation stays outside, so
 * sentences still end where they did — except that "“Who paid?” asked X" goes on after the
 * question mark, so a quote followed by a lowercase word ends in a comma instead.
 */
export function maskQuotes(text: string, passage: number, spans: readonly QuoteSpan[]): MaskedPassage {
  const parts = spans
    .flatMap((span, id) =>
      span.parts.filter((part) => part.passage === passage).map((part) => ({ ...part, id })),
    )
    .sort((a, b) => a.start - b.start);
  const original = new Map<number, { start: number; end: number }>();
  let out = '';
  let cursor = 0;
  for (const part of parts) {
    const start = widen(text, part.start, -1);
    const end = widen(text, part.end, 1);
    const closing = /[,.!?;:…]+$/.exec(text.slice(part.start, part.end))?.[0] ?? '';
    const punctuation = closing !== '' && /^\s*\p{Ll}/u.test(text.slice(end)) ? ',' : closing;
    out += `${text.slice(cursor, start)}${placeholder(part.id)}${punctuation}`;
    original.set(part.id, { start: part.start, end: part.end });
    cursor = end;
  }
  return { text: out + text.slice(cursor), original };
}

/** Moves past the spaces and the one quotation mark around a quotation's words. */
function widen(text: string, at: number, step: -1 | 1): number {
  let i = at;
  const peek = (): string => text[step < 0 ? i - 1 : i] ?? '';
  while (/\s/.test(peek())) i += step;
  if (/["“”„«»'‘’]/.test(peek())) i += step;
  return i;
}
