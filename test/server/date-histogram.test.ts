import { describe, expect, it } from 'vitest';
import { buildDateHistogram, monthRange, selectedYear } from '../../server/date-histogram.js';
import type { SearchRequest } from '../../engine/types.js';
import { request } from '../engine/fixtures.js';

const withDates = (from: string | null, to: string | null, q = ''): SearchRequest =>
  request(q, { perPage: 10, filters: { country: ['Iran'], agency: [], outlet: [], from, to } });

describe('date histogram', () => {
  it('draws a bar per year, empty years between included, each linking to that year', () => {
    const { years, months } = buildDateHistogram(withDates(null, null), { '2018': 1, '2020': 4 }, null);
    expect(years.map((bar) => [bar.label, bar.count, bar.heightClass])).toEqual([
      ['2018', 1, 'h-25'],
      ['2019', 0, 'h-0'],
      ['2020', 4, 'h-100'],
    ]);
    expect(years[0]?.href).toBe('/search?country=Iran&from=2018-01-01&to=2018-12-31');
    expect(years[1]?.href).toBeNull();
    expect(months).toBeNull();
  });

  it('clears the dates when the selected year is clicked again, keeping the other filters', () => {
    const { years } = buildDateHistogram(
      withDates('2020-01-01', '2020-12-31', 'Kremlin'),
      { '2020': 4 },
      null,
    );
    expect(years[0]?.active).toBe(true);
    expect(years[0]?.href).toBe('/search?q=Kremlin&country=Iran');
  });

  it('draws twelve month bars for the selected year; the selected month widens back to the year', () => {
    const counts = [0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 0, 0];
    const histogram = buildDateHistogram(
      withDates('2020-10-01', '2020-10-31'),
      { '2020': 4 },
      { year: '2020', counts },
    );
    const bars = histogram.months?.bars ?? [];
    expect(bars).toHaveLength(12);
    expect(bars[9]).toMatchObject({ label: 'October 2020', count: 3, active: true, heightClass: 'h-100' });
    expect(bars[9]?.href).toContain('from=2020-01-01&to=2020-12-31');
    expect(bars[8]?.href).toContain('from=2020-09-01&to=2020-09-30');
    expect(bars[0]?.href).toBeNull();
    expect(histogram.years[0]?.contains).toBe(true);
  });

  it('knows the last day of every month, leap years included', () => {
    expect(monthRange('2024', 2)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2023', 2).to).toBe('2023-02-28');
    expect(monthRange('2020', 12).to).toBe('2020-12-31');
  });

  it('treats a range within one year as that year selected, and nothing else', () => {
    expect(selectedYear(withDates('2020-03-01', '2020-05-31'))).toBe('2020');
    expect(selectedYear(withDates('2019-12-01', '2020-01-31'))).toBeNull();
    expect(selectedYear(withDates('2020-01-01', null))).toBeNull();
  });
});
