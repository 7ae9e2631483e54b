/**
 * Evaluates a query plan to its matching passages with their rank, in memory: postings of the term
 * index for words, FTS5 for phrases, sorted-list intersection for AND, a bitmap for exclusions, and
 * bm25 computed per passage from the counts and lengths the term index keeps.
 *
 * bm25 (the formula FTS5 uses, k1 = 1.2, b = 0.75), summed over the query's words and phrases:
 * idf(e) · f·(k1 + 1) / (f + k1·(1 − b + b·|D| / avgdl)), where f counts the word's stems (its own,
 * completions, corrections) in the passage. A phrase counts as often as its least repeated word allows
 * (almost always once). https://sqlite.org/fts5.html#the_bm25_function
 */
import type { IndexMemory } from './sqlite-memory.js';
import type { OpenIndex, PhraseElement, PlanElement, QueryPlan, WordElement } from './sqlite-plan.js';
import type { Postings } from './sqlite-postings.js';

const K1 = 1.2;
const B = 0.75;

/** Matching passages (ordinals, ascending) with bm25 (higher is better) and tier (0: no typo needed). */
export interface MatchSet {
  rows: Uint32Array;
  scores: Float64Array;
  tiers: Uint8Array;
}

/** The passages one element matches, with its count in each and whether each needed no typo. */
interface ElementRows {
  rows: Uint32Array;
  counts: Uint8Array | Uint16Array;
  /** 1 where matched without a typo correction; null when all were. */
  exact: Uint8Array | null;
}

const EMPTY: ElementRows = { rows: new Uint32Array(0), counts: new Uint8Array(0), exact: null };

/** Per-passage scratch for unions and exclusions, reused by every search on one reader. */
class Scratch {
  readonly counts: Uint16Array;
  readonly flags: Uint8Array;
  readonly bits: Uint32Array;

  constructor(passages: number) {
    this.counts = new Uint16Array(passages);
    this.flags = new Uint8Array(passages);
    this.bits = new Uint32Array(Math.ceil(passages / 32));
  }
}

const scratches = new WeakMap<IndexMemory, Scratch>();

function scratchFor(memory: IndexMemory): Scratch {
  let scratch = scratches.get(memory);
  if (!scratch) {
    scratch = new Scratch(memory.passageCount);
    scratches.set(memory, scratch);
  }
  return scratch;
}

/** The union of several stems' postings, counts added up, in passage order. */
function union(memory: IndexMemory, parts: { postings: Postings; exact: boolean }[]): ElementRows {
  const [only] = parts;
  if (!only) return EMPTY;
  if (parts.length === 1)
    return {
      rows: only.postings.rows,
      counts: only.postings.counts,
      exact: only.exact ? null : new Uint8Array(only.postings.rows.length),
    };
  const { counts, flags, bits } = scratchFor(memory);
  let distinct = 0;
  for (const { postings, exact } of parts) {
    const { rows, counts: partCounts } = postings;
    const flag = exact ? 3 : 1;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] ?? 0;
      if (flags[row] === 0) {
        bits[row >>> 5] = (bits[row >>> 5] ?? 0) | (1 << (row & 31));
        distinct++;
      }
      flags[row] = (flags[row] ?? 0) | flag;
      counts[row] = Math.min(0xffff, (counts[row] ?? 0) + (partCounts[i] ?? 0));
    }
  }
  const rows = new Uint32Array(distinct);
  const summed = new Uint16Array(distinct);
  const exact = new Uint8Array(distinct);
  let allExact = true;
  let k = 0;
  for (let word = 0; word < bits.length; word++) {
    let set = bits[word] ?? 0;
    if (set === 0) continue;
    bits[word] = 0;
    while (set !== 0) {
      const lowest = set & -set;
      const row = word * 32 + (31 - Math.clz32(lowest));
      rows[k] = row;
      summed[k] = counts[row] ?? 0;
      const isExact = (flags[row] ?? 0) >> 1;
      exact[k] = isExact;
      if (isExact === 0) allExact = false;
      counts[row] = 0;
      flags[row] = 0;
      k++;
      set ^= lowest;
    }
  }
  return { rows, counts: summed, exact: allExact ? null : exact };
}

function wordRows(memory: IndexMemory, element: WordElement): ElementRows {
  const exactSids = [...element.exact];
  if (element.range) for (let sid = element.range[0]; sid < element.range[1]; sid++) exactSids.push(sid);
  const parts = [
    ...memory.postings(exactSids).map((postings) => ({ postings, exact: true })),
    ...memory.postings(element.typos).map((postings) => ({ postings, exact: false })),
  ];
  return union(memory, parts);
}

/** First index at or after `from` whose row is not below `target` (galloping, then halving). */
function seek(rows: Uint32Array, from: number, target: number): number {
  if (from >= rows.length || (rows[from] ?? 0) >= target) return from;
  let low = from;
  let step = 1;
  let high = from + 1;
  while (high < rows.length && (rows[high] ?? 0) < target) {
    low = high;
    step *= 2;
    high = from + step;
  }
  if (high > rows.length) high = rows.length;
  while (low + 1 < high) {
    const middle = (low + high) >>> 1;
    if ((rows[middle] ?? 0) < target) low = middle;
    else high = middle;
  }
  return high;
}

