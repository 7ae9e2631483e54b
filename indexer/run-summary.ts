import type { IndexRun } from './update-index.js';
import { formatRejection, type Rejection, type SkippedFile } from './types.js';

/**
 * The end-of-run report: what was indexed (or why nothing was), how much came from the cache, and
 * every skipped or rejected file with its reason. `dir` names the corpus in the "up to date" line.
 */
export function formatRunSummary(run: IndexRun, dir: string): string {
  const lines: string[] = [];
  let rejected: Rejection[];
  let skipped: SkippedFile[];
  if (run.outcome === 'current') {
    lines.push(
      `The index is up to date with ${dir} (${plural(run.articles, 'article')}, ${plural(run.passages, 'passage')}): ` +
        'nothing was read or rebuilt.',
    );
    ({ rejected, skipped } = run.report);
  } else {
    const { loaded } = run;
    const passages = loaded.articles.reduce((sum, article) => sum + article.passages.length, 0);
    const counts = `${plural(loaded.articles.length, 'article')} (${plural(passages, 'passage')}) from ${plural(loaded.files, 'file')}`;
    lines.push(
      run.outcome === 'built'
        ? `Indexed ${counts} in ${run.seconds.toFixed(1)} s.`
        : `Read ${counts} in ${run.seconds.toFixed(1)} s.`,
    );
    if (loaded.reused > 0) {
      lines.push(
        `Extracted ${plural(loaded.extracted, 'article')} anew; ${loaded.reused.toLocaleString('en')} unchanged came from the extraction cache.`,
      );
    }
    ({ rejected, skipped } = loaded);
  }
  if (skipped.length > 0) {
    lines.push(`Skipped ${plural(skipped.length, 'file')}:`);
    lines.push(...skipped.map((file) => `  ${file.path} — ${file.reason}`));
  }
  if (rejected.length > 0) {
    lines.push(`Not indexed (${rejected.length}):`);
    lines.push(...rejected.map((rejection) => `  ${formatRejection(rejection)}`));
  }
  if (run.outcome === 'refused') lines.push('--strict: nothing indexed, the previous index is kept.');
  return `${lines.join('\n')}\n`;
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}
