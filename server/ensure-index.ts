import type { SearchEngine } from '../engine/types.js';
import { rebuildIndex } from '../indexer/index-command.js';
import { corpusFingerprint } from '../indexer/load-corpus.js';
import type { Rejection } from '../indexer/types.js';

/**
 * Zero-setup start: when the index is missing or was built from another state of the corpus,
 * build it now (with the indexer's progress and summary), so `npm start` on a fresh clone serves
 * the bundled articles. Returns the rejected files so the caller can say which were left out.
 */
export async function ensureFreshIndex(
  engine: SearchEngine,
  corpusDir: string,
): Promise<{ rebuilt: boolean; rejected: Rejection[] }> {
  const [stats, fingerprint] = await Promise.all([engine.stats(), corpusFingerprint(corpusDir)]);
  if (stats.builtAt !== null && stats.corpusFingerprint === fingerprint)
    return { rebuilt: false, rejected: [] };
  console.log(
    stats.builtAt === null
      ? `No index yet: indexing ${corpusDir}`
      : `The corpus changed: reindexing ${corpusDir}`,
  );
  const loaded = await rebuildIndex(engine, corpusDir, { stdout: process.stdout, stderr: process.stderr });
  return { rebuilt: true, rejected: loaded.rejected };
}
