import type { SearchEngine } from '../engine/types.js';
import { indexCorpus } from '../indexer/index-corpus.js';
import { corpusFingerprint, loadCorpus } from '../indexer/load-corpus.js';

/**
 * Zero-setup start: when the index is missing or was built from another state of the corpus,
 * build it now, so `npm start` on a fresh clone serves the bundled articles.
 * Returns the files that were rejected, so the caller can say which.
 */
export async function ensureFreshIndex(
  engine: SearchEngine,
  corpusDir: string,
  log: (line: string) => void,
): Promise<{ rebuilt: boolean; rejected: { path: string; line?: number; reason: string }[] }> {
  const [stats, fingerprint] = await Promise.all([engine.stats(), corpusFingerprint(corpusDir)]);
  if (stats.builtAt !== null && stats.corpusFingerprint === fingerprint) return { rebuilt: false, rejected: [] };
  log(stats.builtAt === null ? `No index yet: indexing ${corpusDir} …` : `The corpus changed: reindexing ${corpusDir} …`);
  let lastPercent = -1;
  const loaded = await loadCorpus(corpusDir, {
    onProgress: (done, total) => {
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      if (percent >= lastPercent + 10 || done === total) {
        lastPercent = percent;
        log(`  read ${done}/${total} files (${percent}%)`);
      }
    },
  });
  await indexCorpus(engine, loaded);
  const passages = loaded.articles.reduce((sum, article) => sum + article.passages.length, 0);
  log(`Indexed ${loaded.articles.length} articles, ${passages} passages.`);
  for (const rejection of loaded.rejected) {
    log(`  rejected ${rejection.path}${rejection.line ? `:${rejection.line}` : ''}: ${rejection.reason}`);
  }
  return { rebuilt: true, rejected: loaded.rejected };
}
