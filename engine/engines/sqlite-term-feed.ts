/**
 * Feeds the words of a build's passages to the term index (sqlite-term-index.ts). A big build
 * tokenizes and sorts them in a worker thread (sqlite-term-worker.ts), on the core that extraction
 * no longer uses once the engine runs, while this thread inserts rows and FTS5 rebuilds its
 * index; a small one does it here, sparing the worker's start. Either way the rows are the same.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../ts-worker.js';
import type { Stemmer } from './sqlite-stemmer.js';
import { TermIndexBuilder, type TermIndexRows } from './sqlite-term-index.js';

/**
 * Passages from which a build starts the worker, which loads its modules through tsx before it
 * can start. Measured on the bench's corpus (add + commit): 10,000 passages 1.23 s with the worker
 * against 0.99 s without, 25,000 1.91 s against 2.10 s, 50,000 2.99 s against 3.87 s.
 */
export const TERM_WORKER_FROM_PASSAGES = 20_000;

/** Messages to the worker: passages in order, then `finish`. */
export type TermWorkerRequest = { passages: { aids: Uint32Array; texts: string[] } } | { finish: true };
/** The worker's one answer. */
export type TermWorkerReply = { rows: TermIndexRows } | { error: unknown };

const WORKER_ENTRY = new URL('./sqlite-term-worker.ts', import.meta.url);

export class TermIndexFeed {
  private aids: number[] = [];
  private texts: string[] = [];
  private passages = 0;
  private thread: TermWorkerThread | null = null;

  /** `workerFrom`: passages from which the worker is used (Infinity: never). */
  constructor(private readonly workerFrom = TERM_WORKER_FROM_PASSAGES) {}

  /** The next passage (ordinal = passages so far) of article `aid`. */
  add(aid: number, text: string): void {
    this.aids.push(aid);
    this.texts.push(text);
    this.passages++;
  }

  /** Called after each batch: once there are enough passages, they go to the worker as they come. */
  flush(): void {
    if (this.thread === null && this.passages >= this.workerFrom) this.thread = new TermWorkerThread();
    if (this.thread === null || this.aids.length === 0) return;
    this.thread.send(Uint32Array.from(this.aids), this.texts);
    this.aids = [];
    this.texts = [];
  }

  /**
   * The term index of every passage added. With the worker, this returns at once and the rows
   * come while the caller goes on; without it, they are worked out here, stemmed by `stemmer`.
   */
  finish(stemmer: () => Stemmer): Promise<TermIndexRows> {
    if (this.thread !== null) {
      this.flush();
      return this.thread.finish();
    }
    const builder = new TermIndexBuilder();
    this.texts.forEach((text, i) => builder.addPassage(this.aids[i] ?? 0, text));
    this.aids = [];
    this.texts = [];
    const stem = stemmer();
    return Promise.resolve(builder.finish((words) => stem.stem(words)));
  }

  /** Stops the worker, if one runs (after `finish`, or to abandon the build). */
  async close(): Promise<void> {
    await this.thread?.close();
    this.thread = null;
  }
}

/** The worker and its one answer; when it fails or dies, `finish` rejects with why. */
class TermWorkerThread {
  private readonly worker: Worker;
  private readonly answer: Promise<TermIndexRows>;
  private rejectAnswer: (error: Error) => void = () => undefined;
  private closing = false;

  constructor() {
    this.worker = startTsWorker(WORKER_ENTRY);
    this.answer = new Promise((resolve, reject) => {
      this.rejectAnswer = reject;
      this.worker.on('message', (reply: TermWorkerReply) =>
        'rows' in reply ? resolve(reply.rows) : reject(reply.error),
      );
      this.worker.on('error', reject);
      this.worker.on('messageerror', reject);
      this.worker.on('exit', (code) => {
        if (!this.closing)
          reject(new Error(`the term index worker stopped unexpectedly (exit code ${code})`));
      });
    });
    // Read by `finish`; until then a failure must not count as unhandled.
    this.answer.catch(() => undefined);
  }

  send(aids: Uint32Array, texts: string[]): void {
    this.worker.postMessage({ passages: { aids, texts } } satisfies TermWorkerRequest, [
      aids.buffer as ArrayBuffer,
    ]);
  }

  finish(): Promise<TermIndexRows> {
    this.worker.postMessage({ finish: true } satisfies TermWorkerRequest);
    return this.answer;
  }

  /** Stops the worker; a `finish` still waiting (a build aborted while committing) rejects. */
  async close(): Promise<void> {
    this.closing = true;
    this.rejectAnswer(new Error('the index build was abandoned before its term index was complete'));
    await this.worker.terminate();
  }
}
