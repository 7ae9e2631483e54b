import type { CorpusFile } from './corpus-files.js';
import type { SourceUnit } from './read-document.js';

/**
 * A batch of units as sent to an extraction worker: their bytes end to end in one buffer, which
 * is transferred rather than copied, and beside it what each unit is.
 */
export interface PackedUnits {
  bytes: ArrayBuffer;
  units: { file: CorpusFile; line: number | undefined; hash: string; length: number }[];
}

export function packUnits(units: readonly SourceUnit[]): PackedUnits {
  // A buffer of its own: a small Buffer may be a slice of Node's shared pool, which must not be
  // transferred away.
  const bytes = new ArrayBuffer(units.reduce((sum, unit) => sum + unit.bytes.length, 0));
  const view = new Uint8Array(bytes);
  let offset = 0;
  const described = units.map(({ file, line, hash, bytes: unitBytes }) => {
    view.set(unitBytes, offset);
    offset += unitBytes.length;
    return { file, line, hash, length: unitBytes.length };
  });
  return { bytes, units: described };
}

export function unpackUnits(packed: PackedUnits): SourceUnit[] {
  let offset = 0;
  return packed.units.map(({ file, line, hash, length }) => {
    const bytes = Buffer.from(packed.bytes, offset, length);
    offset += length;
    return line === undefined ? { file, bytes, hash } : { file, line, bytes, hash };
  });
}
