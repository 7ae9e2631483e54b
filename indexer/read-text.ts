import { isBoilerplateLine, isHeadingLike, normalizeLine } from './clean.js';
import { parseDateline } from './dates.js';
import { idProblem } from './read-fields.js';
import type { ReadResult } from './types.js';

/** How many non-empty lines at the top may hold the dateline and the headline. */
const TOP_LINES = 5;

const SOURCE_LINE = /^source\s*:\s*(.+)$/i;

/**
 * Reads a plain-text article, inferring its metadata from the text: a dateline at the top
 * ("02:20 GMT28 September 2020") gives the publication date, a "Source: X" line the outlet,
 * and a headline standing at the top the title. Those lines are removed from the body. With no
 * headline the title is left null, for the pipeline to take from the first sentence.
 */
export function readText(text: string, file: { path: string; stem: string }): ReadResult {
  const reject = (reason: string): ReadResult => ({ documents: [], rejected: [{ path: file.path, reason }] });
  if (text.trim() === '') return reject('the file is empty');
  const problem = idProblem(file.stem);
  if (problem) return reject(`${problem} (the id is the file name)`);

  const lines = text.split(/\r\n|\r|\n/);
  const dateline = findDateline(lines);
  if (dateline) lines[dateline.line] = '';
  const outlet = takeSourceLine(lines);
  const headline = findHeadline(lines);
  if (headline) lines[headline.line] = '';

  const body = lines.join('\n');
  if (body.trim() === '') return reject('there is no article text besides the metadata lines');
  return {
    documents: [
      {
        id: file.stem,
        path: file.path,
        title: headline?.text ?? null,
        outlet,
        url: null,
        published: dateline?.date ?? null,
        publishedSource: dateline ? 'dateline' : null,
        language: 'en',
        body,
      },
    ],
    rejected: [],
  };
}

/** Indexes of the first non-empty lines, with their normalised text. */
function topLines(lines: readonly string[]): { line: number; text: string }[] {
  const top: { line: number; text: string }[] = [];
  for (let line = 0; line < lines.length && top.length < TOP_LINES; line++) {
    const text = normalizeLine(lines[line] ?? '');
    if (text !== '') top.push({ line, text });
  }
  return top;
}

function findDateline(lines: readonly string[]): { line: number; date: string } | null {
  for (const { line, text } of topLines(lines)) {
    const date = parseDateline(text);
    if (date) return { line, date };
  }
  return null;
}

/** Takes the last "Source: X" line (they close an article) out of the lines; returns X. */
function takeSourceLine(lines: string[]): string | null {
  for (let line = lines.length - 1; line >= 0; line--) {
    const match = SOURCE_LINE.exec(normalizeLine(lines[line] ?? ''));
    if (match?.[1]) {
      lines[line] = '';
      return match[1];
    }
  }
  return null;
}

/**
 * The headline is the first line of text above the article, once page furniture is passed, if
 * it looks like a heading and more text follows it.
 */
function findHeadline(lines: readonly string[]): { line: number; text: string } | null {
  const top = topLines(lines).filter(({ text }) => !isBoilerplateLine(text));
  const [first, next] = top;
  if (!first || !next || !isHeadingLike(first.text)) return null;
  return first;
}