function phraseRows(index: OpenIndex, element: PhraseElement): ElementRows {
  const { memory } = index;
  const keys = index.statements.column<number>('SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?', [
    element.expression,
  ]);
  const rows = Uint32Array.from(keys, (pid) => memory.ordinalOfKey(pid));
  const counts = new Uint8Array(rows.length).fill(1);
  // Upper bound on the phrase's count: its rarest word's count (divided by its repeats in the phrase).
  const repeats = new Map<number, number>();
  for (const sid of element.stems) repeats.set(sid, (repeats.get(sid) ?? 0) + 1);
  const bound = new Uint8Array(rows.length).fill(255);
  for (const [sid, times] of repeats) {
    if (sid < 0) return { rows: new Uint32Array(0), counts: new Uint8Array(0), exact: null };
    const [postings] = memory.postings([sid]);
    if (!postings) continue;
    let cursor = 0;
    for (let i = 0; i < rows.length; i++) {
      cursor = seek(postings.rows, cursor, rows[i] ?? 0);
      const here = postings.rows[cursor] === rows[i] ? (postings.counts[cursor] ?? 1) : times;
      bound[i] = Math.min(bound[i] ?? 255, Math.floor(here / times));
    }
  }
  if (repeats.size > 0) for (let i = 0; i < rows.length; i++) counts[i] = Math.max(1, bound[i] ?? 1);
  return { rows, counts, exact: null };
}

function elementRows(index: OpenIndex, element: PlanElement): ElementRows {
  return element.kind === 'word' ? wordRows(index.memory, element) : phraseRows(index, element);
}

/** Marks every passage any excluded element matches. */
function excludedBits(index: OpenIndex, excluded: readonly PlanElement[]): Uint32Array | null {
  if (excluded.length === 0) return null;
  const bits = new Uint32Array(Math.ceil(index.memory.passageCount / 32));
  for (const element of excluded) {
    for (const row of elementRows(index, element).rows)
      bits[row >>> 5] = (bits[row >>> 5] ?? 0) | (1 << (row & 31));
  }
  return bits;
}

const isSet = (bits: Uint32Array | null, row: number) =>
  bits !== null && ((bits[row >>> 5] ?? 0) & (1 << (row & 31))) !== 0;

function idf(passages: number, matching: number): number {
  const value = Math.log((passages - matching + 0.5) / (matching + 0.5));
  return value > 0 ? value : 1e-6;
}

/** Every passage but the excluded ones (a query of negations only), unranked. */
function allExcept(index: OpenIndex, excluded: readonly PlanElement[]): MatchSet {
  const bits = excludedBits(index, excluded);
  const total = index.memory.passageCount;
  const rows = new Uint32Array(total);
  let k = 0;
  for (let row = 0; row < total; row++) if (!isSet(bits, row)) rows[k++] = row;
  return { rows: rows.slice(0, k), scores: new Float64Array(k), tiers: new Uint8Array(k) };
}

/** The passages matching every required element and no excluded one, ranked. */
export function evaluate(index: OpenIndex, plan: QueryPlan): MatchSet {
  if (plan.required.length === 0) return allExcept(index, plan.excluded);
  const { memory } = index;
  const passages = memory.passageCount;
  const elements = plan.required
    .map((element) => elementRows(index, element))
    .map((rows) => ({ ...rows, idf: idf(passages, rows.rows.length) }))
    .sort((a, b) => a.rows.length - b.rows.length);
  const excluded = excludedBits(index, plan.excluded);
  const [base, ...others] = elements;
  if (!base) return { rows: new Uint32Array(0), scores: new Float64Array(0), tiers: new Uint8Array(0) };
  const rows = new Uint32Array(base.rows.length);
  const scores = new Float64Array(base.rows.length);
  const tiers = new Uint8Array(base.rows.length);
  const cursors = new Array<number>(others.length).fill(0);
  const lengthScale = memory.averageLength > 0 ? B / memory.averageLength : 0;
  let k = 0;
  candidates: for (let i = 0; i < base.rows.length; i++) {
    const row = base.rows[i] ?? 0;
    if (isSet(excluded, row)) continue;
    for (let e = 0; e < others.length; e++) {
      const other = others[e];
      if (!other) continue;
      const at = seek(other.rows, cursors[e] ?? 0, row);
      cursors[e] = at;
      if (other.rows[at] !== row) continue candidates;
    }
    const norm = K1 * (1 - B + lengthScale * (memory.passageLength[row] ?? 0));
    let count = base.counts[i] ?? 1;
    let score = (base.idf * count * (K1 + 1)) / (count + norm);
    let tier = base.exact && base.exact[i] === 0 ? 1 : 0;
    for (let e = 0; e < others.length; e++) {
      const other = others[e];
      if (!other) continue;
      const at = cursors[e] ?? 0;
      count = other.counts[at] ?? 1;
      score += (other.idf * count * (K1 + 1)) / (count + norm);
      if (other.exact && other.exact[at] === 0) tier = 1;
    }
    rows[k] = row;
    scores[k] = score;
    tiers[k] = tier;
    k++;
  }
  return { rows: rows.subarray(0, k), scores: scores.subarray(0, k), tiers: tiers.subarray(0, k) };
}
