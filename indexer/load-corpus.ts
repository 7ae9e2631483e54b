import type { Article } from '../engine/types.js';
import { buildArticle, isRejection } from './build-article.js';
import { fingerprintFiles, listCorpusFiles } from './corpus-files.js';
import { readCorpusFile } from './read-document.js';
import type { Rejection, SkippedFile, SourceDocument } from './types.js';

export { corpusFingerprint, CorpusDirectoryError } from './corpus-files.js';

/** A corpus read and prepared for indexing. */
export interface LoadedCorpus {
  articles: Article[];
  /** Articles or JSONL lines that could not be indexed, with the reason. */
  rejected: Rejection[];
  /** Files that are not articles at all (other extensions, symbolic links). */
  skipped: SkippedFile[];
  /** See `corpusFingerprint`. */
  fingerprint: string;
  /** Number of article files read. */
  files: number;
}

export interface LoadCorpusOptions {
  /** Called after each file with the count done so far, the total and the file just read. */
  onProgress?: (done: number, total: number, path: string) => void;
}

/**
 * Reads every article file under `dir` (recursively: `.md`, `.txt`, `.jsonl`) and prepares it
 * for indexing: read → clean → split → extract. Problems with single articles end up in
 * `rejected`, never thrown; a missing directory throws `CorpusDirectoryError`. When two
 * articles share an id, the one in the file that sorts first wins.
 */
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const listing = await listCorpusFiles(dir);
  // The fingerprint describes the files as listed before reading: if one changes during the
  // run, the next check sees a difference and indexes again, which is the safe side.
  const loaded: LoadedCorpus = {
    articles: [],
    rejected: [],
    skipped: listing.skipped,
    fingerprint: fingerprintFiles(listing.files),
    files: listing.files.length,
  };
  const firstSeen = new Map<string, string>();
  for (const [i, file] of listing.files.entries()) {
    const { documents, rejected } = await readCorpusFile(file);
    loaded.rejected.push(...rejected);
    for (const document of documents) addDocument(document, loaded, firstSeen);
    options.onProgress?.(i + 1, listing.files.length, file.path);
  }
  return loaded;
}

function addDocument(document: SourceDocument, loaded: LoadedCorpus, firstSeen: Map<string, string>): void {
  const here = location(document);
  const earlier = firstSeen.get(document.id);
  if (earlier !== undefined) {
    loaded.rejected.push({
      ...here,
      reason: `duplicate id "${document.id}": already used by ${earlier}, so ${format(here)} was not indexed`,
    });
    return;
  }
  const built = buildArticle(document);
  if (isRejection(built)) {
    loaded.rejected.push(built);
    return;
  }
  firstSeen.set(document.id, format(here));
  loaded.articles.push(built);
}

function location(document: SourceDocument): Pick<Rejection, 'path' | 'line'> {
  return document.line === undefined ? { path: document.path } : { path: document.path, line: document.line };
}

function format(where: Pick<Rejection, 'path' | 'line'>): string {
  return where.line === undefined ? where.path : `${where.path}:${where.line}`;
}
