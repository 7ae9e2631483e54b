import fs from 'node:fs';

/** One line of a file, without its line break. */
export interface RawLine {
  /** 1-based. */
  line: number;
  /** The line's bytes, or null when it is longer than the limit (they were not kept). */
  bytes: Buffer | null;
  /** Its length in bytes, also when it was too long to keep. */
  length: number;
}

const CHUNK_BYTES = 1 << 20;

/**
 * Streams the lines of a file (ending at LF or CRLF) in constant memory: a line longer than
 * `maxLineBytes` is counted but not kept, so one enormous line cannot exhaust memory. A last line
 * without a line break is still a line; an empty remainder after the last break is not.
 */
export async function* readLines(filePath: string, maxLineBytes: number): AsyncGenerator<RawLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let line = 1;
  const take = (piece: Buffer) => {
    length += piece.length;
    if (length <= maxLineBytes) parts.push(piece);
    else parts = [];
  };
  const finish = (): RawLine => {
    let bytes = length <= maxLineBytes ? Buffer.concat(parts, length) : null;
    if (bytes !== null && bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
    const done = { line, bytes, length: bytes?.length ?? length };
    parts = [];
    length = 0;
    line++;
    return done;
  };
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: CHUNK_BYTES })) {
    const buffer = chunk as Buffer;
    let start = 0;
    for (let end = buffer.indexOf(0x0a); end !== -1; end = buffer.indexOf(0x0a, start)) {
      take(buffer.subarray(start, end));
      yield finish();
      start = end + 1;
    }
    take(buffer.subarray(start));
  }
  if (length > 0) yield finish();
}
