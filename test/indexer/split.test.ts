import { describe, expect, it } from 'vitest';
import type { Block } from '../../indexer/clean.js';
import { splitPassages } from '../../indexer/split.js';

const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
const heading = (text: string): Block => ({ kind: 'heading', text });

/** A sentence of exactly `length` characters, ending with a full stop. */
const sentence = (length: number, letter = 'a'): string =>
  `${letter.toUpperCase()}${letter.repeat(length - 2)}.`;

describe('splitPassages', () => {
  it('makes one passage per paragraph with 1-based indexes', () => {
    const passages = splitPassages([
      paragraph('First paragraph of the article text.'),
      paragraph('Second paragraph, long enough to stand alone.'),
    ]);
    expect(passages).toEqual([
      { index: 1, text: 'First paragraph of the article text.', headings: [] },
      { index: 2, text: 'Second paragraph, long enough to stand alone.', headings: [] },
    ]);
  });

  it('attaches headings to the passage that follows them', () => {
    const passages = splitPassages([
      paragraph('Opening paragraph that has enough text.'),
      heading('Kremlin denies accusations'),
      heading('Another subheading'),
      paragraph('The spokesman said the claims were unfounded.'),
    ]);
    expect(passages.map((passage) => passage.headings)).toEqual([
      [],
      ['Kremlin denies accusations', 'Another subheading'],
    ]);
  });

  it('drops a heading at the very end', () => {
    const passages = splitPassages([
      paragraph('Only paragraph of this short article.'),
      heading('Trailing heading'),
    ]);
    expect(passages).toHaveLength(1);
    expect(passages[0]?.headings).toEqual([]);
  });

  it('merges a stray short paragraph into the previous passage', () => {
    const passages = splitPassages([paragraph('A full paragraph of ordinary length.'), paragraph('A tail.')]);
    expect(passages).toEqual([
      { index: 1, text: 'A full paragraph of ordinary length. A tail.', headings: [] },
    ]);
  });

  it('keeps a short paragraph that opens a section', () => {
    const passages = splitPassages([
      paragraph('A full paragraph of ordinary length.'),
      heading('Next'),
      paragraph('Short.'),
    ]);
    expect(passages.map((passage) => passage.text)).toEqual([
      'A full paragraph of ordinary length.',
      'Short.',
    ]);
  });

  it('cuts a very long paragraph at sentence ends into pieces of 400–900 characters', () => {
    const long = Array.from({ length: 10 }, (_, i) => sentence(200, 'abcdefghij'[i])).join(' ');
    const passages = splitPassages([paragraph(long)]);
    expect(passages.length).toBeGreaterThan(1);
    for (const passage of passages) {
      expect(passage.text.length).toBeGreaterThanOrEqual(400);
      expect(passage.text.length).toBeLessThanOrEqual(1200);
      expect(passage.text).toMatch(/\.$/);
    }
    expect(passages.map((passage) => passage.text).join(' ')).toBe(long);
  });

  it('leaves a paragraph of up to 1,200 characters whole', () => {
    const text = Array.from({ length: 6 }, () => sentence(199)).join(' ');
    expect(text.length).toBeLessThanOrEqual(1200);
    expect(splitPassages([paragraph(text)])).toHaveLength(1);
  });

  it('gives the same anchors for the same text', () => {
    const blocks = [
      paragraph('One paragraph with enough characters.'),
      heading('Sub'),
      paragraph('Two paragraph with enough characters.'),
    ];
    expect(splitPassages(blocks)).toEqual(splitPassages(structuredClone(blocks)));
  });
});
