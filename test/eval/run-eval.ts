/**
 * `npm run eval`: scores the extractors on the hand-labelled seed articles (test/eval/labels) and
 * prints precision and recall per extractor with every miss and false positive. Exits 1 when a
 * target in `TARGETS` is not met, like the test in eval.test.ts.
 */
import { EXTRACTORS, evaluate, type Score } from './evaluate.js';
import { loadEvalInput } from './eval-input.js';
import { missedTargets } from './targets.js';

const scores = evaluate(await loadEvalInput());
console.log(formatTable(scores));
for (const details of scores.map(formatDetails).filter((text) => text !== '')) console.log(details);
const missed = missedTargets(scores);
console.log(missed.length === 0 ? '\nAll targets met.' : `\nTargets missed:\n  ${missed.join('\n  ')}`);
process.exitCode = missed.length === 0 ? 0 : 1;

function formatTable(all: readonly Score[]): string {
  const width = Math.max(...EXTRACTORS.map((name) => name.length));
  const rows = all.map(
    (score) =>
      `${score.extractor.padEnd(width)}  ${score.precision.toFixed(3)}      ${score.recall.toFixed(3)}   ` +
      `${String(score.truePositives).padStart(3)}  ${String(score.falsePositives.length).padStart(3)}  ${String(score.misses.length).padStart(3)}`,
  );
  return [`${'extractor'.padEnd(width)}  precision  recall   tp   fp   fn`, ...rows].join('\n');
}

function formatDetails(score: Score): string {
  if (score.misses.length === 0 && score.falsePositives.length === 0) return '';
  const list = (title: string, items: readonly string[]): string[] =>
    items.length === 0 ? [] : [`  ${title}:`, ...items.map((item) => `    - ${item}`)];
  return [
    `\n${score.extractor}`,
    ...list('misses', score.misses),
    ...list('false positives', score.falsePositives),
  ].join('\n');
}
