import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../engine/errors.js';
import { MAX_QUERY_LENGTH, parseSearchParams, toQueryString } from '../../server/params.js';

describe('parseSearchParams', () => {
  it('defaults to the first page, ten per page, best match first when there is a query', () => {
    expect(parseSearchParams({ q: ' Iran ' }).request).toEqual({
      q: 'Iran',
      filters: { country: [], agency: [], outlet: [], from: null, to: null },
      sort: 'relevance',
      page: 1,
      perPage: 10,
    });
  });

  it('defaults to best match even without a query (engines then list newest first)', () => {
    expect(parseSearchParams({}).request.sort).toBe('relevance');
  });

  it('accepts repeated facet values and drops duplicates and blanks', () => {
    const { filters } = parseSearchParams({
      country: ['Iran', 'Russia', 'Iran', ' '],
      agency: 'FBI',
    }).request;
    expect(filters.country).toEqual(['Iran', 'Russia']);
    expect(filters.agency).toEqual(['FBI']);
  });

  it('cuts an overlong query and reports it', () => {
    const parsed = parseSearchParams({ q: 'a'.repeat(MAX_QUERY_LENGTH + 5) });
    expect(parsed.queryTruncated).toBe(true);
    expect(parsed.request.q).toHaveLength(MAX_QUERY_LENGTH);
  });

  it.each([
    [{ from: '2020-02-30' }, /real calendar date/],
    [{ to: '20-1-1' }, /YYYY-MM-DD/],
    [{ page: '-1' }, /whole number/],
    [{ page: '1001' }, /between 1 and 1000/],
    [{ per_page: '0' }, /between 1 and 50/],
    [{ sort: ['newest', 'oldest'] }, /once/],
    [{ country: Array.from({ length: 51 }, (_, i) => `c${i}`) }, /at most 50/],
  ])('rejects %j with a message a person understands', (query, message) => {
    expect(() => parseSearchParams(query)).toThrow(BadRequestError);
    expect(() => parseSearchParams(query)).toThrow(message);
  });
});

describe('toQueryString', () => {
  it('keeps the state and leaves defaults out of the URL', () => {
    const { request } = parseSearchParams({ q: 'Iran', country: ['Russia', 'Iran'], page: '3' });
    expect(toQueryString(request)).toBe('?q=Iran&country=Russia&country=Iran&page=3');
    expect(toQueryString(request, { page: null, country: [] })).toBe('?q=Iran');
  });
});
