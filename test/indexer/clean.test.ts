import { describe, expect, it } from 'vitest';
import { cleanBody, isHeadingLike } from '../../indexer/clean.js';

const texts = (raw: string, title?: string) => cleanBody(raw, { title }).map((block) => block.text);

describe('cleanBody', () => {
  it('makes each line a paragraph, blank lines or not', () => {
    expect(cleanBody('First paragraph here.\nSecond one follows.\n\nThird after a gap.')).toEqual([
      { kind: 'paragraph', text: 'First paragraph here.' },
      { kind: 'paragraph', text: 'Second one follows.' },
      { kind: 'paragraph', text: 'Third after a gap.' },
    ]);
  });

  it('trims indentation and collapses odd spaces', () => {
    expect(texts('    Indented  text\u00a0here.\n\t Tabbed too.')).toEqual([
      'Indented text here.',
      'Tabbed too.',
    ]);
  });

  it('drops "READ MORE" teasers, including one with a no-break space', () => {
    expect(texts('Real text.\n\nREAD MORE:\u00a0Obama campaigns for Biden\n\nMore text.')).toEqual([
      'Real text.',
      'More text.',
    ]);
  });

  it('drops player, share and comment furniture', () => {
    const raw =
      '02:20 GMT28 September 2020\nListen Live\n    Get short URL\n\n    Body text.\n    Community standardsDiscussion';
    expect(texts(raw)).toEqual(['Body text.']);
  });

  it('drops a tag line of short comma-separated items', () => {
    expect(texts('Body text.\n\nFBI, voters, Russia, Donald Trump, Joe Biden')).toEqual(['Body text.']);
  });

  it('keeps a list of places written as prose', () => {
    expect(texts('Arizona, Alaska, Pennsylvania and Florida')).toEqual([
      'Arizona, Alaska, Pennsylvania and Florida',
    ]);
  });

  it('drops photo credits', () => {
    expect(
      texts('image Photo: Reuters\n\nPhoto by: STRF/STAR MAX/IPx 2020 10/22/20 Emails…\nCaption text.'),
    ).toEqual(['Caption text.']);
  });

  it('drops an embedded-tweet attribution line', () => {
    expect(
      texts('Tweet text here\n\nIranian Ministry of Foreign Affairs (@IRIMFA_EN) October 22, 2020'),
    ).toEqual(['Tweet text here']);
  });

  it('drops the "Source:" line', () => {
    expect(texts('Body text.\n\nSource: TRTWorld and agencies')).toEqual(['Body text.']);
  });

  it('drops a caption repeated on the next line with its credit', () => {
    const caption =
      'Campaign signs are posted near a polling station in Largo, Florida, US, October 21, 2020.';
    expect(texts(`${caption}\n${caption} (Reuters)\n\nNext paragraph.`)).toEqual([
      caption,
      'Next paragraph.',
    ]);
  });

  it('drops the headline when the body repeats the title', () => {
    const raw =
      'image Photo: Reuters\n\nIran, Russia accused of interfering in US elections\n\nTop officials said so.';
    expect(texts(raw, 'Iran, Russia accused of interfering in US elections')).toEqual([
      'Top officials said so.',
    ]);
  });

  it('joins a line hard-wrapped before a lowercase word', () => {
    expect(texts('Officials said the emails were sent\nby a group abroad.\nNext paragraph.')).toEqual([
      'Officials said the emails were sent by a group abroad.',
      'Next paragraph.',
    ]);
  });

  it('joins a long line that stops mid-sentence with the next line', () => {
    expect(
      texts('The agency said that it had found no evidence of any intrusion into the\nNevada systems.'),
    ).toEqual(['The agency said that it had found no evidence of any intrusion into the Nevada systems.']);
  });

  it('turns short unpunctuated lines into headings', () => {
    const raw = [
      'Intro paragraph.',
      'US sanctions three new Iranian organisations',
      'Body.',
      "'Iran's capabilities are growing'",
      'What Happens Next?',
      'Just 27 hours',
    ].join('\n\n');
    expect(cleanBody(raw).map((block) => block.kind)).toEqual([
      'paragraph',
      'heading',
      'paragraph',
      'heading',
      'heading',
      'heading',
    ]);
  });

  it('keeps one-line paragraphs as paragraphs', () => {
    const raw =
      'But Scott-Railton also said that could change.\n\nMoscow and Tehran swiftly rejected the accusations.';
    expect(cleanBody(raw).map((block) => block.kind)).toEqual(['paragraph', 'paragraph']);
  });

  it('reads a Markdown heading as a heading', () => {
    expect(cleanBody('## Kremlin denies accusations.')).toEqual([
      { kind: 'heading', text: 'Kremlin denies accusations.' },
    ]);
  });
});

describe('isHeadingLike', () => {
  it.each([
    ['Kremlin denies accusations', true],
    ['When will the dispute be resolved?', true],
    ['a lowercase start', false],
    ['Ends with a colon:', false],
    ['Ends with a comma,', false],
    ['One two three four five six seven eight nine ten eleven', false],
  ])('%s → %s', (line, expected) => {
    expect(isHeadingLike(line)).toBe(expected);
  });
});
