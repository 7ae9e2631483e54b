import os from 'node:os';
import { ExtractPool } from './extract-pool.js';
import { extractUnit } from './extract-unit.js';
import type { UnitOutcome } from './extraction-cache.js';
import type { SourceUnit } from './read-document.js';

/**
 * Where units are extracted: `'auto'` starts worker threads, one per core, when there are enough
 * new articles to repay starting them (never on one core, where they would only take turns with
 * this thread); `0` extracts in this thread only; `n` uses n workers from the first unit on.
 */
export type ExtractWorkers = 'auto' | number;

/** What a unit became; `json` is its JSON when a worker made it (the cache stores that text). */
export interface Extracted {
  outcome: UnitOutcome;
  json?: string;
}

/**
 * New bytes from which `'auto'` uses workers. Each takes about a second to start (it loads the
 * indexer through tsx), so two workers only beat one thread from about 12 to 16 MB of new
 * articles (measured on the bench's corpus: 8 MB 2.4 s against 2.2 s, 16 MB 3.7 s against 4.0 s).
 */
export const AUTO_WORKERS_FROM_BYTES = 16_000_000;
/** A worker's batch: big enough that messages cost little beside extraction, small enough to keep every worker busy. */
const BATCH_UNITS = 64;
const BATCH_BYTES = 512 * 1024;
/** Batches out per worker: one being extracted, the next waiting. */
const BATCHES_PER_WORKER = 2;

/**
 * Steps held in one segment at most: a long run of cached articles behind a batch still out is
 * let through in pieces, so neither memory nor progress reports wait for the end of the corpus.
 */
const SEGMENT_STEPS = 1024;

/** A step runs in order; a step for an extracted unit takes its result from `next`. */
type Step = (next: () => Extracted) => void;

interface Segment {
  steps: Step[];
  units: SourceUnit[];
  bytes: number;
}

interface SealedSegment {
  steps: Step[];
  results: Promise<Extracted[]>;
  /** Set once `results` has settled, so that ready segments are run without waiting. */
  done: { results: Extracted[] } | { error: unknown } | null;
}

/**
 * Runs the indexer's per-unit steps in the order they were added, while the units themselves
 * may be extracted elsewhere (in worker threads, several batches at once): a step's effect (an
 * article kept, a duplicate rejected, a progress report) happens exactly when it would if every
 * unit were extracted here, one after the other. So the outcome never depends on the threads.
 */
export class OrderedExtraction {
  private readonly sealed: SealedSegment[] = [];
  private open: Segment = { steps: [], units: [], bytes: 0 };
  private pool: ExtractPool | null = null;
  private newBytes = 0;

  /**
   * `expectedNewBytes`: how much the caller knows it will extract (the whole corpus when nothing
   * is cached), so that workers needed anyway start with the first unit rather than later.
   */
  constructor(
    private readonly workers: ExtractWorkers = 'auto',
    private readonly expectedNewBytes = 0,
  ) {
    if (workers !== 'auto' && (!Number.isInteger(workers) || workers < 0))
      throw new RangeError(`extraction workers must be 'auto' or a whole number, not ${workers}`);
  }

  /** Adds a step that needs no extraction (a rejection, a cached article, a progress report). */
  async pass(step: () => void): Promise<void> {
    this.runReady();
    if (this.sealed.length === 0 && this.open.steps.length === 0) {
      step();
      return;
    }
    this.open.steps.push(() => step());
    if (this.open.steps.length >= SEGMENT_STEPS) await this.sealAndWait();
  }

  /** Adds a unit to extract and the step that uses its outcome; waits while enough batches are out. */
  async extract(unit: SourceUnit, step: (extracted: Extracted) => void): Promise<void> {
    this.newBytes += unit.bytes.length;
    this.startWorkersIfWorthIt();
    this.open.steps.push((next) => step(next()));
    this.open.units.push(unit);
    this.open.bytes += unit.bytes.length;
    const { units, bytes, steps } = this.open;
    const full = units.length >= BATCH_UNITS || bytes >= BATCH_BYTES || steps.length >= SEGMENT_STEPS;
    if (this.pool === null || full) await this.sealAndWait();
  }

  /** Runs every step left, waiting for the extractions still out. */
  async finish(): Promise<void> {
    if (this.open.steps.length > 0) this.seal();
    await this.settleDownTo(0);
  }

  /** Stops the workers, if any were started; call it also when the run failed. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }

  private startWorkersIfWorthIt(): void {
    if (this.pool !== null || this.workers === 0) return;
    if (this.workers !== 'auto') this.pool = new ExtractPool(this.workers);
    else if (
      Math.max(this.newBytes, this.expectedNewBytes) >= AUTO_WORKERS_FROM_BYTES &&
      os.availableParallelism() > 1
    ) {
      this.pool = new ExtractPool(os.availableParallelism());
    }
  }

  private async sealAndWait(): Promise<void> {
    this.seal();
    await this.settleDownTo(this.pool === null ? 0 : this.pool.size * BATCHES_PER_WORKER);
  }

  private seal(): void {
    const { steps, units } = this.open;
    this.open = { steps: [], units: [], bytes: 0 };
    const results =
      units.length === 0
        ? Promise.resolve([])
        : this.pool === null
          ? extractHere(units)
          : extractInPool(this.pool, units);
    const segment: SealedSegment = { steps, results, done: null };
    // Also keeps a failed batch from counting as an unhandled rejection until its turn comes.
    results.then(
      (extracted) => (segment.done = { results: extracted }),
      (error: unknown) => (segment.done = { error }),
    );
    this.sealed.push(segment);
  }

  /** Runs the segments at the head whose extraction is back, without waiting for the others. */
  private runReady(): void {
    for (let head = this.sealed[0]; head !== undefined && head.done !== null; head = this.sealed[0]) {
      this.sealed.shift();
      run(head.steps, head.done);
    }
  }

  private async settleDownTo(limit: number): Promise<void> {
    this.runReady();
    while (this.sealed.length > limit) {
      const head = this.sealed[0];
      if (head === undefined) return;
      await head.results.catch(() => undefined);
      this.runReady();
    }
  }
}

function run(steps: readonly Step[], done: { results: Extracted[] } | { error: unknown }): void {
  if ('error' in done) throw done.error;
  const { results } = done;
  let i = 0;
  const next = (): Extracted => {
    const result = results[i++];
    if (result === undefined) throw new Error('an extraction batch came back short');
    return result;
  };
  for (const step of steps) step(next);
}

function extractHere(units: readonly SourceUnit[]): Promise<Extracted[]> {
  try {
    return Promise.resolve(units.map((unit) => ({ outcome: extractUnit(unit) })));
  } catch (error) {
    return Promise.reject(error);
  }
}

async function extractInPool(pool: ExtractPool, units: readonly SourceUnit[]): Promise<Extracted[]> {
  const outcomes = await pool.extract(units);
  return outcomes.map((json) => ({ outcome: JSON.parse(json) as UnitOutcome, json }));
}
