import * as chrono from 'chrono-node';

export type PublishedCheck = { ok: true; date: string | null } | { ok: false; reason: string };

const ISO_DATE_OR_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Validates a `published` value from front matter or JSONL and normalises it to `YYYY-MM-DD`.
 * Accepts ISO dates and datetimes (the calendar date as written is kept, so a late-evening
 * datetime with an offset stays on the outlet's day) and the `Date` objects YAML makes of
 * unquoted dates. Missing or empty means "unknown", which is allowed.
 */
export function normalizePublished(value: unknown): PublishedCheck {
  if (value === undefined || value === null || value === '') return { ok: true, date: null };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, reason: 'published is not a valid date' };
    // YAML reads an unquoted 2020-10-22 as midnight UTC, so the UTC date is the date written.
    return { ok: true, date: value.toISOString().slice(0, 10) };
  }
  if (typeof value !== 'string') {
    return { ok: false, reason: `published must be an ISO date like 2020-10-22, got ${typeof value}` };
  }
  const match = ISO_DATE_OR_DATETIME.exec(value.trim());
  if (!match) {
    return { ok: false, reason: `published "${value}" is not an ISO date like 2020-10-22` };
  }
  const [, year, month, day] = match;
  const date = `${year}-${month}-${day}`;
  if (!isRealCalendarDate(Number(year), Number(month), Number(day))) {
    return { ok: false, reason: `published "${value}" is not a real calendar date` };
  }
  return { ok: true, date };
}

function isRealCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const DATELINE_LABEL = /^(?:last\s+)?(?:updated|published|posted)\s*:?\s*/i;

/** A dateline must be mostly date: at most this many characters may be left over (e.g. "GMT", "|"). */
const MAX_UNPARSED_CHARS = 6;

/**
 * Reads a dateline such as "02:20 GMT28 September 2020" or "October 22, 2020": a line that is
 * nothing but a date (and perhaps a time) with day, month and year all stated. Returns the date
 * as `YYYY-MM-DD`, or null when the line is anything else.
 */
export function parseDateline(line: string): string | null {
  // Page scrapes glue words to numbers ("GMT28"); chrono needs them apart.
  const spaced = line
    .trim()
    .replace(DATELINE_LABEL, '')
    .replace(/(\p{L})(\d)/gu, '$1 $2');
  // chrono is slow; most lines are long sentences or have no number at all.
  if (spaced.length > 60 || !/\d/.test(spaced)) return null;
  const results = chrono.parse(spaced, undefined, { forwardDate: false });
  const parsed = results.find(
    (result) =>
      result.start.isCertain('day') && result.start.isCertain('month') && result.start.isCertain('year'),
  );
  if (!parsed) return null;
  const leftover = results.reduce((text, result) => text.replace(result.text, ''), spaced);
  if (leftover.replace(/[\s,.|·–—-]/g, '').length > MAX_UNPARSED_CHARS) return null;
  const { start } = parsed;
  return [start.get('year'), start.get('month'), start.get('day')]
    .map((part, i) => String(part).padStart(i === 0 ? 4 : 2, '0'))
    .join('-');
}
