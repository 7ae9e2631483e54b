import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from './atomic-file.js';
import type { Rejection, SkippedFile } from './types.js';

/** The report's file in DATA_DIR. */
export const REPORT_FILE_NAME = 'index-report.json';

/**
 * What a build left out, kept beside the index so that a later run that finds the index up to
 * date (and every `npm start`) can still say which files were rejected and why. It also records
 * what the build depended on besides the corpus, so that a new indexer version or size limit is
 * not mistaken for "up to date".
 */
export interface IndexReport {
  /** The corpus fingerprint the build was given (see `corpusFingerprint`). */
  corpusFingerprint: string;
  /** See `extractorVersion`. */
  extractor: string;
  maxArticleBytes: number;
  rejected: Rejection[];
  skipped: SkippedFile[];
}

/** The report in `dataDir`, or null when there is none or it cannot be read. */
export async function readIndexReport(dataDir: string): Promise<IndexReport | null> {
  try {
    const report = JSON.parse(await fs.readFile(path.join(dataDir, REPORT_FILE_NAME), 'utf8')) as unknown;
    return isReport(report) ? report : null;
  } catch {
    return null;
  }
}

/** Replaces the report in `dataDir` atomically. */
export async function writeIndexReport(dataDir: string, report: IndexReport): Promise<void> {
  await writeFileAtomically(path.join(dataDir, REPORT_FILE_NAME), [`${JSON.stringify(report, null, 2)}\n`]);
}

function isReport(value: unknown): value is IndexReport {
  if (typeof value !== 'object' || value === null) return false;
  const report = value as Record<string, unknown>;
  return (
    typeof report['corpusFingerprint'] === 'string' &&
    typeof report['extractor'] === 'string' &&
    typeof report['maxArticleBytes'] === 'number' &&
    Array.isArray(report['rejected']) &&
    Array.isArray(report['skipped'])
  );
}
