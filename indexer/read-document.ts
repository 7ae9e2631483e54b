import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_MAX_ARTICLE_BYTES } from '../engine/config.js';
import type { CorpusFile, CorpusFormat } from './corpus-files.js';
import { decodeArticleText } from './decode-text.js';
import { readJsonlLine } from './read-jsonl.js';
import { readLines } from './read-lines.js';
import { readMarkdown } from './read-markdown.js';
import { readText } from './read-text.js';
import { rejectionAt, type ReadResult, type Rejection, type SourceDocument } from './types.js';
import { messageOf } from '../engine/errors.js';

/**
 * The raw bytes of one article: a whole `.md` or `.txt` file, or one line of a `.jsonl` file.
 * With the file's path, the hash of these bytes is what the extraction cache is keyed by.
 */
export interface SourceUnit {
  file: CorpusFile;
  /** 1-based line of a JSONL record; absent for a whole-file article. */
  line?: number;
  bytes: Buffer;
  /** sha256 of `bytes`, hex. */
  hash: string;
}

export interface ReadOptions {
  /** Largest article, in bytes: a whole `.md`/`.txt` file or one JSONL line. */
  maxArticleBytes?: number;
}

type WholeFileReader = (text: string, file: { path: string; stem: string }) => ReadResult;

const WHOLE_FILE_READERS: Readonly<Record<Exclude<CorpusFormat, 'jsonl'>, WholeFileReader>> = {
  markdown: readMarkdown,
  text: readText,
};

/**
 * Yields the articles of one corpus file as raw units, or a rejection for what cannot even be
 * cut into one (too big, unreadable, empty). Never throws for a bad file, so one bad file never
 * stops a run. JSONL files are streamed line by line, so they may be as big as the disk allows;
 * the size limit applies to each line.
 */
export async function* readSourceUnits(
  file: CorpusFile,
  options: ReadOptions = {},
): AsyncGenerator<SourceUnit | Rejection> {
  const maxBytes = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  if (file.format === 'jsonl') {
    yield* readJsonlUnits(file, maxBytes);
    return;
  }
  // The listing's size saves reading a file that is far too big; the read checks again in case
  // the file grew since.
  if (file.size > maxBytes) {
    yield { path: file.path, reason: tooBig('file', file.size, maxBytes) };
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file.path);
  } catch (error) {
    yield { path: file.path, reason: unreadable(error) };
    return;
  }
  if (bytes.length > maxBytes) yield { path: file.path, reason: tooBig('file', bytes.length, maxBytes) };
  else yield { file, bytes, hash: sha256(bytes) };
}

async function* readJsonlUnits(file: CorpusFile, maxBytes: number): AsyncGenerator<SourceUnit | Rejection> {
  let lines = 0;
  try {
    for await (const { line, bytes, length } of readLines(file.path, maxBytes)) {
      if (bytes === null) {
        lines++;
        yield { path: file.path, line, reason: tooBig('line', length, maxBytes) };
      } else if (!isBlank(bytes)) {
        lines++;
        yield { file, line, bytes, hash: sha256(bytes) };
      }
    }
  } catch (error) {
    yield { path: file.path, reason: unreadable(error) };
    return;
  }
  if (lines === 0) yield { path: file.path, reason: 'the file is empty' };
}

/**
 * Decodes a unit and reads its metadata and body with the reader for its format: the document,
 * or the rejection saying why it is not an article (not UTF-8, binary, broken front matter, …).
 */
export function readUnitDocument(unit: SourceUnit): { document: SourceDocument } | { rejection: Rejection } {
  const { file, line } = unit;
  const decoded = decodeArticleText(unit.bytes, line === undefined ? 'file' : 'line');
  if (!decoded.ok) return { rejection: rejectionAt(file.path, line ?? decoded.line, decoded.reason) };
  if (file.format === 'jsonl') {
    const read = readJsonlLine(decoded.text, file.path, line ?? 1);
    return read.ok
      ? { document: read.document }
      : { rejection: { path: file.path, line: line ?? 1, reason: read.reason } };
  }
  const stem = path.basename(file.relativePath, path.extname(file.relativePath));
  const { documents, rejected } = WHOLE_FILE_READERS[file.format](decoded.text, { path: file.path, stem });
  const [document] = documents;
  if (document) return { document };
  return { rejection: rejected[0] ?? { path: file.path, reason: 'the file holds no article' } };
}

/**
 * Reads one corpus file into documents and rejections (no cleaning or extraction), with the
 * default size limit. A file that cannot be read, is too big or is not UTF-8 text is rejected
 * rather than thrown.
 */
export async function readCorpusFile(file: CorpusFile): Promise<ReadResult> {
  const result: ReadResult = { documents: [], rejected: [] };
  for await (const unit of readSourceUnits(file)) {
    if ('reason' in unit) {
      result.rejected.push(unit);
      continue;
    }
    const read = readUnitDocument(unit);
    if ('document' in read) result.documents.push(read.document);
    else result.rejected.push(read.rejection);
  }
  return result;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Spaces, tabs and line breaks only. */
function isBlank(bytes: Buffer): boolean {
  return bytes.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a);
}

function tooBig(what: 'file' | 'line', bytes: number, maxBytes: number): string {
  return (
    `the ${what} is ${formatBytes(bytes)}, more than the ${formatBytes(maxBytes)} one article may take ` +
    `(MAX_ARTICLE_BYTES=${maxBytes})`
  );
}

/** "6.3 MB (6,291,456 bytes)": the rounded size people compare, and the exact one. */
export function formatBytes(bytes: number): string {
  const exact = `${bytes.toLocaleString('en')} bytes`;
  if (bytes < 1000) return exact;
  const [value, unit] = bytes < 1e6 ? [bytes / 1e3, 'kB'] : [bytes / 1e6, 'MB'];
  return `${value.toFixed(1)} ${unit} (${exact})`;
}

function unreadable(error: unknown): string {
  return `the file cannot be read (${messageOf(error)})`;
}
