/**
 * One engine under test in a process of its own (fresh heap, its own peak RSS): builds the
 * in-memory peers from passages.jsonl, opens the SQLite ones, times the query mix and writes a
 * WorkerResult as JSON. Started by run-bench.ts; not meant to be run by hand.
 *   node --import tsx bench/query-worker.ts TARGET WORK_DIR QUERY_SECONDS OUT_FILE
 */
import fs from 'node:fs';
import path from 'node:path';
import { openExpandedFloorTarget, openFloorTarget } from './peers/fts5-floor.js';
import { openMiniSearchTarget } from './peers/minisearch.js';
import { openOramaTarget } from './peers/orama.js';
import type { QueryTarget } from './peers/query-target.js';
import { openEngineTarget } from './peers/sqlite-engine.js';
import { processMemory } from './memory.js';
import type { QueryClass, QueryMix } from './query-mix.js';
import { limitsFor, runQueryMix, type ClassResult } from './query-runner.js';
import type { Support } from './peers/query-target.js';
import { WORKER_TARGETS, type WorkerResult, type WorkerTarget } from './worker-result.js';
import { ratePerSecond } from './stats.js';
import { readPassages, workDir } from './work-dir.js';

async function openTarget(
  target: WorkerTarget,
  root: string,
): Promise<{ target: QueryTarget; indexing: WorkerResult['indexing'] }> {
  const dir = workDir(root);
  const indexFile = path.join(dir.dataDir, 'index.sqlite');
  switch (target) {
    case 'engine':
      return { target: await openEngineTarget(dir.dataDir), indexing: null };
    case 'floor':
      return { target: openFloorTarget(dir.floorFile), indexing: null };
    case 'floor-expanded':
      return { target: openExpandedFloorTarget(dir.floorFile, indexFile), indexing: null };
    case 'orama':
    case 'minisearch': {
      let documents = 0;
      const counted = async function* () {
        for await (const passage of readPassages(dir.passagesFile)) {
          documents++;
          yield passage;
        }
      };
      const started = performance.now();
      const opened =
        target === 'orama' ? await openOramaTarget(counted()) : await openMiniSearchTarget(counted());
      const ms = performance.now() - started;
      return {
        target: opened,
        indexing: {
          documents,
          ms,
          perSecond: ratePerSecond(documents, ms),
          heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
        },
      };
    }
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const [target, root, seconds, out] = argv;
  if (!WORKER_TARGETS.includes(target as WorkerTarget) || !root || !seconds || !out) {
    throw new Error(`usage: query-worker.ts ${WORKER_TARGETS.join('|')} WORK_DIR QUERY_SECONDS OUT_FILE`);
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const mix = JSON.parse(fs.readFileSync(workDir(root).queriesFile, 'utf8')) as QueryMix;
  const opened = await openTarget(target as WorkerTarget, root);
  if (opened.indexing) {
    log(
      `  ${opened.target.name}: indexed ${opened.indexing.documents} passages in ${(opened.indexing.ms / 1000).toFixed(1)} s`,
    );
  }
  const report = (classes: readonly ClassResult[], complete: boolean) => {
    const result: WorkerResult = {
      target: target as WorkerTarget,
      name: opened.target.name,
      unit: opened.target.unit,
      extras: opened.target.extras,
      support: opened.target.support as Record<QueryClass, Support>,
      indexing: opened.indexing,
      classes: [...classes],
      peakRssMb: processMemory('self')?.peakRssMb ?? null,
      complete,
    };
    fs.writeFileSync(out, JSON.stringify(result));
  };
  const classes = await runQueryMix(opened.target, mix, limitsFor(Number(seconds)), log, (done) =>
    report(done, false),
  );
  await opened.target.close();
  report(classes, true);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
