import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Article } from '../engine/types.js';
import { writeFileAtomically } from './atomic-file.js';
import { readLines } from './read-lines.js';
import { messageOf } from '../engine/errors.js';

/** The cache's file in DATA_DIR. */
export const CACHE_FILE_NAME = 'extraction-cache.jsonl';

/** Bumped when the file's own layout changes (what is in an entry is covered by the extractor version). */
const CACHE_FORMAT = 1;

/**
 * What one source unit (a `.md`/`.txt` file, a JSONL line) became: an article, or the reason it was
 * rejected. `line` is the line at fault inside a whole-file article; a JSONL line's own number is
 * not stored, so that inserting a line above it does not invalidate it.
 */
export type UnitOutcome = { article: Article } | { rejected: { reason: string; line?: number } };

interface Header {
  format: number;
  extractor: string;
}

/** sha256 hex of path and content hash: fixed-length, so a line's key is its first 64 characters. */
const KEY_LENGTH = 64;

/**
 * The articles earlier runs built, so that a run re-extracts only what changed. An entry is keyed
 * by the unit's path and the sha256 of its bytes, and the whole cache by the extractor version
 * (see extractor-version.ts): a change to the file or to the code misses. One line per entry
 * (`<key>\t<outcome JSON>`) under a header line; entries are parsed only when used.
 *
 * Only the entries used or added during this run are saved, so the articles of deleted or edited
 * files leave the cache with them. Saving is atomic: a killed run leaves the previous cache.
 */
export class ExtractionCache {
  /** Entries from the file, by key, as their raw lines. */
  private readonly stored: Map<string, string>;
  /** Entries for the next save, by key. */
  private readonly next = new Map<string, string>();
  hits = 0;
  misses = 0;

  private constructor(
    readonly file: string,
    readonly extractor: string,
    stored: Map<string, string>,
    /** Why the file on disk was not used, when it was not (missing, other extractor version, damaged). */
    readonly discarded: string | null,
  ) {
    this.stored = stored;
  }

  /** Opens `<dataDir>/extraction-cache.jsonl`; an unusable file gives an empty cache (and says why). */
  static async open(dataDir: string, extractor: string): Promise<ExtractionCache> {
    const file = path.join(dataDir, CACHE_FILE_NAME);
    if (!fs.existsSync(file)) return new ExtractionCache(file, extractor, new Map(), 'there is no cache yet');
    const stored = new Map<string, string>();
    try {
      let header: Header | null = null;
      for await (const { bytes } of readLines(file, Number.POSITIVE_INFINITY)) {
        const text = bytes?.toString('utf8') ?? '';
        if (header === null) {
          header = JSON.parse(text) as Header;
          if (header.format !== CACHE_FORMAT || header.extractor !== extractor) {
            return new ExtractionCache(
              file,
              extractor,
              new Map(),
              'the indexer changed since it was written',
            );
          }
        } else if (text.length > KEY_LENGTH && text[KEY_LENGTH] === '\t') {
          stored.set(text.slice(0, KEY_LENGTH), text);
        }
      }
    } catch (error) {
      const reason = `it cannot be read (${messageOf(error)})`;
      return new ExtractionCache(file, extractor, new Map(), reason);
    }
    return new ExtractionCache(file, extractor, stored, null);
  }

  /** Entries in the file: what this run may find. */
  get size(): number {
    return this.stored.size;
  }

  /** What the unit with these bytes became last time, or undefined; a hit is kept for the next save. */
  take(relativePath: string, contentHash: string): UnitOutcome | undefined {
    const key = entryKey(relativePath, contentHash);
    const line = this.stored.get(key);
    if (line !== undefined) {
      try {
        const outcome = JSON.parse(line.slice(KEY_LENGTH + 1)) as UnitOutcome;
        this.next.set(key, line);
        this.hits++;
        return outcome;
      } catch {
        // A damaged entry is a miss: the unit is extracted again and the entry rewritten.
      }
    }
    this.misses++;
    // The miss keeps its place for the `put` that follows, so the file lists entries in corpus
    // order however late the extraction comes back (worker threads answer out of order).
    if (!this.next.has(key)) this.next.set(key, '');
    return undefined;
  }

  /** Stores what the unit became; `json` is `outcome` as JSON when the caller already has it. */
  put(relativePath: string, contentHash: string, outcome: UnitOutcome, json = JSON.stringify(outcome)): void {
    const key = entryKey(relativePath, contentHash);
    this.next.set(key, `${key}\t${json}`);
  }

  /** Writes the entries taken or put during this run, atomically. */
  async save(): Promise<void> {
    const header: Header = { format: CACHE_FORMAT, extractor: this.extractor };
    const next = this.next;
    await writeFileAtomically(
      this.file,
      (function* () {
        yield `${JSON.stringify(header)}\n`;
        for (const line of next.values()) if (line !== '') yield `${line}\n`;
      })(),
    );
  }
}

function entryKey(relativePath: string, contentHash: string): string {
  return createHash('sha256').update(`${relativePath}\0${contentHash}`).digest('hex');
}
