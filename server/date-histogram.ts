/**
 * The date histogram beside the results: one bar per year, and one per month of the selected year.
 * Clicking a bar sets the `from`/`to` filters to that period (clicking it again clears it), so the
 * bars and the date inputs are two views of the same two parameters and cannot disagree.
 */
import type { SearchEngine, SearchRequest } from '../engine/types.js';
import { toQueryString } from './params.js';
import { MONTH_NAMES } from './month-names.js';

export interface HistogramBar {
  /** Full name for screen readers and the tooltip: `2020`, `October 2020`. */
  label: string;
  /** What fits under a narrow bar: `2020` or `’20`, `O`. */
  shortLabel: string;
  count: number;
  /** Height as a class (`h-0` … `h-100` in steps of 5): the CSP allows no inline styles. */
  heightClass: string;
  /** Null for an empty month: there is nothing to filter to. */
  href: string | null;
  /** This bar's period is exactly the selected date range. */
  active: boolean;
  /** The selected range lies within this bar's period (a month of this year). */
  contains: boolean;
}

export interface DateHistogram {
  years: HistogramBar[];
  /** The months of the selected year, when the date range lies within one year. */
  months: { year: string; bars: HistogramBar[] } | null;
}

/** A longer span is drawn with only the years that have articles, so bars stay wide enough to click. */
const MAX_YEARS_WITH_GAPS = 40;
function lastDayOfMonth(year: number, month: number): string {
  return String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0');
}

export function monthRange(year: string, month: number): { from: string; to: string } {
  const mm = String(month).padStart(2, '0');
  return { from: `${year}-${mm}-01`, to: `${year}-${mm}-${lastDayOfMonth(Number(year), month)}` };
}

export function yearRange(year: string): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The year the date range lies within, when both ends are set and in the same year. */
export function selectedYear(request: SearchRequest): string | null {
  const { from, to } = request.filters;
  if (from === null || to === null) return null;
  const year = from.slice(0, 4);
  return to.slice(0, 4) === year ? year : null;
}

function heightClass(count: number, busiest: number): string {
  if (count === 0) return 'h-0';
  return `h-${Math.max(5, Math.round((count / busiest) * 20) * 5)}`;
}

function rangeHref(request: SearchRequest, range: { from: string; to: string } | null): string {
  return `/search${toQueryString(request, { from: range?.from ?? null, to: range?.to ?? null, page: null })}`;
}

function isRange(request: SearchRequest, range: { from: string; to: string }): boolean {
  return request.filters.from === range.from && request.filters.to === range.to;
}

function yearsToDraw(counts: Record<string, number>): string[] {
  const present = Object.keys(counts)
    .filter((year) => /^\d{4}$/.test(year))
    .sort();
  const first = Number(present[0]);
  const last = Number(present.at(-1));
  if (present.length === 0 || last - first >= MAX_YEARS_WITH_GAPS) return present;
  return Array.from({ length: last - first + 1 }, (_, i) => String(first + i));
}

function yearBars(request: SearchRequest, counts: Record<string, number>): HistogramBar[] {
  const years = yearsToDraw(counts);
  const busiest = Math.max(1, ...years.map((year) => counts[year] ?? 0));
  const chosen = selectedYear(request);
  return years.map((year) => {
    const count = counts[year] ?? 0;
    const range = yearRange(year);
    const active = isRange(request, range);
    return {
      label: year,
      shortLabel: years.length > 6 ? `’${year.slice(2)}` : year,
      count,
      heightClass: heightClass(count, busiest),
      href: count === 0 && !active ? null : rangeHref(request, active ? null : range),
      active,
      contains: !active && chosen === year,
    };
  });
}

function monthBars(request: SearchRequest, year: string, counts: readonly number[]): HistogramBar[] {
  const busiest = Math.max(1, ...counts);
  return MONTH_NAMES.map((name, i) => {
    const count = counts[i] ?? 0;
    const range = monthRange(year, i + 1);
    const active = isRange(request, range);
    return {
      label: `${name} ${year}`,
      shortLabel: name.slice(0, 1),
      count,
      heightClass: heightClass(count, busiest),
      // Clicking the selected month widens the filter back to its year.
      href: count === 0 && !active ? null : rangeHref(request, active ? yearRange(year) : range),
      active,
      contains: false,
    };
  });
}

/**
 * Articles per month of `year` for the request's query and other filters. The engine counts years
 * but not months, so this asks for one count per month (twelve small searches, only when one
 * year is selected).
 */
export async function countMonths(
  engine: SearchEngine,
  request: SearchRequest,
  year: string,
): Promise<number[]> {
  return Promise.all(
    MONTH_NAMES.map(async (_, i) => {
      const response = await engine.search({
        ...request,
        filters: { ...request.filters, ...monthRange(year, i + 1) },
        page: 1,
        perPage: 1,
      });
      return response.totalArticles;
    }),
  );
}

export function buildDateHistogram(
  request: SearchRequest,
  yearCounts: Record<string, number>,
  months: { year: string; counts: readonly number[] } | null,
): DateHistogram {
  return {
    years: yearBars(request, yearCounts),
    months: months ? { year: months.year, bars: monthBars(request, months.year, months.counts) } : null,
  };
}
