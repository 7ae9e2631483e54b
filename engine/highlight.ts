/**
 * Highlighted HTML from engine snippets. Engines mark matches with two private-use characters;
 * we escape everything first and only then turn the markers into our own `<mark>` tags, so no
 * text from the corpus or the query can ever become markup.
 */

/** Opens a highlighted match in engine output (private use: never in real text after `stripMarkers`). */
export const MARK_OPEN = '\uE000';
/** Closes a highlighted match. */
export const MARK_CLOSE = '\uE001';
/** What a cropped passage starts or ends with when text was cut off. */
export const ELLIPSIS = '…';

const MARKERS = /[\uE000\uE001]/g;
const HTML_SPECIAL = /[&<>"']/g;
const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(HTML_SPECIAL, (char) => HTML_ENTITIES[char] ?? char);
}

/** Removes marker characters from source text, so only an engine's own markers reach `highlight`. */
export function stripMarkers(text: string): string {
  return text.replace(MARKERS, '');
}

/**
 * Turns text with {@link MARK_OPEN}/{@link MARK_CLOSE} markers into safe HTML: escaped text
 * plus `<mark>` tags, always balanced (a stray close is dropped, an unclosed mark is closed).
 * A mark never spans whitespace: a matched phrase is marked word by word, as Meilisearch marks it,
 * so every engine's highlights look alike.
 */
export function highlight(marked: string): string {
  let html = '';
  let open = false;
  for (const part of escapeHtml(marked).split(/([\uE000\uE001])/)) {
    if (part === MARK_OPEN) open = true;
    else if (part === MARK_CLOSE) open = false;
    else html += open ? markWords(part) : part;
  }
  return html;
}

function markWords(text: string): string {
  return text
    .split(/(\s+)/u)
    .map((piece) => (piece === '' || /^\s+$/u.test(piece) ? piece : `<mark>${piece}</mark>`))
    .join('');
}

/** The first `maxWords` words of a text, with an ellipsis when some were cut (plain text, not escaped). */
export function cropWords(text: string, maxWords: number): string {
  const words = text
    .trim()
    .split(/\s+/u)
    .filter((word) => word.length > 0);
  if (words.length <= maxWords) return words.join(' ');
  return `${words.slice(0, maxWords).join(' ')}${ELLIPSIS}`;
}
