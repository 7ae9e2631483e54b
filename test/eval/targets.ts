import type { Score } from './evaluate.js';

/** What the extractors must reach on the seeds; a regression below fails `npm run eval` and CI. */
export const TARGETS: Readonly<Record<string, { precision: number; recall: number }>> = {
  // Precision first: a wrong accused country misleads; a missing one only hides a passage.
  countries: { precision: 1, recall: 0.9 },
  agencies: { precision: 0.9, recall: 0.9 },
  dates: { precision: 1, recall: 1 },
  'dates from text': { precision: 1, recall: 1 },
  'quote texts': { precision: 0.9, recall: 0.9 },
  'quote speakers': { precision: 0.9, recall: 0.9 },
};

/** One line per target not met, such as "countries precision 0.96 < 1". */
export function missedTargets(scores: readonly Score[]): string[] {
  return scores.flatMap((score) => {
    const target = TARGETS[score.extractor];
    if (!target) return [];
    return (['precision', 'recall'] as const)
      .filter((measure) => score[measure] < target[measure])
      .map((measure) => `${score.extractor} ${measure} ${score[measure].toFixed(3)} < ${target[measure]}`);
  });
}
