/** The words of one quotation inside one passage: `[start, end)` excludes the quotation marks. */
export interface QuotePart {
  /** Position of the passage in the list given to `findQuoteSpans`. */
  passage: number;
  start: number;
  end: number;
}

/** One quotation: usually one part, several when it runs on over paragraphs. */
export interface QuoteSpan {
  parts: QuotePart[];
}

type Role = 'open' | 'close';

interface Mark {
  at: number;
  role: Role;
}

const DOUBLE = { marks: /["“”„«»]/g, opening: /[“„«]/, closing: /[”»]/ };
const SINGLE = { marks: /['‘’]/g, opening: /[‘]/, closing: /[’]/ };
type Style = typeof DOUBLE;

/**
 * Finds every quotation in an article's passages. Straight and typographic marks are read by
 * where they stand (a mark after a space opens, one after a word closes), so mixed pairs such as
 * `"…”` work. A quotation left open at the end of a paragraph runs on when the next paragraph
 * opens with a quotation mark (the newspaper convention) or closes one before opening any (a
 * paragraph cut in two); otherwise it ends with its paragraph. Single marks count as quotation
 * marks only in an article that has no double ones, since elsewhere they are apostrophes and
 * quotes within quotes.
 */
export function findQuoteSpans(texts: readonly string[]): QuoteSpan[] {
  const style = texts.some((text) => /["“”„«»]/.test(text)) ? DOUBLE : SINGLE;
  const spans: QuoteSpan[] = [];
  let pending: QuoteSpan | null = null;
  texts.forEach((text, passage) => {
    const marks = findMarks(text, style);
    let open: { span: QuoteSpan; start: number } | null = null;
    let first = 0;
    if (pending) {
      const continued = continuation(text, marks);
      if (continued) {
        open = { span: pending, start: continued.start };
        first = continued.skip;
      }
      pending = null;
    }
    for (const mark of marks.slice(first)) {
      if (mark.role === 'open') {
        if (open) closePart(open, passage, mark.at, text);
        const span: QuoteSpan = { parts: [] };
        spans.push(span);
        open = { span, start: mark.at + 1 };
      } else if (open) {
        closePart(open, passage, mark.at, text);
        open = null;
      }
    }
    if (open) {
      closePart(open, passage, text.length, text);
      pending = open.span;
    }
  });
  return spans.filter((span) => span.parts.length > 0);
}

/** How a quotation left open goes on in this passage, if it does. */
function continuation(text: string, marks: readonly Mark[]): { start: number; skip: number } | null {
  const [first] = marks;
  if (!first) return null;
  const opensPassage = first.role === 'open' && text.slice(0, first.at).trim() === '';
  if (opensPassage) return { start: first.at + 1, skip: 1 };
  // A close before any open: the passage is the rest of a paragraph that was cut mid-quote.
  if (first.role === 'close') return { start: 0, skip: 0 };
  return null;
}

function closePart(
  open: { span: QuoteSpan; start: number },
  passage: number,
  end: number,
  text: string,
): void {
  let start = open.start;
  let stop = end;
  while (start < stop && /\s/.test(text[start] ?? '')) start++;
  while (stop > start && /\s/.test(text[stop - 1] ?? '')) stop--;
  if (stop > start) open.span.parts.push({ passage, start, end: stop });
}

function findMarks(text: string, style: Style): Mark[] {
  const marks: Mark[] = [];
  for (const match of text.matchAll(style.marks)) {
    const role = markRole(text, match.index, style);
    if (role) marks.push({ at: match.index, role });
  }
  return marks;
}

/**
 * Opening or closing, from the neighbours first and the glyph second. Null for a mark that is
 * neither, such as the apostrophe inside "don't".
 */
function markRole(text: string, at: number, style: Style): Role | null {
  const mark = text[at] ?? '';
  const before = text[at - 1];
  const after = text[at + 1];
  const spaceBefore = before === undefined || /[\s([{—–/:-]/.test(before);
  const spaceAfter = after === undefined || /[\s,.;:!?)\]}…—–-]/.test(after);
  if (style === SINGLE && !spaceBefore && !spaceAfter) return null;
  if (spaceBefore && !spaceAfter) return 'open';
  if (!spaceBefore && spaceAfter) return 'close';
  if (style.opening.test(mark)) return 'open';
  if (style.closing.test(mark)) return 'close';
  return spaceBefore ? 'open' : 'close';
}
