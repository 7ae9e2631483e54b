/** What a query worker (query-worker.ts) reports back to run-bench.ts. */
import type { Support } from './peers/query-target.js';
import type { QueryClass } from './query-mix.js';
import type { ClassResult } from './query-runner.js';

export const WORKER_TARGETS = ['engine', 'floor', 'floor-expanded', 'orama', 'minisearch'] as const;
export type WorkerTarget = (typeof WORKER_TARGETS)[number];

export interface WorkerResult {
  target: WorkerTarget;
  name: string;
  unit: 'article' | 'passage';
  extras: string;
  support: Record<QueryClass, Support>;
  /** In-memory peers only: building their index from the passages. */
  indexing: { documents: number; ms: number; perSecond: number; heapUsedMb: number } | null;
  classes: ClassResult[];
  peakRssMb: number | null;
  /** False while classes are still running: a worker stopped at its time limit leaves what it had. */
  complete: boolean;
}
