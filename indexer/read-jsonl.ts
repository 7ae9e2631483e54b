import { idProblem, readDeclaredMetadata } from './read-fields.js';
import type { ReadResult, SourceDocument } from './types.js';

type LineResult = { ok: true; document: SourceDocument } | { ok: false; reason: string };

/**
 * Reads a JSON Lines file: one article per line as an object with `id`, `body` and optionally
 * `title`, `outlet` (or `source`), `url`, `published` and `language`. Blank lines are ignored. A
 * broken line is rejected with its line number while the valid lines are still read.
 */
export function readJsonl(text: string, file: { path: string }): ReadResult {
  if (text.trim() === '')
    return { documents: [], rejected: [{ path: file.path, reason: 'the file is empty' }] };
  const result: ReadResult = { documents: [], rejected: [] };
  text.split(/\r\n|\r|\n/).forEach((content, i) => {
    if (content.trim() === '') return;
    const line = i + 1;
    const parsed = readLine(content, file.path, line);
    if (parsed.ok) result.documents.push(parsed.document);
    else result.rejected.push({ path: file.path, line, reason: parsed.reason });
  });
  return result;
}

function readLine(content: string, path: string, line: number): LineResult {
  let record: unknown;
  try {
    record = JSON.parse(content);
  } catch (error) {
    return {
      ok: false,
      reason: `the line is not valid JSON (${error instanceof Error ? error.message : error})`,
    };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { ok: false, reason: 'the line is not a JSON object with "id" and "body"' };
  }
  const fields = readDeclaredMetadata(record as Record<string, unknown>, 'record');
  if (!fields.ok) return fields;
  const { id, ...declared } = fields.metadata;
  // A record's date is declared like front matter's, but worth telling apart when tracing one.
  const metadata = {
    ...declared,
    publishedSource: declared.published === null ? null : ('metadata' as const),
  };
  if (id === null) return { ok: false, reason: 'the record has no "id"' };
  const problem = idProblem(id);
  if (problem) return { ok: false, reason: problem };
  const body = (record as Record<string, unknown>)['body'];
  if (typeof body !== 'string' || body.trim() === '') {
    return { ok: false, reason: `the record "${id}" has no "body" text` };
  }
  return { ok: true, document: { id, path, line, ...metadata, body } };
}
