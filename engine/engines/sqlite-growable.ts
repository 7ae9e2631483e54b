/**
 * Append-only typed arrays for the build: a million passages make tens of millions of postings,
 * which plain arrays of numbers would hold at several times the memory.
 */
type TypedArray = Uint8Array | Uint16Array | Uint32Array;

class Growable<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(private readonly make: (size: number) => T) {
    this.data = make(1024);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.resize(this.data.length * 2);
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index] ?? 0;
  }

  set(index: number, value: number): void {
    if (index >= this.data.length) this.resize(Math.max(index + 1, this.data.length * 2));
    this.data[index] = value;
    if (index >= this.length) this.length = index + 1;
  }

  /** The values pushed so far (a view: later pushes may or may not show through). */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  private resize(size: number): void {
    const bigger = this.make(size);
    bigger.set(this.data);
    this.data = bigger;
  }
}

export const uint8List = () => new Growable((size) => new Uint8Array(size));
export const uint16List = () => new Growable((size) => new Uint16Array(size));
export const uint32List = () => new Growable((size) => new Uint32Array(size));

/** Little-endian bytes of a typed array, for a blob (every engine host we know is little-endian too). */
export function toBlob(values: Uint16Array | Uint32Array): Buffer {
  const bytes = Buffer.allocUnsafe(values.length * values.BYTES_PER_ELEMENT);
  if (values.BYTES_PER_ELEMENT === 2) values.forEach((value, i) => bytes.writeUInt16LE(value, i * 2));
  else values.forEach((value, i) => bytes.writeUInt32LE(value, i * 4));
  return bytes;
}

export function uint16FromBlob(bytes: Buffer): Uint16Array {
  const values = new Uint16Array(bytes.length / 2);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readUInt16LE(i * 2);
  return values;
}

export function uint32FromBlob(bytes: Buffer): Uint32Array {
  const values = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readUInt32LE(i * 4);
  return values;
}
