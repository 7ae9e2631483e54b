import type { Passage } from '../engine/types.js';
import type { Block } from './clean.js';
import { splitSentences } from './sentences.js';

/** A passage before extraction: everything but the facet values. */
export type PassageDraft = Pick<Passage, 'index' | 'text' | 'headings'>;

export interface SplitOptions {
  /** Paragraphs longer than this are cut at sentence ends. */
  maxChars?: number;
  /** A cut piece is closed once it reaches `minChars` and the next sentence would pass `targetChars`. */
  minChars?: number;
  targetChars?: number;
  /** Pieces and paragraphs shorter than this are stray tails, merged into the passage before. */
  fragmentChars?: number;
}

const DEFAULTS: Required<SplitOptions> = {
  maxChars: 1200,
  minChars: 400,
  targetChars: 900,
  fragmentChars: 40,
};

/**
 * Turns cleaned blocks into passages, the unit of matching: one per paragraph, long paragraphs
 * cut at sentence ends into pieces of roughly 400–900 characters, stray short fragments merged
 * into the previous passage, and each heading attached to the passage that follows it. `index`
 * is the 1-based ordinal, so the same blocks always give the same `p-<index>` anchors.
 */
export function splitPassages(blocks: readonly Block[], options: SplitOptions = {}): PassageDraft[] {
  const settings = { ...DEFAULTS, ...options };
  const passages: PassageDraft[] = [];
  let headings: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'heading') {
      headings.push(block.text);
      continue;
    }
    for (const piece of cutParagraph(block.text, settings)) {
      const previous = passages.at(-1);
      // A fragment after a heading opens that section, so it stays a passage of its own.
      if (previous && headings.length === 0 && piece.length < settings.fragmentChars) {
        previous.text = `${previous.text} ${piece}`;
      } else {
        passages.push({ index: passages.length + 1, text: piece, headings });
        headings = [];
      }
    }
  }
  // Headings left over at the end head nothing and are dropped.
  return passages;
}

function cutParagraph(text: string, settings: Required<SplitOptions>): string[] {
  if (text.length <= settings.maxChars) return [text];
  const pieces: string[] = [];
  let current = '';
  for (const sentence of splitSentences(text)) {
    const candidate = current === '' ? sentence : `${current} ${sentence}`;
    if (current.length >= settings.minChars && candidate.length > settings.targetChars) {
      pieces.push(current);
      current = sentence;
    } else {
      current = candidate;
    }
  }
  const last = pieces.at(-1);
  // A short tail reads better with the piece before it, as long as that stays under the maximum.
  if (
    last !== undefined &&
    current.length < settings.minChars &&
    last.length + current.length < settings.maxChars
  ) {
    pieces[pieces.length - 1] = `${last} ${current}`;
  } else if (current !== '') {
    pieces.push(current);
  }
  return pieces;
}
