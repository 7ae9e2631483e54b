/**
 * Highlighting and cropping in JavaScript, for the few passages a page shows, by the rules of FTS5's
 * `snippet()` and `highlight()` (fts5_aux.c): the same window choice (the window of N tokens with the
 * most distinct query elements, preferring one that starts a sentence), the same ellipses, and
 * overlapping matches marked as one. Asking FTS5 instead re-evaluates the whole query once per
 * snippet, which for a prefix or a frequent word costs milliseconds each.
 * https://sqlite.org/fts5.html#the_snippet_function
 */
import { ELLIPSIS, MARK_CLOSE, MARK_OPEN } from '../highlight.js';
import { tokenSpans, type TokenSpan } from '../text.js';
import type { IndexMemory } from './sqlite-memory.js';
import type { PhrasePattern, PlanElement } from './sqlite-plan.js';

/** One occurrence of a phrase of the FTS5 expression: phrase index, first token and number of tokens. */
interface Instance {
  phrase: number;
  position: number;
  size: number;
}

const inRange = (sid: number, range: readonly [number, number] | null) =>
  range !== null && sid >= range[0] && sid < range[1];

/** Finds the occurrences of a query's positive words and phrases in a passage's tokens. */
export class QueryMarker {
  private readonly patterns: PhrasePattern[];
  /** The single-token phrases by stem id, for the common case of one lookup per token. */
  private readonly singles = new Map<number, number[]>();
  private readonly others: { phrase: number; pattern: PhrasePattern }[] = [];
  /** Stem id of every surface word that any phrase could match (other words match nothing). */
  private readonly stemOf = new Map<string, number>();

  constructor(memory: IndexMemory, elements: readonly PlanElement[]) {
    this.patterns = elements.flatMap((element) => element.patterns);
    const addStem = (sid: number) => {
      if (sid >= 0) for (const word of memory.wordsOfStem(sid)) this.stemOf.set(word, sid);
    };
    for (const { stems, lastRange } of this.patterns) {
      stems.forEach(addStem);
      if (lastRange) for (let sid = lastRange[0]; sid < lastRange[1]; sid++) addStem(sid);
    }
    this.patterns.forEach((pattern, phrase) => {
      // A phrase with a token no passage holds matches nothing (in FTS5 either).
      if (pattern.stems.some((sid) => sid < 0)) return;
      const [sid] = pattern.stems;
      if (pattern.stems.length === 1 && pattern.lastRange === null && sid !== undefined) {
        const phrases = this.singles.get(sid) ?? [];
        phrases.push(phrase);
        this.singles.set(sid, phrases);
      } else {
        this.others.push({ phrase, pattern });
      }
    });
  }

  /** Every occurrence, by position then phrase, as FTS5 lists phrase instances (xInst). */
  instances(spans: readonly TokenSpan[]): Instance[] {
    const sids = spans.map((span) => this.stemOf.get(span.token) ?? -1);
    const found: Instance[] = [];
    for (let position = 0; position < sids.length; position++) {
      const sid = sids[position] ?? -1;
      for (const phrase of this.singles.get(sid) ?? []) found.push({ phrase, position, size: 1 });
      for (const { phrase, pattern } of this.others) {
        const size = pattern.stems.length + (pattern.lastRange ? 1 : 0);
        if (size === 0 || position + size > sids.length) continue;
        const matches =
          pattern.stems.every((stem, j) => sids[position + j] === stem) &&
          (pattern.lastRange === null ||
            inRange(sids[position + pattern.stems.length] ?? -1, pattern.lastRange));
        if (matches) found.push({ phrase, position, size });
      }
    }
    return found.sort((a, b) => a.position - b.position || a.phrase - b.phrase);
  }
}

/** Overlapping instances merged into spans of token positions `[start, end]`, in order. */
function coalesce(instances: readonly Instance[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const { position, size } of instances) {
    const last = spans.at(-1);
    if (last && position <= last[1]) last[1] = Math.max(last[1], position + size - 1);
    else spans.push([position, position + size - 1]);
  }
  return spans;
}

/**
 * The text with its instances between MARK_OPEN and MARK_CLOSE, limited to the tokens `[first, last]`
 * (the whole text when `last` is null): fts5HighlightCb.
 */
