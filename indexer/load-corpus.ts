import { DEFAULT_MAX_ARTICLE_BYTES } from '../engine/config.js';
import type { Article } from '../engine/types.js';
import { fingerprintFiles, listCorpusFiles, type CorpusListing } from './corpus-files.js';
import type { ExtractionCache, UnitOutcome } from './extraction-cache.js';
import { OrderedExtraction, type ExtractWorkers } from './ordered-extraction.js';
import { readSourceUnits, type SourceUnit } from './read-document.js';
import { rejectionAt, type Rejection, type SkippedFile } from './types.js';

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
  /** Threads that extract (see `ExtractWorkers`); by default they start when there is enough to do. */
  extractWorkers?: ExtractWorkers;
}

/**
 * Reads every article file under `dir` (recursively: `.md`, `.txt`, `.jsonl`) and prepares it
 * for indexing: read → clean → split → extract, the extraction in worker threads when the corpus
 * is big enough to repay them. Problems with single articles end up in `rejected`, never thrown;
 * a missing directory throws `CorpusDirectoryError`. When two articles share an id, the one in
 * the file that sorts first wins. The result is the same however many threads extract.
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
  const extraction = new OrderedExtraction(options.extractWorkers, expectedNewBytes(listing, options));
  try {
    for (const [i, file] of listing.files.entries()) {
      for await (const unit of readSourceUnits(file, { maxArticleBytes: options.maxArticleBytes })) {
        if ('reason' in unit) await extraction.pass(() => loaded.rejected.push(unit));
        else await loadUnit(unit, { loaded, firstSeen, extraction, cache: options.cache });
      }
      await extraction.pass(() => options.onProgress?.(i + 1, listing.files.length, file.path));
    }
    await extraction.finish();
  } finally {
    await extraction.close();
  }
  return loaded;
}

/** With nothing cached, every file read is new: the sizes of those not too big to read. */
function expectedNewBytes(listing: CorpusListing, options: LoadCorpusOptions): number {
  if (options.cache !== undefined && options.cache.size > 0) return 0;
  const maxBytes = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  return listing.files
    .filter((file) => file.format === 'jsonl' || file.size <= maxBytes)
    .reduce((sum, file) => sum + file.size, 0);
}

interface LoadState {
  loaded: LoadedCorpus;
  firstSeen: Map<string, string>;
  extraction: OrderedExtraction;
  cache: ExtractionCache | undefined;
}

/** Takes the unit's outcome from the cache, or else has it extracted (and added to the cache). */
async function loadUnit(unit: SourceUnit, state: LoadState): Promise<void> {
  const { loaded, firstSeen, extraction, cache } = state;
  // The steps below may wait their turn; they hold the unit's place, not its bytes.
  const { file, line, hash } = unit;
  const place = { file, line };
  const cached = cache?.take(file.relativePath, hash);
  if (cached !== undefined) {
    loaded.reused++;
    await extraction.pass(() => addOutcome(place, cached, loaded, firstSeen));
    return;
  }
  loaded.extracted++;
  await extraction.extract(unit, ({ outcome, json }) => {
    cache?.put(file.relativePath, hash, outcome, json);
    addOutcome(place, outcome, loaded, firstSeen);
  });
}

function addOutcome(
  unit: Pick<SourceUnit, 'file' | 'line'>,
  outcome: UnitOutcome,
  loaded: LoadedCorpus,
  firstSeen: Map<string, string>,
): void {
  if ('rejected' in outcome) {
    loaded.rejected.push(
      rejectionAt(unit.file.path, unit.line ?? outcome.rejected.line, outcome.rejected.reason),
    );
    return;
  }
  const { article } = outcome;
  const here = unit.line === undefined ? unit.file.path : `${unit.file.path}:${unit.line}`;
  const earlier = firstSeen.get(article.id);
  if (earlier !== undefined) {
    loaded.rejected.push(
      rejectionAt(
        unit.file.path,
        unit.line,
        `duplicate id "${article.id}": already used by ${earlier}, so ${here} was not indexed`,
      ),
    );
    return;
  }
  firstSeen.set(article.id, here);
  loaded.articles.push(article);
}
