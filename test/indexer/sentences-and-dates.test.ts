import { describe, expect, it } from 'vitest';
import { normalizePublished, parseDateline } from '../../indexer/dates.js';
import { splitSentences } from '../../indexer/sentences.js';

describe('splitSentences', () => {
  it('does not end a sentence at "U.S." before a capital', () => {
    expect(splitSentences('The U.S. National Intelligence Director spoke. Then he left.')).toEqual([
      'The U.S. National Intelligence Director spoke.',
      'Then he left.',
    ]);
  });
});

describe('parseDateline', () => {
  it('reads a dateline glued to its time zone', () => {
    expect(parseDateline('02:20 GMT28 September 2020')).toBe('2020-09-28');
  });

  it('reads a plain date line', () => {
    expect(parseDateline('October 22, 2020')).toBe('2020-10-22');
  });

  it('ignores a sentence that merely contains a date', () => {
    expect(parseDateline('Officials met on October 22, 2020 to discuss the threat.')).toBeNull();
  });

  it('ignores a date without a year', () => {
    expect(parseDateline('28 September')).toBeNull();
  });
});

describe('normalizePublished', () => {
  it.each([
    ['2020-10-22', '2020-10-22'],
    ['2020-10-22T23:30:00-05:00', '2020-10-22'],
    ['2020-10-22T10:00:00Z', '2020-10-22'],
  ])('accepts %s', (input, expected) => {
    expect(normalizePublished(input)).toEqual({ ok: true, date: expected });
  });

  it('accepts the Date YAML makes of an unquoted date', () => {
    expect(normalizePublished(new Date('2020-10-22T00:00:00Z'))).toEqual({ ok: true, date: '2020-10-22' });
  });

  it('treats a missing date as unknown', () => {
    expect(normalizePublished(undefined)).toEqual({ ok: true, date: null });
  });

  it.each(['22/10/2020', 'last Tuesday', '2020-02-30', '2020-13-01'])('rejects %s with a reason', (input) => {
    const result = normalizePublished(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(input);
  });
});
