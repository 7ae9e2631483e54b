import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CorpusFile, CorpusFormat } from './corpus-files.js';
import { readJsonl } from './read-jsonl.js';
import { readMarkdown } from './read-markdown.js';
import { readText } from './read-text.js';
import type { ReadResult } from './types.js';

type Reader = (text: string, file: { path: string; stem: string }) => ReadResult;

const READERS: Readonly<Record<CorpusFormat, Reader>> = {
  markdown: readMarkdown,
  text: readText,
  jsonl: readJsonl,
};

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Reads one corpus file with the reader for its format. A file that cannot be read or is not
 * UTF-8 is rejected rather than thrown, so one bad file never stops a run.
 */
export async function readCorpusFile(file: CorpusFile): Promise<ReadResult> {
  let text: string;
  try {
    text = utf8.decode(await readFile(file.path));
  } catch (error) {
    const reason =
      error instanceof TypeError
        ? 'the file is not UTF-8 text'
        : `the file cannot be read (${error instanceof Error ? error.message : error})`;
    return { documents: [], rejected: [{ path: file.path, reason }] };
  }
  const stem = path.basename(file.relativePath, path.extname(file.relativePath));
  return READERS[file.format](text, { path: file.path, stem });
}
