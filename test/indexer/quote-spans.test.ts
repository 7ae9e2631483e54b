import { describe, expect, it } from 'vitest';
import { findQuoteSpans } from '../../indexer/extract/quote-spans.js';

/** The quoted words of each span, per passage position. */
const spans = (...texts: string[]): [number, string][][] =>
  findQuoteSpans(texts).map((span) =>
    span.parts.map((part) => [part.passage, (texts[part.passage] ?? '').slice(part.start, part.end)]),
  );

describe('findQuoteSpans', () => {
  it('pairs marks by where they stand, whatever their glyph', () => {
    expect(spans('He said "yes” and she said “no".')).toEqual([[[0, 'yes']], [[0, 'no']]]);
  });

  it('opens after a dash or a parenthesis and closes before punctuation', () => {
    expect(spans('The sign—"Vote early"—was gone ("for good").')).toEqual([
      [[0, 'Vote early']],
      [[0, 'for good']],
    ]);
  });

  it('runs on into a paragraph that opens with a quotation mark', () => {
    expect(spans('She said: “One.', '“Two,” she added.')).toEqual([
      [
        [0, 'One.'],
        [1, 'Two,'],
      ],
    ]);
  });

  it('runs on into a passage cut mid-quote, which closes before it opens', () => {
    expect(spans('She said: “One.', 'Two,” she added.')).toEqual([
      [
        [0, 'One.'],
        [1, 'Two,'],
      ],
    ]);
  });

  it('does not run on into a paragraph that starts otherwise', () => {
    expect(spans('She said: “One.', 'Officials disagreed, calling it “nonsense.”')).toEqual([
      [[0, 'One.']],
      [[1, 'nonsense.']],
    ]);
  });

  it('reads single marks only where an article has no double ones', () => {
    expect(spans("'It's over,' he said.")).toEqual([[[0, "It's over,"]]]);
    expect(spans("“It's 'over',” he said.")).toEqual([[[0, "It's 'over',"]]]);
  });

  it('ignores apostrophes, possessives included', () => {
    expect(spans("The hackers' forum didn't sell the voters’ data.")).toEqual([]);
  });
});
