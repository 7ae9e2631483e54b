import matter from 'gray-matter';
import { idProblem, readDeclaredMetadata } from './read-fields.js';
import type { ReadResult } from './types.js';

const refuseJavaScript = (): never => {
  throw new Error('JavaScript front matter is not supported');
};

/**
 * Passing options also keeps gray-matter from caching every file it has seen, and the override
 * stops it from `eval`-ing "---js" front matter found in a corpus.
 */
const MATTER_OPTIONS = { engines: { js: refuseJavaScript, javascript: refuseJavaScript } };

/**
 * Reads a Markdown article: YAML front matter (`title`, `outlet`, `published`, `url`,
 * `language`, optional `id`) and the body after it. The id is the front matter `id` or else
 * `file.stem`.
 */
export function readMarkdown(text: string, file: { path: string; stem: string }): ReadResult {
  const reject = (reason: string): ReadResult => ({ documents: [], rejected: [{ path: file.path, reason }] });
  if (text.trim() === '') return reject('the file is empty');
  let parsed: { data: Record<string, unknown>; content: string };
  try {
    parsed = matter(text, MATTER_OPTIONS);
  } catch (error) {
    return reject(`the front matter cannot be parsed: ${firstLine(error)}`);
  }
  const fields = readDeclaredMetadata(parsed.data, 'front matter');
  if (!fields.ok) return reject(fields.reason);
  const { id: declaredId, ...metadata } = fields.metadata;
  const id = declaredId ?? file.stem;
  const problem = idProblem(id);
  if (problem) return reject(problem);
  if (parsed.content.trim() === '') return reject('there is no article text after the front matter');
  return { documents: [{ id, path: file.path, ...metadata, body: parsed.content }], rejected: [] };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
