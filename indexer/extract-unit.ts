import { buildArticle, isRejection } from './build-article.js';
import type { UnitOutcome } from './extraction-cache.js';
import { readUnitDocument, type SourceUnit } from './read-document.js';

/**
 * Reads one unit and prepares it for indexing (decode → read → clean → split → extract): the
 * article it becomes, or why it is rejected. The same function runs in this thread and in the
 * extraction workers, so where it ran never changes what comes out.
 */
export function extractUnit(unit: SourceUnit): UnitOutcome {
  const read = readUnitDocument(unit);
  const built = 'document' in read ? buildArticle(read.document) : read.rejection;
  if (!isRejection(built)) return { article: built };
  // A JSONL line's number is the unit's own, added back when the outcome is used.
  const line = unit.line === undefined ? built.line : undefined;
  return { rejected: { reason: built.reason, ...(line === undefined ? {} : { line }) } };
}
