import type { Article } from '../engine/types.js';
import { buildArticle, isRejection } from './build-article.js';
import { fingerprintFiles, listCorpusFiles, type CorpusListing } from './corpus-files.js';
import type { ExtractionCache, UnitOutcome } from './extraction-cache.js';
import { readSourceUnits, readUnitDocument, type SourceUnit } from './read-document.js';
import type { Rejection, SkippedFile } from './types.js';

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
  /** Articles (or rejected units) read and extracted during this load. */
  extracted: number;
  /** Articles (or rejected units) taken unchanged from the extraction cache. */
  reused: number;
}

export interface LoadCorpusOptions {
  /** Called after each file with the count done so far, the total and the file just read. */
  onProgress?: (done: number, total: number, path: string) => void;
  /** Largest article in bytes (a whole `.md`/`.txt` file, one JSONL line); larger ones are rejected. */
  maxArticleBytes?: number;
  /** Outcomes of earlier runs: a unit whose bytes are unchanged is not read or extracted again. */
  cache?: ExtractionCache;
  /** The listing to load, when the caller already made one (its fingerprint is then the one used). */
  listing?: CorpusListing;
}

/**
 * Reads every article file under `dir` (recursively: `.md`, `.txt`, `.jsonl`) and prepares it
 * for indexing: read → clean → split → extract. Problems with single articles end up in
 * `rejected`, never thrown; a missing directory throws `CorpusDirectoryError`. When two
 * articles share an id, the one in the file that sorts first wins.
 */
export async function loadCorpus(dir: string, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const listing = options.listing ?? (await listCorpusFiles(dir));
  // The fingerprint describes the files as listed before reading: if one changes during the
  // run, the next check sees a difference and indexes again, which is the safe side.
  const loaded: LoadedCorpus = {
    articles: [],
    rejected: [],
    skipped: listing.skipped,
    fingerprint: fingerprintFiles(listing.files),
    files: listing.files.length,
    extracted: 0,
    reused: 0,
  };
  const firstSeen = new Map<string, string>();
  for (const [i, file] of listing.files.entries()) {
    for await (const unit of readSourceUnits(file, { maxArticleBytes: options.maxArticleBytes })) {
      if ('reason' in unit) loaded.rejected.push(unit);
      else addOutcome(unit, outcomeOf(unit, loaded, options.cache), loaded, firstSeen);
    }
    options.onProgress?.(i + 1, listing.files.length, file.path);
  }
  return loaded;
}

/** The unit's outcome from the cache, or else read and extracted now (and added to the cache). */
function outcomeOf(unit: SourceUnit, loaded: LoadedCorpus, cache: ExtractionCache | undefined): UnitOutcome {
  const cached = cache?.take(unit.file.relativePath, unit.hash);
  if (cached !== undefined) {
    loaded.reused++;
    return cached;
  }
  loaded.extracted++;
  const outcome = extract(unit);
  cache?.put(unit.file.relativePath, unit.hash, outcome);
  return outcome;
}

function extract(unit: SourceUnit): UnitOutcome {
  const read = readUnitDocument(unit);
  const built = 'document' in read ? buildArticle(read.document) : read.rejection;
  if (!isRejection(built)) return { article: built };
  // A JSONL line's number is the unit's own, added back when the outcome is used.
  const line = unit.line === undefined ? built.line : undefined;
  return { rejected: { reason: built.reason, ...(line === undefined ? {} : { line }) } };
}

function addOutcome(
  unit: SourceUnit,
  outcome: UnitOutcome,
  loaded: LoadedCorpus,
  firstSeen: Map<string, string>,
): void {
  if ('rejected' in outcome) {
    const line = unit.line ?? outcome.rejected.line;
    loaded.rejected.push({
      path: unit.file.path,
      ...(line === undefined ? {} : { line }),
      reason: outcome.rejected.reason,
    });
    return;
  }
  const { article } = outcome;
  const here = unit.line === undefined ? unit.file.path : `${unit.file.path}:${unit.line}`;
  const earlier = firstSeen.get(article.id);
  if (earlier !== undefined) {
    loaded.rejected.push({
      path: unit.file.path,
      ...(unit.line === undefined ? {} : { line: unit.line }),
      reason: `duplicate id "${article.id}": already used by ${earlier}, so ${here} was not indexed`,
    });
    return;
  }
  firstSeen.set(article.id, here);
  loaded.articles.push(article);
}
