import * as chrono from 'chrono-node';
import type { DateSource } from '../../engine/types.js';
import { normalizeLine } from '../clean.js';
import { parseDateline } from '../dates.js';

export interface PublishedDate {
  /** `YYYY-MM-DD`. */
  date: string;
  source: DateSource;
}

/** A dateline stands among the first lines of a page, above the article. */
const DATELINE_LINES = 5;
/** Captions and the lead, where an article states the day of the news, are its first passages. */
const ANCHOR_PASSAGES = 3;
/**
 * A weekday named later ("Iran summoned the envoy on Thursday") moves the date on from the
 * anchor by at most this many days; further ahead it is more likely a day in the past or a
 * coming event than the day of writing.
 */
const MAX_DAYS_AFTER_ANCHOR = 3;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WEEKDAY = new RegExp(`\\b(${WEEKDAYS.join('|')})\\b`, 'g');

/**
 * The publication date an article gives itself when its metadata has none: a dateline among the
 * first lines of the raw body ("02:20 GMT28 September 2020"), else the article's own dating —
 * a complete date in a caption or the lead, moved on to the latest weekday the text then names
 * within a few days ("October 21, 2020" … "on Thursday" → 2020-10-22). Null when the text states
 * no complete date: a year or a month alone is not a publication date.
 */
export function findPublishedDate(
  rawBody: string,
  passages: readonly { text: string }[],
): PublishedDate | null {
  const dateline = findDateline(rawBody);
  if (dateline) return { date: dateline, source: 'dateline' };
  const anchor = findAnchorDate(passages.slice(0, ANCHOR_PASSAGES));
  if (!anchor) return null;
  const moved = latestWeekdayAfter(anchor, passages.map((passage) => passage.text).join('\n'));
  return { date: isoDate(moved), source: 'inferred' };
}

function findDateline(rawBody: string): string | null {
  const top = rawBody
    .split(/\r\n|\r|\n/)
    .map(normalizeLine)
    .filter((line) => line !== '')
    .slice(0, DATELINE_LINES);
  for (const line of top) {
    const date = parseDateline(line);
    if (date) return date;
  }
  return null;
}

/** The first date in these passages with day, month and year all stated, as UTC midnight. */
function findAnchorDate(passages: readonly { text: string }[]): Date | null {
  for (const { text } of passages) {
    if (!/\d{4}/.test(text)) continue;
    const complete = chrono
      .parse(text)
      .find(({ start }) => start.isCertain('day') && start.isCertain('month') && start.isCertain('year'));
    if (complete) {
      const { start } = complete;
      return new Date(Date.UTC(start.get('year') ?? 0, (start.get('month') ?? 1) - 1, start.get('day') ?? 1));
    }
  }
  return null;
}

function latestWeekdayAfter(anchor: Date, text: string): Date {
  let days = 0;
  for (const [, weekday] of text.matchAll(WEEKDAY)) {
    const ahead = (WEEKDAYS.indexOf(weekday ?? '') - anchor.getUTCDay() + 7) % 7;
    if (ahead <= MAX_DAYS_AFTER_ANCHOR) days = Math.max(days, ahead);
  }
  return new Date(anchor.getTime() + days * 86_400_000);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