function markText(
  text: string,
  spans: readonly TokenSpan[],
  instances: readonly Instance[],
  first: number,
  last: number | null,
): string {
  const marks = coalesce(instances).filter(([start]) => start >= first);
  let out = '';
  let offset = first > 0 ? (spans[first]?.start ?? 0) : 0;
  let mark = 0;
  const end = last === null ? spans.length - 1 : Math.min(last, spans.length - 1);
  for (let position = first; position <= end; position++) {
    const span = spans[position];
    if (!span) break;
    const current = marks[mark];
    if (current && position === current[0]) {
      out += text.slice(offset, span.start) + MARK_OPEN;
      offset = span.start;
    }
    if (current && position === current[1]) {
      out += text.slice(offset, span.end) + MARK_CLOSE;
      offset = span.end;
      mark++;
    }
    if (last !== null && position === last) {
      out += text.slice(offset, span.end);
      offset = span.end;
      const open = marks[mark];
      if (open && position >= open[0] && position < open[1]) out += MARK_CLOSE;
    }
  }
  if (last === null || last >= spans.length - 1) return out + text.slice(offset);
  return out + ELLIPSIS;
}

/** The whole text, every instance marked (FTS5 `highlight()`); null when nothing matches in it. */
export function markAll(text: string, marker: QueryMarker): string | null {
  const spans = tokenSpans(text);
  const instances = marker.instances(spans);
  return instances.length === 0 ? null : markText(text, spans, instances, 0, null);
}

/** Positions of the tokens that start a sentence: the first, and any after `.` or `:` and a space. */
function sentenceStarts(text: string, spans: readonly TokenSpan[]): number[] {
  const starts: number[] = [];
  spans.forEach((span, position) => {
    if (position === 0) {
      starts.push(0);
      return;
    }
    let i = span.start - 1;
    while (i >= 0 && ' \t\n\r'.includes(text[i] ?? '')) i--;
    if (i !== span.start - 1 && (text[i] === '.' || text[i] === ':')) starts.push(position);
  });
  return starts;
}

/**
 * The best window of `size` tokens around the instances, marked, with an ellipsis where text was
 * cut (FTS5 `snippet()` with that many tokens).
 */
export function snippet(text: string, marker: QueryMarker, size: number): string {
  const spans = tokenSpans(text);
  const instances = marker.instances(spans);
  const tokens = spans.length;
  /** fts5SnippetScore: 1000 per distinct phrase in the window, 1 per repeat; and the centred start. */
  const score = (start: number): { score: number; adjusted: number } => {
    const seen = new Set<number>();
    let total = 0;
    let first = -1;
    let last = 0;
    for (const instance of instances) {
      if (instance.position < start || instance.position >= start + size) continue;
      total += seen.has(instance.phrase) ? 1 : 1000;
      seen.add(instance.phrase);
      if (first < 0) first = instance.position;
      last = instance.position + instance.size;
    }
    let adjusted = first - Math.trunc((size - (last - first)) / 2);
    if (adjusted + size > tokens) adjusted = tokens - size;
    if (adjusted < 0) adjusted = 0;
    return { score: total, adjusted };
  };
  const starts = tokens > size ? sentenceStarts(text, spans) : [];
  let bestScore = 0;
  let bestStart = 0;
  for (const { position } of instances) {
    const here = score(position);
    if (here.score > bestScore) {
      bestScore = here.score;
      bestStart = here.adjusted;
    }
    if (starts.length === 0) continue;
    let sentence = 0;
    while (sentence < starts.length - 1 && (starts[sentence + 1] ?? 0) <= position) sentence++;
    const sentenceStart = starts[sentence] ?? 0;
    if (sentenceStart < position) {
      const fromSentence = score(sentenceStart).score + (sentenceStart === 0 ? 120 : 100);
      if (fromSentence > bestScore) {
        bestScore = fromSentence;
        bestStart = sentenceStart;
      }
    }
  }
  const marked = markText(text, spans, instances, bestStart, bestStart + size - 1);
  return bestStart > 0 ? ELLIPSIS + marked : marked;
}
