import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SkippedFile } from './types.js';

/** The article formats the indexer reads, by file extension. */
export type CorpusFormat = 'markdown' | 'text' | 'jsonl';

const FORMATS: Readonly<Record<string, CorpusFormat>> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.jsonl': 'jsonl',
};

/** A file of the corpus that the indexer will read. */
export interface CorpusFile {
  /** The directory joined with the relative path: what people see in messages. */
  path: string;
  /** Relative to the corpus directory, with `/` separators on every platform. */
  relativePath: string;
  format: CorpusFormat;
  size: number;
  mtimeMs: number;
}

export interface CorpusListing {
  /** Sorted by relative path, so runs are reproducible and duplicate ids resolve the same way. */
  files: CorpusFile[];
  skipped: SkippedFile[];
}

/** The corpus directory is missing or is not a directory. */
export class CorpusDirectoryError extends Error {
  override name = 'CorpusDirectoryError';
}

/**
 * Lists the article files under `dir`, recursively. Hidden files and folders (".git",
 * ".DS_Store") are ignored; files of other types and symbolic links are returned as skipped,
 * with the reason.
 */
export async function listCorpusFiles(dir: string): Promise<CorpusListing> {
  await assertCorpusDirectory(dir);
  const files: CorpusFile[] = [];
  const skipped: SkippedFile[] = [];
  const relativePaths = (await walk(dir, '', skipped)).sort(compareStrings);
  for (const relativePath of relativePaths) {
    const filePath = path.join(dir, relativePath);
    const format = FORMATS[path.extname(relativePath).toLowerCase()];
    if (format === undefined) {
      skipped.push({ path: filePath, reason: unsupportedReason(relativePath) });
      continue;
    }
    const stats = await stat(filePath);
    files.push({ path: filePath, relativePath, format, size: stats.size, mtimeMs: stats.mtimeMs });
  }
  return { files, skipped };
}

/**
 * A cheap fingerprint of the corpus: sha256 over the sorted relative paths, sizes and
 * modification times of its article files. It changes when a file is added, removed or edited,
 * so a server can tell whether its index is older than the corpus without parsing anything.
 */
export async function corpusFingerprint(dir: string): Promise<string> {
  const { files } = await listCorpusFiles(dir);
  return fingerprintFiles(files);
}

/** The fingerprint of an existing listing (see `corpusFingerprint`). */
export function fingerprintFiles(files: readonly CorpusFile[]): string {
  const entries = files
    .map((file) => [file.relativePath, file.size, file.mtimeMs] as const)
    .sort(([a], [b]) => compareStrings(a, b));
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
}

/** Throws `CorpusDirectoryError` unless `dir` exists and is a directory. */
export async function assertCorpusDirectory(dir: string): Promise<void> {
  const stats = await stat(dir).catch(() => null);
  if (stats === null) throw new CorpusDirectoryError(`corpus directory not found: ${dir}`);
  if (!stats.isDirectory()) throw new CorpusDirectoryError(`corpus path is not a directory: ${dir}`);
}

/** Relative paths (with `/`) of the regular files under `root/relative`. */
async function walk(root: string, relative: string, skipped: SkippedFile[]): Promise<string[]> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await walk(root, child, skipped)));
    else if (entry.isFile()) found.push(child);
    else if (entry.isSymbolicLink()) {
      // Following links could leave the corpus or loop; a real copy is one `cp` away.
      skipped.push({ path: path.join(root, child), reason: 'symbolic link, not followed' });
    }
  }
  return found;
}

/** Code-unit order, not locale order, so every machine sorts the same way. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unsupportedReason(relativePath: string): string {
  const extension = path.extname(relativePath);
  const what = extension === '' ? 'file has no extension' : `unsupported file type "${extension}"`;
  return `${what} (expected ${Object.keys(FORMATS).join(', ')})`;
}
