import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../engine/ts-worker.js';
import { packUnits, type PackedUnits } from './extract-batch.js';
import type { SourceUnit } from './read-document.js';

/** A batch for a worker. */
export interface ExtractRequest {
  id: number;
  packed: PackedUnits;
}

/** A worker's answer: the JSON of each unit's outcome in the batch's order, or what it threw. */
export type ExtractReply = { id: number; outcomes: string[] } | { id: number; error: unknown };

const WORKER_ENTRY = new URL('./extract-worker.ts', import.meta.url);

interface Pending {
  resolve: (outcomes: string[]) => void;
  reject: (error: unknown) => void;
}

/** One worker and the batches it has not answered yet. */
class PoolWorker {
  readonly pending = new Map<number, Pending>();
  /** Set once the worker failed: every batch it had, and every later one, is rejected with it. */
  failure: unknown = null;
  private closing = false;
  private readonly worker: Worker;

  constructor() {
    this.worker = startTsWorker(WORKER_ENTRY);
    this.worker.on('message', (reply: ExtractReply) => this.answer(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('messageerror', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.closing)
        this.fail(new Error(`an extraction worker stopped unexpectedly (exit code ${code})`));
    });
  }

  extract(id: number, units: readonly SourceUnit[]): Promise<string[]> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const packed = packUnits(units);
      this.worker.postMessage({ id, packed } satisfies ExtractRequest, [packed.bytes]);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }

  private answer(reply: ExtractReply): void {
    const pending = this.pending.get(reply.id);
    if (pending === undefined) return;
    this.pending.delete(reply.id);
    if ('error' in reply) pending.reject(reply.error);
    else pending.resolve(reply.outcomes);
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const { reject } of this.pending.values()) reject(this.failure);
    this.pending.clear();
  }
}

/**
 * Worker threads that extract units (`extractUnit`) beside the main thread, each batch on the
 * worker with the fewest batches waiting. A batch is answered with the JSON of each unit's outcome,
 * in order. When a worker throws, fails to start or dies, its batches are rejected with that error,
 * so a caller never waits for an answer that cannot come.
 */
export class ExtractPool {
  private readonly workers: PoolWorker[];
  private nextId = 0;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError('an extraction pool needs 1 worker or more');
    this.workers = Array.from({ length: size }, () => new PoolWorker());
  }

  extract(units: readonly SourceUnit[]): Promise<string[]> {
    const worker = this.workers.reduce((least, candidate) =>
      candidate.pending.size < least.pending.size ? candidate : least,
    );
    return worker.extract(this.nextId++, units);
  }

  /** Stops every worker; batches still out are abandoned. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}
