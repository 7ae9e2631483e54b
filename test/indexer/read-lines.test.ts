import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLines, type RawLine } from '../../indexer/read-lines.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'read-lines-'));
  file = path.join(dir, 'lines.jsonl');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(
  maxLineBytes = 1000,
): Promise<{ line: number; text: string | null; length: number }[]> {
  const lines: RawLine[] = [];
  for await (const line of readLines(file, maxLineBytes)) lines.push(line);
  return lines.map(({ line, bytes, length }) => ({ line, text: bytes?.toString('utf8') ?? null, length }));
}

describe('readLines', () => {
  it('splits at LF and CRLF, keeps a last line without a break and blank lines in between', async () => {
    await writeFile(file, 'one\r\ntwo\n\nthree');
    expect(await collect()).toEqual([
      { line: 1, text: 'one', length: 3 },
      { line: 2, text: 'two', length: 3 },
      { line: 3, text: '', length: 0 },
      { line: 4, text: 'three', length: 5 },
    ]);
  });

  it('counts a line over the limit without keeping it, and goes on with the next', async () => {
    await writeFile(file, `short\n${'x'.repeat(50)}\nafter\n`);
    expect(await collect(10)).toEqual([
      { line: 1, text: 'short', length: 5 },
      { line: 2, text: null, length: 50 },
      { line: 3, text: 'after', length: 5 },
    ]);
  });

  it('joins lines that straddle the chunks the file is read in', async () => {
    // 3 MB of 1,000-byte lines: reads come in 1 MiB chunks, which never end on a line break here.
    const lines = Array.from({ length: 3000 }, (_, i) => String(i).padEnd(999, '.'));
    await writeFile(file, `${lines.join('\n')}\n`);
    const read = await collect();
    expect(read).toHaveLength(3000);
    expect(read.every(({ line, text }) => text === lines[line - 1])).toBe(true);
  });
});
