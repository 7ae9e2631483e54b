import { replaceStrayControls } from './decode-text.js';
import { idProblem, readDeclaredMetadata } from './read-fields.js';
import type { ReadResult, SourceDocument } from './types.js';

export type LineResult = { ok: true; document: SourceDocument } | { ok: false; reason: string };

/** Lines end at LF or CRLF, as in https://jsonlines.org/. */
const LINE_BREAK = /\r?\n/;

/**
 * Reads a JSON Lines file: one article per line as an object with `id`, `body` and optionally
 * `title`, `outlet` (or `source`), `url`, `published` and `language`. Blank lines are ignored. A
 * broken line is rejected with its line number while the valid lines are still read. (The corpus
 * loader streams files line by line through `readJsonlLine` instead.)
 */
export function readJsonl(text: string, file: { path: string }): ReadResult {
  if (text.trim() === '')
    return { documents: [], rejected: [{ path: file.path, reason: 'the file is empty' }] };
  const result: ReadResult = { documents: [], rejected: [] };
  text.split(LINE_BREAK).forEach((content, i) => {
    if (content.trim() === '') return;
    const line = i + 1;
    const parsed = readJsonlLine(content, file.path, line);
    if (parsed.ok) result.documents.push(parsed.document);
    else result.rejected.push({ path: file.path, line, reason: parsed.reason });
  });
  return result;
}

/** Reads one non-blank line of a JSON Lines file (see `readJsonl`). */
export function readJsonlLine(content: string, path: string, line: number): LineResult {
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
  const cleaned = withoutControlCharacters(record as Record<string, unknown>);
  if (typeof cleaned === 'string') return { ok: false, reason: cleaned };
  const fields = readDeclaredMetadata(cleaned, 'record');
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
  const body = cleaned['body'];
  if (typeof body !== 'string' || body.trim() === '') {
    return { ok: false, reason: `the record "${id}" has no "body" text` };
  }
  return { ok: true, document: { id, path, line, ...metadata, body } };
}

/**
 * The record with stray control characters (which JSON escapes can smuggle into a string) in its
 * text fields replaced by spaces, or why it is refused: a `\u0000` escape means binary data was
 * dumped into the field. The id is left alone,
 * for `idProblem` to refuse with its own message.
 */
function withoutControlCharacters(record: Record<string, unknown>): Record<string, unknown> | string {
  const cleaned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value !== 'string' || key === 'id') {
      cleaned[key] = value;
    } else if (value.includes('\u0000')) {
      return `binary data, not text: "${key}" holds a NUL character`;
    } else {
      cleaned[key] = replaceStrayControls(value);
    }
  }
  return cleaned;
}
