import type { SearchEngine } from '../engine/types.js';
import type { OutputStream } from '../indexer/progress.js';
import { formatRunSummary } from '../indexer/run-summary.js';
import type { Rejection } from '../indexer/types.js';
import { rejectionsOf, updateIndex, type IndexSettings } from '../indexer/update-index.js';

/**
 * Zero-setup start: brings the index up to date with the corpus (with the indexer's progress and
 * summary), so `npm start` on a fresh clone serves the bundled articles and a restart after an edit
 * serves the edit. When the index is already current nothing is read, but the files its build
 * rejected are still listed, every start. Returns them so the caller can say how many were left out.
 */
export async function ensureFreshIndex(
  engine: SearchEngine,
  settings: IndexSettings,
  output: { stdout: OutputStream; stderr: OutputStream } = { stdout: process.stdout, stderr: process.stderr },
): Promise<{ rebuilt: boolean; rejected: Rejection[] }> {
  const run = await updateIndex(engine, settings, {}, output);
  output.stdout.write(formatRunSummary(run, settings.corpusDir));
  return { rebuilt: run.outcome === 'built', rejected: rejectionsOf(run) };
}
