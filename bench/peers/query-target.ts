/** What every engine under test offers the query timer: one search that returns its hit count. */
import type { BenchQuery, QueryClass, QueryFilter } from '../query-mix.js';

/** How an engine answers a class: natively, by an approximation we describe, or not at all. */
export type Support =
  { kind: 'native' } | { kind: 'approximated'; how: string } | { kind: 'n/a'; why: string };

export const NATIVE: Support = { kind: 'native' };

export interface QueryTarget {
  readonly name: string;
  /** What a hit is: a passage, or an article (our engine counts articles). */
  readonly unit: 'article' | 'passage';
  readonly support: Readonly<Record<QueryClass, Support>>;
  /** Whether searches also compute facet counts and highlighted snippets. */
  readonly extras: string;
  /** Runs the query (with the filter when given) and returns the number of hits. */
  search(query: BenchQuery, filter: QueryFilter | null): Promise<number>;
  close(): Promise<void>;
}
