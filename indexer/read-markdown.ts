import matter from 'gray-matter';
import { idProblem, readDeclaredMetadata } from './read-fields.js';
import { rejectionAt, type ReadResult } from './types.js';
import { messageOf } from '../engine/errors.js';

const refuseJavaScript = (): never => {
  throw new Error('JavaScript front matter is not supported');
};

/**
 * Passing options also keeps gray-matter from caching every file it has seen, and the override
 * stops it from `eval`-ing "---js" front matter found in a corpus.
 */
const MATTER_OPTIONS = { engines: { js: refuseJavaScript, javascript: refuseJavaScript } };

/** The line that opens front matter: `---`, or `---yaml` naming the language. */
const OPENING_LINE = /^---([a-z]*)[ \t]*\r?(?:\n|$)/;
const CLOSING_LINE = /^---[ \t]*\r?$/m;

/**
 * Reads a Markdown article: YAML front matter (`title`, `outlet`, `published`, `url`,
 * `language`, optional `id`) and the body after it. The id is the front matter `id` or else
 * `file.stem`. A file without front matter, or whose front matter is never closed, is not a
 * corpus article and is rejected rather than indexed without its metadata.
 */
export function readMarkdown(text: string, file: { path: string; stem: string }): ReadResult {
  const reject = (reason: string, line?: number): ReadResult => ({
    documents: [],
    rejected: [rejectionAt(file.path, line, reason)],
  });
  if (text.trim() === '') return reject('the file is empty');
  const shape = frontMatterProblem(text);
  if (shape) return reject(shape, 1);
  let parsed: { data: unknown; content: string };
  try {
    parsed = matter(text, MATTER_OPTIONS);
  } catch (error) {
    return reject(`the front matter cannot be parsed: ${yamlMessage(error)}`, yamlLine(error));
  }
  if (typeof parsed.data !== 'object' || parsed.data === null || Array.isArray(parsed.data)) {
    return reject('the front matter is not a set of "key: value" fields', 2);
  }
  const fields = readDeclaredMetadata(parsed.data as Record<string, unknown>, 'front matter');
  if (!fields.ok) return reject(fields.reason, fieldLine(text, fields.field));
  const { id: declaredId, ...metadata } = fields.metadata;
  const id = declaredId ?? file.stem;
  const problem = idProblem(id);
  if (problem) return reject(problem);
  if (parsed.content.trim() === '') return reject('there is no article text after the front matter');
  return { documents: [{ id, path: file.path, ...metadata, body: parsed.content }], rejected: [] };
}

/** Why the text does not start with a closed front matter block, or null when it does. */
function frontMatterProblem(text: string): string | null {
  const opening = OPENING_LINE.exec(text);
  if (!opening) {
    return (
      'there is no front matter: start the file with "title:", "outlet:" and "published:" lines ' +
      'between two "---" lines (or save it as .txt to have them inferred from the text)'
    );
  }
  if (!CLOSING_LINE.test(text.slice(opening[0].length))) {
    return 'the front matter opened on line 1 is never closed by a "---" line';
  }
  return null;
}

/** The YAML parser's message without the position, which the rejection states as its line. */
function yamlMessage(error: unknown): string {
  const message = messageOf(error);
  const first = message.split('\n')[0] ?? message;
  return first.replace(/\s+at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

/**
 * js-yaml reports a 0-based line in the text after the opening `---`, whose own line break comes
 * first, so line 0 is the file's line 1.
 */
function yamlLine(error: unknown): number | undefined {
  const mark = (error as { mark?: { line?: unknown } } | null)?.mark;
  return typeof mark?.line === 'number' ? mark.line + 1 : undefined;
}

/** The line of the front matter that sets `field`, if it is written on a line of its own. */
function fieldLine(text: string, field: string): number | undefined {
  const lines = text.split('\n');
  for (let i = 1; i < lines.length && !CLOSING_LINE.test(lines[i] ?? ''); i++) {
    if (lines[i]?.startsWith(`${field}:`)) return i + 1;
  }
  return undefined;
}
