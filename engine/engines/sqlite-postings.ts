/**
 * Postings of the term index: for one stem, the passages (by ordinal, ascending) that hold it and
 * how often. Stored as two blobs per stem: the ordinals as gaps in LEB128 varints (most gaps fit
 * in one byte), and the counts as one byte each (capped at 255, far beyond where bm25 saturates).
 */

/** Passages holding one stem, ascending, and the stem's count in each. */
export interface Postings {
  rows: Uint32Array;
  counts: Uint8Array;
}

export const MAX_COUNT = 255;

/** Encodes ascending ordinals as varint gaps (the first gap is from -1, so ordinal 0 is encodable). */
export function encodeRows(rows: Uint32Array): Buffer {
  const bytes = Buffer.allocUnsafe(maxEncodedLength(rows.length));
  return Buffer.from(bytes.subarray(0, encodeRowsInto(rows, bytes, 0)));
}

/** Bytes that `count` ordinals take at most (5 each: 32 bits in 7-bit groups). */
export function maxEncodedLength(count: number): number {
  return count * 5;
}

/** Writes `encodeRows(rows)` into `bytes` from `at`; returns where it ended. */
export function encodeRowsInto(rows: Uint32Array, bytes: Uint8Array, at: number): number {
  let length = at;
  let previous = -1;
  for (const row of rows) {
    let gap = row - previous;
    previous = row;
    while (gap >= 0x80) {
      bytes[length++] = (gap & 0x7f) | 0x80;
      gap = Math.floor(gap / 0x80);
    }
    bytes[length++] = gap;
  }
  return length;
}

/** Decodes `count` ordinals written by `encodeRows`. */
export function decodeRows(bytes: Uint8Array, count: number): Uint32Array {
  const rows = new Uint32Array(count);
  let at = 0;
  let previous = -1;
  for (let i = 0; i < count; i++) {
    let byte = bytes[at++] ?? 0;
    let gap = byte & 0x7f;
    let scale = 0x80;
    while (byte >= 0x80) {
      byte = bytes[at++] ?? 0;
      gap += (byte & 0x7f) * scale;
      scale *= 0x80;
    }
    previous += gap;
    rows[i] = previous;
  }
  return rows;
}
