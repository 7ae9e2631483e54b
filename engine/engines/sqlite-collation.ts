/**
 * SQLite's BINARY order for text in JavaScript, so that arrays loaded with `ORDER BY` can be
 * searched in memory with the same order. SQLite compares UTF-8 bytes, i.e. code points; JavaScript
 * compares UTF-16 units, which disagree only where a surrogate (a character above U+FFFF) meets a
 * unit from U+E000 to U+FFFF.
 */

/** Maps a UTF-16 unit ≥ U+D800 so that surrogates sort after U+E000–U+FFFF, as their code points do. */
function codePointRank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** Negative, zero or positive as `a` sorts before, with or after `b` under SQLite's BINARY collation. */
export function compareBinary(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    return x >= 0xd800 && y >= 0xd800 ? codePointRank(x) - codePointRank(y) : x - y;
  }
  return a.length - b.length;
}

/** First index in the sorted `values` whose value is not below `key` (values.length if none). */
export function lowerBound(values: readonly string[], key: string): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareBinary(values[middle] ?? '', key) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Index of `key` in the sorted `values`, or -1. */
export function indexOfSorted(values: readonly string[], key: string): number {
  const at = lowerBound(values, key);
  return at < values.length && values[at] === key ? at : -1;
}

/** The indexes `[first, end)` of the sorted `values` that start with `prefix`. */
export function prefixRange(values: readonly string[], prefix: string): [number, number] {
  const first = lowerBound(values, prefix);
  let low = first;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] ?? '').startsWith(prefix)) low = middle + 1;
    else high = middle;
  }
  return [first, low];
}

/** Whether `values` is sorted under BINARY (loading checks it before searching in it). */
export function isSortedBinary(values: readonly string[]): boolean {
  for (let i = 1; i < values.length; i++)
    if (compareBinary(values[i - 1] ?? '', values[i] ?? '') > 0) return false;
  return true;
}
