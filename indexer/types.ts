import type { DateSource } from '../engine/types.js';

/** An article as a reader found it, before cleaning: metadata plus the raw body text. */
export interface SourceDocument {
  id: string;
  /** The file it came from, as shown to people in messages. */
  path: string;
  /** 1-based line in a JSONL file. */
  line?: number;
  /** Null when the source has none; the pipeline then derives one from the body. */
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
  publishedSource: DateSource | null;
  language: string;
  body: string;
}

/** An article (or a JSONL line) that could not be indexed, and why, in words a person can act on. */
export interface Rejection {
  path: string;
  line?: number;
  reason: string;
}

/** A rejection of `path`, naming `line` when there is one (a JSONL record, a front matter field). */
export function rejectionAt(path: string, line: number | undefined, reason: string): Rejection {
  return line === undefined ? { path, reason } : { path, line, reason };
}

/** A file in the corpus directory that is not an article format at all. */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** What a reader makes of one file. */
export interface ReadResult {
  documents: SourceDocument[];
  rejected: Rejection[];
}

/** Formats a rejection as `path:line — reason` for logs and summaries. */
export function formatRejection(rejection: Rejection): string {
  const where = rejection.line === undefined ? rejection.path : `${rejection.path}:${rejection.line}`;
  return `${where} — ${rejection.reason}`;
}
